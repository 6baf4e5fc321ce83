import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { participants, syncDevices } from '../../../../server/db/schema.ts';
import type { PushResponse } from '../../../../shared/sync/protocol.ts';
import { accidentReport } from '../../../support/claim-builders.ts';
import { busyMutation, poisonMutation, slowMutation } from '../../../support/sync-harness.ts';
import { testDatabaseKind } from '../../../support/test-database.ts';

describe('one bad mutation never blocks a phone', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let kpj: string;
  beforeAll(async () => {
    t = await createTestApp({ testMutations: [poisonMutation, busyMutation, slowMutation] });
    siti = await signInAs(t, demoEmails.siti);
    const pulled = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: siti.cookie } })).json()) as { changes: { memberships: { kpj: string; status: string }[] } };
    kpj = pulled.changes.memberships.find((m) => m.status === 'ACTIVE')!.kpj;
  });
  afterAll(() => t.close());

  const push = (body: unknown) => t.app.request('/api/sync/push', jsonRequest('POST', body, { Cookie: siti.cookie }));
  const address = (id: number, text: string) => ({ id, name: 'profile.update', args: { address: text }, createdAt: 1 });
  const lastMutationId = async (deviceId: string) =>
    (await t.database.db.select().from(syncDevices).where(and(eq(syncDevices.accountId, siti.accountId), eq(syncDevices.deviceId, deviceId))))[0]?.lastMutationId;

  const poisons: [string, { name: string; args: unknown }][] = [
    ['a complaint description with a NUL character', { name: 'complaint.file', args: { draftId: randomUUID(), category: 'SALDO', description: 'Saldo saya tidak bertambah\u0000 sejak bulan lalu.' } }],
    ['a claim place with a lone UTF-16 surrogate', { name: 'claim.submit', args: { ...accidentReportFor(), place: 'Gudang \uD800 Cikarang' } }],
    ['notification.read with key 2147483648', { name: 'notification.read', args: { keys: ['2147483648'] } }],
    ['notification.read with key 999999999999', { name: 'notification.read', args: { keys: ['999999999999'] } }],
  ];
  function accidentReportFor() {
    // The KPJ is filled in per test; the builder only needs a shape here.
    return accidentReport('00000000000', '2026-11-01');
  }

  for (const [label, poison] of poisons) {
    it(`refuses ${label} with a reason, and the next change still arrives`, async () => {
      const deviceId = randomUUID();
      const args = poison.name === 'claim.submit' ? { ...(poison.args as object), kpj } : poison.args;
      const after = `Jl. Sesudah Racun ${randomUUID().slice(0, 6)}, Bandung`;
      const res = await push({ deviceId, mutations: [{ id: 1, name: poison.name, args, createdAt: 1 }, address(2, after)] });
      expect(res.status).toBe(200);
      const body = (await res.json()) as PushResponse;
      expect(body.lastMutationId).toBe(2);
      expect(body.gap).toBeUndefined();
      expect(body.results[0]).toMatchObject({ id: 1, status: 'rejected' });
      expect((body.results[0] as { message: string }).message).toMatch(/\w+/);
      expect(body.results[1]).toMatchObject({ id: 2, status: 'applied' });
      expect(await lastMutationId(deviceId)).toBe(2);
      const [person] = await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
      expect(person?.address).toBe(after);
      // Resending the same batch answers from storage: the refusal is final, not retried.
      const again = (await (await push({ deviceId, mutations: [{ id: 1, name: poison.name, args, createdAt: 1 }] })).json()) as PushResponse;
      expect(again.results).toEqual([body.results[0]]);
    });
  }

  it('refuses a mutation whose handler throws as SERVER_REFUSED with a reference that is also in the log, and undoes its writes', async () => {
    const deviceId = randomUUID();
    const [before] = await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
    const secret = 'Jl. Rahasia 3273012345670001';
    const res = await push({ deviceId, mutations: [{ id: 1, name: 'test.poison', args: { address: secret }, createdAt: 1 }, address(2, 'Jl. Setelah Gagal No. 2, Bandung')] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PushResponse;
    expect(body.lastMutationId).toBe(2);
    const refusal = body.results[0] as { status: string; code: string; message: string };
    expect(refusal).toMatchObject({ id: 1, status: 'rejected', code: 'SERVER_REFUSED' });
    expect(refusal.message).toMatch(/kirim ulang/);
    expect(refusal.message).toMatch(/175/);
    const reference = /([A-Z]{8})\.$/.exec(refusal.message)?.[1];
    expect(reference).toBeDefined();
    const logged = t.logLines.filter((line) => line.includes(reference!));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('test.poison');
    expect(t.logLines.join('\n')).not.toContain('3273012345670001');
    expect(body.results[1]).toMatchObject({ id: 2, status: 'applied' });
    const [after] = await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
    expect(after?.address).toBe('Jl. Setelah Gagal No. 2, Bandung');
    expect(after?.address).not.toBe(before?.address);
  });

  // PGlite runs in one thread and never cancels a statement, so the real timeout runs on PostgreSQL only.
  const transientCases = [
    { name: 'test.busy', label: 'serialization failure, 40001', skip: false },
    { name: 'test.slow', label: 'statement timeout raised by the database, 57014', skip: testDatabaseKind !== 'postgres' },
  ];
  for (const { name, label, skip } of transientCases) {
    it.skipIf(skip)(`answers a transient database failure (${label}) with 503 and Retry-After, applying nothing`, async () => {
      const deviceId = randomUUID();
      const [before] = await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
      const res = await push({ deviceId, mutations: [{ id: 1, name, args: { address: 'Jl. Tidak Boleh Tersimpan 1' }, createdAt: 1 }] });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ code: 'SERVER_BUSY' });
      const [after] = await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
      expect(after?.address).toBe(before?.address);
      expect((await lastMutationId(deviceId)) ?? 0).toBe(0);
    });
  }
});
