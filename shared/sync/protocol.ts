import * as v from 'valibot';
import type { SyncEntities } from './entities.ts';
import { safeString } from '../schema/text.ts';

/** Sync protocol v1 (../shared/DESIGN.md): what the phone and the server exchange. */
export const MAX_PUSH_BATCH = 100;
const MAX_MUTATION_NAME = 64;

export const MutationSchema = v.object({
  id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  name: v.pipe(safeString(), v.minLength(1), v.maxLength(MAX_MUTATION_NAME)),
  args: v.unknown(),
  createdAt: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
});
export type Mutation = v.InferOutput<typeof MutationSchema>;

export const PushRequestSchema = v.object({
  deviceId: v.pipe(v.string(), v.uuid('deviceId harus UUID.')),
  mutations: v.pipe(v.array(MutationSchema), v.minLength(1), v.maxLength(MAX_PUSH_BATCH, `Paling banyak ${MAX_PUSH_BATCH} perubahan sekali kirim.`)),
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

export type MutationResult =
  | { id: number; status: 'applied'; ref?: string; data?: Record<string, unknown> }
  | { id: number; status: 'rejected'; code: string; message: string };

export interface PushResponse {
  /** The highest id the server has processed for this device, after this batch. */
  lastMutationId: number;
  /** One per processed mutation of the batch, in order; refused ones have none. */
  results: MutationResult[];
  /** Set when the batch skipped ids: the phone resends from lastMutationId + 1. */
  gap?: { expectedId: number; receivedId: number };
}

export const PullQuerySchema = v.object({
  cursor: v.optional(v.pipe(safeString(), v.maxLength(64))),
  deviceId: v.optional(v.pipe(v.string(), v.uuid('deviceId harus UUID.'))),
  /**
   * The last mutation id this device's pushes were answered with: a read replica that has not
   * replayed that far must leave the pull to the primary (read-your-writes).
   */
  lastMutationId: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'lastMutationId harus angka.'))),
});

export interface Tombstone {
  entity: keyof SyncEntities;
  key: string;
}

export interface PullResponse {
  /**
   * 'delta': apply on top of what the phone has. 'snapshot': replace every synced table
   * (first pull, or `reset` when the phone's cursor can no longer be served).
   */
  kind: 'delta' | 'snapshot';
  reset: boolean;
  cursor: string;
  serverTime: string;
  lastMutationId: number;
  changes: Partial<{ [K in keyof SyncEntities]: SyncEntities[K][] }>;
  deletes: Tombstone[];
}

/**
 * Cursors are opaque to the phone. The server writes `<scopeEpoch>.<version>`: the epoch
 * changes when the account's set of cards changes, which no delta can express.
 */
export function formatCursor(scopeEpoch: number, version: number): string {
  return `${scopeEpoch}.${version}`;
}

export function parseCursor(cursor: string | undefined): { scopeEpoch: number; version: number } | null {
  const match = cursor ? /^(\d{1,9})\.(\d{1,15})$/.exec(cursor) : null;
  return match ? { scopeEpoch: Number(match[1]), version: Number(match[2]) } : null;
}
