import { and, eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database } from '../db/database.ts';
import { syncDevices, syncMutations } from '../db/schema.ts';
import type { Mutation, MutationResult, PushRequest, PushResponse } from '../../shared/sync/protocol.ts';
import type { AuthContext } from '../app-env.ts';
import type { MutationOutcome, MutationRegistry, Tx } from './mutation-registry.ts';

export const pushErrors = {
  UNKNOWN_MUTATION: 'Jenis perubahan ini tidak dikenal server. Perbarui aplikasi lalu coba lagi.',
  INVALID_ARGS: 'Data yang dikirim tidak lengkap atau tidak sesuai.',
} as const;

/**
 * Applies a batch in order, each mutation in its own transaction together with the advance
 * of this device's lastMutationId, so "applied" and "counted as applied" can never diverge:
 * a crash either keeps both or neither, and the resent mutation is answered from storage.
 */
export async function pushMutations(
  db: Database,
  registry: MutationRegistry,
  auth: AuthContext,
  request: PushRequest,
  now: Date,
): Promise<PushResponse> {
  const results: MutationResult[] = [];
  let lastMutationId = 0;
  for (const mutation of request.mutations) {
    const step = await db.transaction(async (tx) => {
      const last = await lockDevice(tx, auth.accountId, request.deviceId, now);
      if (mutation.id <= last) return { last, result: await storedResult(tx, auth.accountId, request.deviceId, mutation) };
      if (mutation.id > last + 1) return { last, gap: { expectedId: last + 1, receivedId: mutation.id } };
      const outcome = await applyOne(tx, registry, auth, mutation, now);
      const result: MutationResult = { id: mutation.id, ...outcome };
      await tx.insert(syncMutations).values({
        accountId: auth.accountId,
        deviceId: request.deviceId,
        mutationId: mutation.id,
        name: mutation.name,
        result,
        processedAt: now,
      });
      await tx
        .update(syncDevices)
        .set({ lastMutationId: mutation.id, lastSeenAt: now })
        .where(and(eq(syncDevices.accountId, auth.accountId), eq(syncDevices.deviceId, request.deviceId)));
      return { last: mutation.id, result };
    });
    lastMutationId = step.last;
    if ('gap' in step && step.gap) return { lastMutationId, results, gap: step.gap };
    if ('result' in step && step.result) results.push(step.result);
  }
  return { lastMutationId, results };
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
