import { describe, expect, it } from 'vitest';
import { openLocalDb, type JmoDb } from '../../../client/data/local-db.ts';
import { queueDraft, settleDraft } from '../../../client/data/drafts.ts';
import { queueMutation, type MutationOutcomeHooks } from '../../../client/sync/outbox.ts';
import { createSyncEngine } from '../../../client/sync/sync-engine.ts';
import { createMutex } from '../../support/sync-harness.ts';
import type { PullResponse, PushResponse } from '../../../shared/sync/protocol.ts';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const emptySnapshot = (): Response => {
  const body: PullResponse = { kind: 'snapshot', reset: false, cursor: '1.1', serverTime: new Date(0).toISOString(), lastMutationId: 0, changes: {}, deletes: [] };
  return json(body);
};
/** The server applies the first mutation it gets (ref `KLM-1`) and refuses the second. */
const applyFirstRefuseSecond = (): Response => {
  const body: PushResponse = {
    lastMutationId: 2,
    results: [
      { id: 1, status: 'applied', ref: 'KLM-1' },
      { id: 2, status: 'rejected', code: 'CLAIM_IN_PROCESS', message: 'Masih ada klaim yang diproses.' },
    ],
  };
  return json(body);
};

function engineOn(db: JmoDb, outcomeHooks: MutationOutcomeHooks) {
  const answers = [applyFirstRefuseSecond, emptySnapshot];
  return createSyncEngine({
    db,
    fetch: async () => answers.shift()!(),
    now: () => 5_000,
    withLock: createMutex(),
    randomUUID: () => crypto.randomUUID(),
    outcomeHooks,
    baseUrl: 'http://phone.test',
  });
}

async function twoQueuedDrafts(db: JmoDb) {
  for (const id of ['draft-1', 'draft-2']) {
    await db.drafts.add({ id, kind: 'claim', state: 'editing', data: {}, step: 4, createdAt: 1, updatedAt: 1 });
    await queueDraft(db, { name: 'claim.submit', args: { draftId: id }, label: 'Klaim', draftId: id }, 2);
  }
}

describe('drafts learn their outcome through the hook their feature registers', () => {
  it('marks the draft sent with the server’s reference, or refused with its reason', async () => {
    const db = openLocalDb(`outcomes-${crypto.randomUUID()}`);
    await twoQueuedDrafts(db);
    expect((await db.drafts.toArray()).map((draft) => draft.state)).toEqual(['queued', 'queued']);
    await engineOn(db, { 'claim.submit': settleDraft }).sync();
    expect(await db.drafts.get('draft-1')).toMatchObject({ state: 'sent', resultRef: 'KLM-1', updatedAt: 5_000 });
    expect(await db.drafts.get('draft-2')).toMatchObject({ state: 'rejected', rejection: { code: 'CLAIM_IN_PROCESS' } });
    expect(await db.outbox.count()).toBe(0);
  });

  it('leaves drafts alone for a mutation no feature registered: the engine writes no draft itself', async () => {
    const db = openLocalDb(`outcomes-${crypto.randomUUID()}`);
    await twoQueuedDrafts(db);
    await engineOn(db, { 'complaint.file': settleDraft }).sync();
    expect((await db.drafts.toArray()).map((draft) => draft.state)).toEqual(['queued', 'queued']);
    expect((await db.results.toArray()).map((result) => result.status)).toEqual(['applied', 'rejected']);
  });

  it('stores the answer, runs the hook and empties the outbox together: a failing hook keeps the item to resend', async () => {
    const db = openLocalDb(`outcomes-${crypto.randomUUID()}`);
    await twoQueuedDrafts(db);
    await queueMutation(db, { name: 'notification.read', args: { keys: [] }, label: 'Tanda sudah dibaca' }, 3);
    const failing: MutationOutcomeHooks = {
      'claim.submit': {
        tables: ['drafts'],
        async settle(hookDb, row, result, now) {
          await settleDraft.settle(hookDb, row, result, now);
          throw new Error('the phone ran out of space');
        },
      },
    };
    await expect(engineOn(db, failing).sync()).rejects.toThrow('the phone ran out of space');
    expect(await db.results.count()).toBe(0);
    expect(await db.outbox.count()).toBe(3);
    expect((await db.drafts.toArray()).map((draft) => draft.state)).toEqual(['queued', 'queued']);
  });
});
