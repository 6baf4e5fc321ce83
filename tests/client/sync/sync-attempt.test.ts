import { describe, expect, it } from 'vitest';
import { openLocalDb } from '../../../client/data/local-db.ts';
import { readMeta } from '../../../client/data/meta.ts';
import { createSyncEngine } from '../../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../../client/mutation-outcomes.ts';
import { createMutex } from '../../support/sync-harness.ts';
import type { PullResponse } from '../../../shared/sync/protocol.ts';

const SERVER_TIME = Date.UTC(2026, 10, 12, 7, 0);

/** A network the test scripts answer by answer; each answer is used for one request. */
function engineWith(answers: (() => Response)[]) {
  const db = openLocalDb(`attempt-${crypto.randomUUID()}`);
  let clock = SERVER_TIME;
  const engine = createSyncEngine({
    db,
    fetch: async () => {
      const next = answers.shift();
      if (!next) throw new Error('no scripted answer left');
      return next();
    },
    now: () => (clock += 1_000),
    withLock: createMutex(),
    randomUUID: () => crypto.randomUUID(),
    outcomeHooks: appMutationOutcomes,
    baseUrl: 'http://phone.test',
  });
  return { db, engine };
}

const snapshot = (): Response => {
  const body: PullResponse = { kind: 'snapshot', reset: false, cursor: '1.1', serverTime: new Date(SERVER_TIME).toISOString(), lastMutationId: 0, changes: {}, deletes: [] };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"s1"' } });
};
const notModified = () => new Response(null, { status: 304, headers: { Date: new Date(SERVER_TIME + 60_000).toUTCString() } });
const unavailable = () => new Response('{"code":"UNAVAILABLE"}', { status: 503 });
const gatewayTimeout = () => new Response('', { status: 504 });
const sessionEnded = () => new Response('{"code":"UNAUTHENTICATED"}', { status: 401 });
const networkDown = (): Response => {
  throw new TypeError('Failed to fetch');
};

describe('the sync engine records how its last attempt ended', () => {
  it('ok after a pull, unreachable after a network error, a 503 or a 504, session-ended after a 401, and ok again after a 304', async () => {
    const { db, engine } = engineWith([snapshot, networkDown, unavailable, gatewayTimeout, sessionEnded, notModified]);
    const outcomeAfterSync = async () => {
      await engine.sync();
      return (await readMeta(db, 'lastAttempt'))?.outcome;
    };
    expect(await readMeta(db, 'lastAttempt')).toBeUndefined();
    expect(await outcomeAfterSync()).toBe('ok');
    const confirmedAt = await readMeta(db, 'lastConfirmedAt');
    expect(await outcomeAfterSync()).toBe('unreachable');
    expect(await outcomeAfterSync()).toBe('unreachable');
    expect(await outcomeAfterSync()).toBe('unreachable');
    // A failed attempt never moves the confirmation time: the label keeps saying how old the data is.
    expect(await readMeta(db, 'lastConfirmedAt')).toBe(confirmedAt);
    expect(await outcomeAfterSync()).toBe('session-ended');
    expect(await outcomeAfterSync()).toBe('ok');
    expect(await readMeta(db, 'lastConfirmedAt')).toBe(SERVER_TIME + 60_000);
  });

  it('stamps the attempt with the phone’s clock', async () => {
    const { db, engine } = engineWith([networkDown]);
    await engine.sync();
    const attempt = await readMeta(db, 'lastAttempt');
    expect(attempt?.outcome).toBe('unreachable');
    expect(attempt?.at).toBeGreaterThan(SERVER_TIME);
  });
});
