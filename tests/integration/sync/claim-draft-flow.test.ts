import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { jsonRequest } from '../../support/test-app.ts';
import { jhtFullClaim } from '../../support/claim-builders.ts';
import { withDocuments } from '../../support/claim-documents.ts';
import type { PushResponse } from '../../../shared/sync/protocol.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import { signedInApp } from '../../support/signed-in-app.ts';
import { createPhone } from '../../support/sync-harness.ts';
import { claims, participants } from '../../../server/db/schema.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { copyRejectedDraft, openClaimDraft, queueClaim, saveClaimDraft } from '../../../client/features/claims/claim-drafts.ts';
import { buildClaimArgs, type ClaimDraftData } from '../../../client/features/claims/claim-draft-model.ts';
import { loadLocalClaimFacts } from '../../../client/features/claims/claim-local-facts.ts';
import { assessClaim } from '../../../shared/claims/claim-eligibility.ts';

/** Every answer a JHT claim after a lay-off needs, as the wizard stores them. */
const completeJhtFullDraft = (kpj: string, holderName: string): ClaimDraftData => ({
  type: 'JHT_FULL',
  kpj,
  cause: 'PHK',
  bankAccount: { bankCode: '009', number: '0123456789', holderName },
  documentsConfirmed: ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'BUKTI_PHK'],
});

