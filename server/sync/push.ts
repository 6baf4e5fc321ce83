import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database, Tx } from '../db/database.ts';
import { syncDevices, syncMutations } from '../db/schema.ts';
import { errorKind, isTransientDatabaseError } from '../db/transient-error.ts';
import type { Mutation, MutationResult, PushRequest, PushResponse } from '../../shared/sync/protocol.ts';
import { pushErrors, serverRefusedMessage } from '../../shared/api/errors.ts';
import type { AuthContext } from '../app-env.ts';
import type { Logger } from '../logging/logger.ts';
import type { MutationOutcome, MutationRegistry } from './mutation-registry.ts';

type Step = { last: number; result?: MutationResult; gap?: PushResponse['gap'] };

/**
 * Applies a batch in order, each mutation in its own transaction together with the advance
 * of this device's lastMutationId, so "applied" and "counted as applied" can never diverge:
 * a crash either keeps both or neither, and the resent mutation is answered from storage.
 *
 * A handler that throws never leaves its id unprocessed (Replicache's push recipe): unless
 * the database was only briefly unavailable (rethrown, answered 503, nothing applied), the
 * mutation is refused for good in a transaction of its own and the batch goes on.
 */
export async function pushMutations(
  db: Database,
  registry: MutationRegistry,
  auth: AuthContext,
  request: PushRequest,
  now: Date,
  log: Logger,
): Promise<PushResponse> {
  const results: MutationResult[] = [];
  let lastMutationId = 0;
  for (const mutation of request.mutations) {
    let step: Step;
    try {
      step = await processOnce(db, auth, request.deviceId, mutation, now, (tx) => applyOne(tx, registry, auth, mutation, now));
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      const reference = refusalReference();
      // The reference ties the participant's call to this line; the args never reach the log.
      log.error({ mutation: mutation.name, mutationId: mutation.id, account: auth.accountId, reference, kind: errorKind(error) }, 'push refused mutation');
      const refusal: MutationOutcome = { status: 'rejected', code: 'SERVER_REFUSED', message: serverRefusedMessage(reference) };
      step = await processOnce(db, auth, request.deviceId, mutation, now, () => Promise.resolve(refusal));
    }
    lastMutationId = step.last;
    if (step.gap) return { lastMutationId, results, gap: step.gap };
    if (step.result) results.push(step.result);
  }
  return { lastMutationId, results };
}

/** One transaction: skip what was already processed, stop at a gap, else decide and record. */
function processOnce(db: Database, auth: AuthContext, deviceId: string, mutation: Mutation, now: Date, decide: (tx: Tx) => Promise<MutationOutcome>): Promise<Step> {
  return db.transaction(async (tx): Promise<Step> => {
    const last = await lockDevice(tx, auth.accountId, deviceId, now);
    if (mutation.id <= last) return { last, result: await storedResult(tx, auth.accountId, deviceId, mutation) };
    if (mutation.id > last + 1) return { last, gap: { expectedId: last + 1, receivedId: mutation.id } };
    const result: MutationResult = { id: mutation.id, ...(await decide(tx)) };
    await tx.insert(syncMutations).values({ accountId: auth.accountId, deviceId, mutationId: mutation.id, name: mutation.name, result, processedAt: now });
    await tx
      .update(syncDevices)
      .set({ lastMutationId: mutation.id, lastSeenAt: now })
      .where(and(eq(syncDevices.accountId, auth.accountId), eq(syncDevices.deviceId, deviceId)));
    return { last: mutation.id, result };
  });
}

/** Row lock on (account, device): two pushes from one phone are applied one after the other. */
async function lockDevice(tx: Tx, accountId: number, deviceId: string, now: Date): Promise<number> {
  await tx.insert(syncDevices).values({ accountId, deviceId, createdAt: now, lastSeenAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select({ last: syncDevices.lastMutationId })
    .from(syncDevices)
    .where(and(eq(syncDevices.accountId, accountId), eq(syncDevices.deviceId, deviceId)))
    .for('update');
  return row?.last ?? 0;
}

async function storedResult(tx: Tx, accountId: number, deviceId: string, mutation: Mutation): Promise<MutationResult> {
  const [row] = await tx
    .select({ result: syncMutations.result })
    .from(syncMutations)
    .where(and(eq(syncMutations.accountId, accountId), eq(syncMutations.deviceId, deviceId), eq(syncMutations.mutationId, mutation.id)));
  // Results are kept, but should one ever be pruned, "applied" is still the truth for an old id.
  return (row?.result as MutationResult | undefined) ?? { id: mutation.id, status: 'applied' };
}

async function applyOne(tx: Tx, registry: MutationRegistry, auth: AuthContext, mutation: Mutation, now: Date): Promise<MutationOutcome> {
  const definition = registry.get(mutation.name);
  if (!definition) return { status: 'rejected', code: 'UNKNOWN_MUTATION', message: pushErrors.UNKNOWN_MUTATION };
  const parsed = v.safeParse(definition.schema, mutation.args);
  if (!parsed.success) return { status: 'rejected', code: 'INVALID_ARGS', message: pushErrors.INVALID_ARGS };
  // A savepoint keeps a handler that fails half-way from leaving partial writes behind,
  // while its refusal is still recorded and counted in the outer transaction.
  await tx.execute(sql`savepoint mutation_apply`);
  const outcome = await definition.apply({ tx, auth, now }, parsed.output);
  if (outcome.status === 'rejected') await tx.execute(sql`rollback to savepoint mutation_apply`);
  else await tx.execute(sql`release savepoint mutation_apply`);
  return outcome;
}

// Letters only, none that read like a digit (no B, I, O, S, Z): read out over the phone to 175,
// and never a digit run, which the log scrubber masks as a possible NIK or code (a hex
// reference had six digits in a row about one time in ten, and then was not findable).
const REFERENCE_LETTERS = 'ACDEFGHJKLMNPQRTUVWXY';

export function refusalReference(): string {
  return Array.from(randomBytes(8), (byte) => REFERENCE_LETTERS[byte % REFERENCE_LETTERS.length]).join('');
}
