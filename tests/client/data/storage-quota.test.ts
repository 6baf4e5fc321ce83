import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import { openLocalDb, type JmoDb } from '../../../client/data/local-db.ts';
import { readMeta } from '../../../client/data/meta.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { createComplaintDraft, queueComplaint, saveComplaintDraft } from '../../../client/features/complaints/complaint-drafts.ts';
import { openClaimDraft, saveClaimDraft } from '../../../client/features/claims/claim-drafts.ts';
import { fillThePhone } from '../support/fill-the-phone.ts';
import { isQuotaError, readStorageReport, requestPersistentStorage, storageFull, watchQuotaFailures } from '../../../client/data/storage-quota.ts';

describe('a write refused for lack of space', () => {
  let db: JmoDb;
  let freeSpace: (() => void) | undefined;
  afterEach(async () => {
    freeSpace?.();
    freeSpace = undefined;
    db?.close();
  });

  const open = async () => {
    db = openLocalDb(`quota-${crypto.randomUUID()}`);
    await db.open();
    return db;
  };

  it('keeps the draft and the outbox exactly as they were, and is recognised as a quota error', async () => {
    await open();
    const complaintId = await createComplaintDraft(db, 1, () => crypto.randomUUID());
    await saveComplaintDraft(db, complaintId, { category: 'SALDO', description: 'Saldo saya tidak bertambah.', kpj: null }, 2);
    await queueMutation(db, { name: 'notification.read', args: { keys: ['1'] }, label: 'Tanda sudah dibaca' }, 3);
    const claimId = await openClaimDraft(db, 'JHT_FULL', [], 4, () => crypto.randomUUID());
    const before = { drafts: await db.drafts.toArray(), outbox: await db.outbox.toArray(), next: await readMeta(db, 'nextMutationId') };

    freeSpace = fillThePhone();
    const failures = await Promise.all([
      saveComplaintDraft(db, complaintId, { category: 'SALDO', description: 'Ketikan baru yang tidak muat.', kpj: null }, 5).catch((error: unknown) => error),
      saveClaimDraft(db, claimId, { step: 2 }, 5).catch((error: unknown) => error),
      queueComplaint(db, { draftId: complaintId, category: 'SALDO', description: 'Saldo saya tidak bertambah.', kpj: null }, 6).catch((error: unknown) => error),
      createComplaintDraft(db, 7, () => crypto.randomUUID()).catch((error: unknown) => error),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(Dexie.DexieError);
      expect(isQuotaError(failure), String(failure)).toBe(true);
    }
    expect({ drafts: await db.drafts.toArray(), outbox: await db.outbox.toArray(), next: await readMeta(db, 'nextMutationId') }).toEqual(before);

    // With room again, the queue goes on gapless from where it was.
    freeSpace();
    freeSpace = undefined;
    expect(await queueComplaint(db, { draftId: complaintId, category: 'SALDO', description: 'Saldo saya tidak bertambah.', kpj: null }, 8)).toBe(2);
    expect((await db.drafts.get(complaintId))?.state).toBe('queued');
  });

  it('tells the user wherever the write was started, and leaves other failures alone', () => {
    const target = new EventTarget() as EventTarget & Pick<Window, 'addEventListener'>;
    watchQuotaFailures(target);
    const rejection = (reason: unknown) => Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason });
    storageFull.value = false;
    const other = rejection(new TypeError('network'));
    target.dispatchEvent(other);
    expect(storageFull.value).toBe(false);
    expect(other.defaultPrevented).toBe(false);

    const quota = rejection(new Dexie.AbortError('Transaction aborted', new DOMException('full', 'QuotaExceededError')));
    target.dispatchEvent(quota);
    expect(storageFull.value).toBe(true);
    expect(quota.defaultPrevented).toBe(true);
  });

  it('recognises every shape of the quota error and nothing else', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted'))).toBe(false);
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });

  it('asks for persistent storage and reports usage and quota', async () => {
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true), estimate: vi.fn(async () => ({ usage: 1_234_567, quota: 2_000_000_000 })) };
    expect(await requestPersistentStorage(storage as unknown as StorageManager)).toBe(true);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(await readStorageReport(storage as unknown as StorageManager)).toEqual({ persisted: false, usage: 1_234_567, quota: 2_000_000_000 });
    expect(await requestPersistentStorage(undefined)).toBe(false);
  });
});
