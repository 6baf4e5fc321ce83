import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { demoEmails } from '../../support/test-session.ts';
import { signedInApp } from '../../support/signed-in-app.ts';
import { createPhone } from '../../support/sync-harness.ts';
import { jhtFullClaim } from '../../support/claim-builders.ts';
import { withDocuments } from '../../support/claim-documents.ts';
import { claims } from '../../../server/db/schema.ts';
import { advanceClaim } from '../../../server/features/claims/claim-status.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { buildClaimFixArgs, latestClaimFix, queueClaimFix } from '../../../client/features/claims/claim-fix.ts';
import { claimFixText } from '../../../client/features/claims/claim-fix-text.ts';

describe('a claim returned by the office, corrected on the phone', () => {
  const dewi = signedInApp(demoEmails.dewi);

  it('is corrected offline, delivered once when online, and shows as submitted again with the event', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray())[0]!.kpj;
    await queueMutation(phone.db, { name: 'claim.submit', args: await withDocuments(dewi.t.database.db, jhtFullClaim(kpj, 'Dewi Lestari')), label: 'JHT penuh' }, 1);
    await phone.engine.sync();
    const [row] = await dewi.t.database.db.select().from(claims).where(eq(claims.participantId, dewi.participantId));
    for (const [to, note] of [['VERIFYING', 'Diperiksa.'], ['RETURNED', 'Rekening atas nama orang lain.']] as const) {
      dewi.t.clock.advance(60_000);
      await dewi.t.database.db.transaction((tx) => advanceClaim(tx, { claimId: row!.id, to, note, actor: 'officer', now: dewi.t.clock.now() }));
    }
    await phone.engine.sync();
    const local = (await phone.db.claims.filter((c) => c.claimNo === row!.claimNo).first())!;
    expect(local.status).toBe('RETURNED');
    const returned = (await phone.db.claimEvents.where('claimKey').equals(local.key).toArray()).find((e) => e.status === 'RETURNED')!;
    expect(returned.note).toBe('Rekening atas nama orang lain.');

    const empty = buildClaimFixArgs(local.claimNo, { newAccount: { bankCode: '', number: '', holderName: '' }, documentsConfirmed: [], note: '' }, claimFixText.id.fieldHelp, 'id');
    expect(empty).toEqual({ ok: false, errors: { 'bankAccount.bankCode': 'Pilih bank dari daftar.', 'bankAccount.number': 'Nomor rekening harus 6 sampai 20 angka.', 'bankAccount.holderName': 'Nama pemilik rekening minimal 2 huruf.', note: 'Tulis apa yang sudah Anda perbaiki, minimal 5 huruf.' } });

    phone.setFault('network-down');
    const built = buildClaimFixArgs(local.claimNo, { newAccount: { bankCode: '009', number: '0987654321', holderName: 'Dewi Lestari' }, documentsConfirmed: ['BUKU_TABUNGAN'], note: 'Rekening sudah atas nama saya.' }, claimFixText.id.fieldHelp, 'id');
    if (!built.ok) throw new Error('correction should be complete');
    await queueClaimFix(phone.db, { args: built.args, returnedEventKey: returned.key, label: 'Perbaikan klaim' }, 2, randomUUID);
    expect(await phone.engine.sync()).toEqual({ kind: 'offline' });
    expect((await latestClaimFix(phone.db, returned.key))?.state).toBe('queued');

    dewi.t.clock.advance(60_000);
    phone.setFault('answer-lost');
    await phone.engine.sync();
    phone.setFault('none');
    await phone.engine.sync();

    expect((await latestClaimFix(phone.db, returned.key))?.state).toBe('sent');
    expect((await phone.db.claims.get(local.key))?.status).toBe('SUBMITTED');
    const events = (await phone.db.claimEvents.where('claimKey').equals(local.key).sortBy('at')).map((e) => e.status);
    expect(events).toEqual(['SUBMITTED', 'VERIFYING', 'RETURNED', 'SUBMITTED']);
    const [server] = await dewi.t.database.db.select().from(claims).where(eq(claims.id, row!.id));
    expect(server).toMatchObject({ status: 'SUBMITTED', bankAccount: '0987654321' });
  });
});
