import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { jhtFullClaim } from '../../../support/claim-builders.ts';
import { withDocuments } from '../../../support/claim-documents.ts';
import { claims } from '../../../../server/db/schema.ts';
import type { PullResponse, PushResponse } from '../../../../shared/sync/protocol.ts';

const officer = { Authorization: `Basic ${Buffer.from('admin:admin-demo-2026').toString('base64')}` };

describe('claim.resubmit: a claim returned by the office, fixed and sent back', () => {
  let t: TestApp;
  let dewi: { cookie: string; participantId: number; kpj: string };
  let agus: { cookie: string };
  let claimNo = '';
  let claimId = 0;
  let nextMutationId = 0;
  const device = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    const session = await signInAs(t, demoEmails.dewi);
    const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: session.cookie } })).json()) as PullResponse;
    dewi = { ...session, kpj: pull.changes.memberships![0]!.kpj };
    agus = await signInAs(t, demoEmails.agus);
    const submitted = await push(dewi.cookie, 'claim.submit', await withDocuments(t.database.db, jhtFullClaim(dewi.kpj, 'Dewi Lestari')));
    claimNo = submitted.status === 'applied' ? submitted.ref! : '';
    claimId = (await t.database.db.select({ id: claims.id }).from(claims).where(eq(claims.claimNo, claimNo)))[0]!.id;
  });
  afterAll(() => t.close());

  async function push(cookie: string, name: string, args: unknown, deviceId = device): Promise<PushResponse['results'][number]> {
    nextMutationId += deviceId === device ? 1 : 0;
    const id = deviceId === device ? nextMutationId : 1;
    const res = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId, mutations: [{ id, name, args, createdAt: 1 }] }, { Cookie: cookie }));
    return ((await res.json()) as PushResponse).results[0]!;
  }

  async function officerMoves(to: string, note: string) {
    const body = new URLSearchParams({ to, note });
    const res = await t.app.request(`/admin/claims/${claimId}`, { method: 'POST', body, headers: { ...officer, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
  }

  // Tests that need the claim waiting for a correction ask for it here, so each one also runs alone (`-t`).
  let returned: Promise<void> | undefined;
  const returnedByOfficer = () =>
    (returned ??= (async () => {
      await officerMoves('VERIFYING', 'Dokumen sedang diperiksa.');
      await officerMoves('RETURNED', 'Rekening atas nama orang lain. Kirim rekening atas nama Anda sendiri.');
    })());

  const fix = (changes: Record<string, unknown> = {}) => ({ claimNo, documentsConfirmed: ['BUKTI_PHK'], note: 'Surat PHK sudah saya siapkan.', ...changes });

  it('refuses a resend while the claim is not waiting for a correction', async () => {
    expect(await push(dewi.cookie, 'claim.resubmit', fix())).toMatchObject({ status: 'rejected', code: 'CLAIM_NOT_RETURNED' });
  });

  it('is reached by a demo participant through the back office (Verifikasi → Perlu perbaikan)', async () => {
    await returnedByOfficer();
    const [row] = await t.database.db.select({ status: claims.status }).from(claims).where(eq(claims.id, claimId));
    expect(row!.status).toBe('RETURNED');
  });

  it('refuses a new account in someone else’s name and leaves the claim returned', async () => {
    await returnedByOfficer();
    const result = await push(dewi.cookie, 'claim.resubmit', fix({ bankAccount: { bankCode: '009', number: '0987654321', holderName: 'Budi Santoso' } }));
    expect(result).toMatchObject({ status: 'rejected', code: 'BANK_NAME_MISMATCH', message: expect.stringContaining('nama Anda') });
    const [row] = await t.database.db.select({ status: claims.status, bankAccount: claims.bankAccount }).from(claims).where(eq(claims.id, claimId));
    expect(row).toEqual({ status: 'RETURNED', bankAccount: '123456789012' });
  });

  it('refuses another participant’s claim number as unknown', async () => {
    expect(await push(agus.cookie, 'claim.resubmit', fix(), randomUUID())).toMatchObject({ status: 'rejected', code: 'CLAIM_NOT_FOUND' });
  });

  it('refuses a malformed claim number before any rule runs', async () => {
    expect(await push(dewi.cookie, 'claim.resubmit', fix({ claimNo: "KLM-1' or 1=1" }))).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
  });

  it('stores the corrected account, sends the claim back to Diajukan with an event, and the phone pulls both', async () => {
    await returnedByOfficer();
    const result = await push(dewi.cookie, 'claim.resubmit', fix({ bankAccount: { bankCode: '009', number: '0987 6543 21', holderName: 'dewi lestari' } }));
    expect(result).toMatchObject({ status: 'applied', ref: claimNo });
    const [row] = await t.database.db.select().from(claims).where(eq(claims.id, claimId));
    expect(row).toMatchObject({ status: 'SUBMITTED', bankCode: '009', bankAccount: '0987654321' });
    expect(row!.details.documentsConfirmed).toContain('BUKTI_PHK');

    const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: dewi.cookie } })).json()) as PullResponse;
    const claim = pull.changes.claims!.find((c) => c.claimNo === claimNo)!;
    expect(claim.status).toBe('SUBMITTED');
    const events = pull.changes.claimEvents!.filter((e) => e.claimKey === claim.key).map((e) => [e.status, e.note]);
    expect(events.at(-1)).toEqual(['SUBMITTED', 'Diperbaiki peserta: Surat PHK sudah saya siapkan.']);
  });

  it('refuses the same correction a second time once the claim is back in verification', async () => {
    expect(await push(dewi.cookie, 'claim.resubmit', fix())).toMatchObject({ status: 'rejected', code: 'CLAIM_NOT_RETURNED' });
  });
});