describe('a claim drafted offline on the phone', () => {
  const dewi = signedInApp(demoEmails.dewi);

  /** Dewi's card gets a claim in process, filed from another device (removed after the test). */
  async function claimInProcess(kpj: string) {
    const mutation = { id: 1, name: 'claim.submit', args: await withDocuments(dewi.t.database.db, jhtFullClaim(kpj, 'Dewi Lestari')), createdAt: 1 };
    const res = await dewi.t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: randomUUID(), mutations: [mutation] }, { Cookie: dewi.cookie }));
    const [result] = ((await res.json()) as PushResponse).results;
    expect(result!.status).toBe('applied');
  }

  it('survives reopening, is pre-checked offline, and becomes exactly one claim with its number', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray())[0]!.kpj;
    phone.setFault('network-down');

    const draftId = await openClaimDraft(phone.db, 'JHT_FULL', [], 1, randomUUID);
    const data = completeJhtFullDraft(kpj, 'DEWI LESTARI');
    await saveClaimDraft(phone.db, draftId, { data, step: 4 }, 2);
    // The browser is killed here: a new handle on the same database finds the draft as left.
    phone.db.close();
    await phone.db.open();
    const reopened = (await phone.db.drafts.get(draftId))!;
    expect(reopened).toMatchObject({ state: 'editing', step: 4, data });

    const built = buildClaimArgs(draftId, data);
    if (!built.ok) throw new Error('draft should be complete');
    const facts = (await loadLocalClaimFacts(phone.db, kpj, 'JHT_FULL', draftId))!;
    expect(assessClaim(built.args, facts, '2026-11-25')).toMatchObject({ eligible: true, program: 'JHT' });

    // The phone's upload stage put the pages on the server before it queued the claim.
    await queueClaim(phone.db, await withDocuments(dewi.t.database.db, built.args), 'JHT penuh', 3);
    expect(await phone.engine.sync()).toEqual({ kind: 'offline' });
    expect((await phone.db.drafts.get(draftId))?.state).toBe('queued');

    phone.setFault('answer-lost');
    await phone.engine.sync();
    phone.setFault('none');
    await phone.engine.sync();

    const sent = (await phone.db.drafts.get(draftId))!;
    expect(sent.state).toBe('sent');
    expect(sent.resultRef).toMatch(/^KLM-/);
    expect(await dewi.t.database.db.select().from(claims).where(eq(claims.draftId, draftId))).toHaveLength(1);
    const local = await phone.db.claims.where('draftId').equals(draftId).first();
    expect(local).toMatchObject({ claimNo: sent.resultRef, status: 'SUBMITTED' });
    expect(await phone.db.claimEvents.where('claimKey').equals(local!.key).count()).toBe(1);
  });

  it('shows a refusal with the server’s reason and never sends it again', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray())[0]!.kpj;
    await claimInProcess(kpj);
    const draftId = await openClaimDraft(phone.db, 'JHT_FULL', [], 1, randomUUID);
    const data = completeJhtFullDraft(kpj, 'Dewi Lestari');
    const built = buildClaimArgs(draftId, data);
    if (!built.ok) throw new Error('draft should be complete');
    await queueClaim(phone.db, await withDocuments(dewi.t.database.db, built.args), 'JHT penuh', 3);
    await phone.engine.sync();
    const refused = (await phone.db.drafts.get(draftId))!;
    expect(refused).toMatchObject({ state: 'rejected', rejection: { code: 'CLAIM_IN_PROCESS' } });
    expect(await phone.db.outbox.count()).toBe(0);
  });

  it('shows a claim the server failed on as refused with what to do, keeps every answer for a resend, and delivers what came after', async () => {
    const siti = await signInAs(dewi.t, demoEmails.siti);
    const phone = createPhone(dewi.t, siti.cookie);
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray()).find((m) => m.status === 'ACTIVE')!.kpj;
    const draftId = await openClaimDraft(phone.db, 'JKK', [], 1, randomUUID);
    const data: ClaimDraftData = {
      type: 'JKK',
      kpj,
      accidentDate: '2026-11-20',
      accidentTime: '08:30',
      place: 'Gudang Uji Penolakan Server',
      description: 'Tangan kiri terjepit mesin press saat mengganti cetakan.',
      onTheWayToWork: false,
      facilityId: 'plkk-bandung-1',
      documentsConfirmed: ['KPJ'],
    };
    await saveClaimDraft(phone.db, draftId, { data, step: 4 }, 2);
    const built = buildClaimArgs(draftId, data);
    if (!built.ok) throw new Error('draft should be complete');
    await queueClaim(phone.db, await withDocuments(dewi.t.database.db, built.args), 'Laporan kecelakaan', 3);
    await queueMutation(phone.db, { name: 'profile.update', args: { address: 'Jl. Sesudah Klaim No. 9, Bandung' }, label: 'Alamat' }, 4);
    // The database refuses the row the real handler writes: the handler throws, as on a NUL byte.
    await dewi.t.database.db.execute(sql`alter table claims add constraint test_refuse_place check ((details->>'place') is distinct from 'Gudang Uji Penolakan Server')`);
    try {
      expect(await phone.engine.sync()).toMatchObject({ kind: 'ok', pushed: 1, rejected: 1 });
    } finally {
      await dewi.t.database.db.execute(sql`alter table claims drop constraint test_refuse_place`);
    }
    const refused = (await phone.db.drafts.get(draftId))!;
    expect(refused).toMatchObject({ state: 'rejected', data, rejection: { code: 'SERVER_REFUSED' } });
    expect(refused.rejection?.message).toMatch(/kirim ulang.*175/);
    expect(await phone.db.outbox.count()).toBe(0);
    const [person] = await dewi.t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
    expect(person?.address).toBe('Jl. Sesudah Klaim No. 9, Bandung');

    // "Perbaiki dan kirim ulang": a new draft with the same answers, sent once the cause is gone.
    const copyId = await copyRejectedDraft(phone.db, refused, 5, randomUUID);
    expect((await phone.db.drafts.get(copyId))?.data).toEqual(data);
    const rebuilt = buildClaimArgs(copyId, data);
    if (!rebuilt.ok) throw new Error('copy should be complete');
    await queueClaim(phone.db, await withDocuments(dewi.t.database.db, rebuilt.args), 'Laporan kecelakaan', 6);
    await phone.engine.sync();
    expect((await phone.db.drafts.get(copyId))?.state).toBe('sent');
    expect(await dewi.t.database.db.select().from(claims).where(eq(claims.draftId, copyId))).toHaveLength(1);
    expect(await dewi.t.database.db.select().from(claims).where(eq(claims.draftId, draftId))).toHaveLength(0);
    phone.db.close();
  });
});
