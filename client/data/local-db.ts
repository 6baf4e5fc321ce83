import { Dexie, type EntityTable } from 'dexie';
import type { SyncEntities } from '../../shared/sync/entities.ts';
import type { Office } from '../../shared/offices/office-search.ts';

/** A mutation waiting for the server. `id` is per-device, gapless, increasing. */
export interface OutboxRow {
  id: number;
  name: string;
  args: unknown;
  createdAt: number;
  /** What the user would call it in the sync status ("Klaim JHT", "Perubahan data"). */
  label: string;
  draftId?: string;
}

/** The server's final answer to a mutation, kept so the UI can show "sent" or "refused, because…". */
export interface MutationResultRow {
  id: number;
  name: string;
  status: 'applied' | 'rejected';
  ref?: string;
  code?: string;
  message?: string;
  draftId?: string;
  receivedAt: number;
}

/** Something the user is still writing: never leaves the phone until it is queued. */
export interface DraftRow {
  id: string; // UUID, also sent with the mutation so one draft can never become two records
  kind: string; // e.g. 'claim.jht-full'
  state: 'editing' | 'queued' | 'sent' | 'rejected';
  data: Record<string, unknown>;
  step: number;
  createdAt: number;
  updatedAt: number;
  resultRef?: string;
  rejection?: { code: string; message: string };
}

export interface MetaRow {
  key: string;
  value: unknown;
}

type SyncedTables = { [K in keyof SyncEntities]: EntityTable<SyncEntities[K], 'key'> };

export type JmoDb = Dexie &
  SyncedTables & {
    meta: EntityTable<MetaRow, 'key'>;
    outbox: EntityTable<OutboxRow, 'id'>;
    results: EntityTable<MutationResultRow, 'id'>;
    drafts: EntityTable<DraftRow, 'id'>;
    offices: EntityTable<Office, 'id'>;
  };

export const LOCAL_DB_NAME = 'jmo-lite';

/**
 * Every schema change gets a new `version(n)` with its upgrade code and a test that opens a
 * database written by version n-1 (tests/client/data/local-db-upgrade.test.ts): the phone
 * may hold unsent claims in an old format, and they must survive the app update.
 */
export function openLocalDb(name = LOCAL_DB_NAME): JmoDb {
  const db = new Dexie(name) as JmoDb;
  db.version(1).stores({
    meta: '&key',
    profile: '&key',
    memberships: '&key, kpj',
    balances: '&key, kpj',
    contributions: '&key, kpj, [kpj+period]',
    claims: '&key, draftId, kpj',
    claimEvents: '&key, claimKey',
    outbox: '&id',
    results: '&id, draftId',
    drafts: '&id, kind, state, updatedAt',
  });
  // v2: services (complaints, payments, notifications) and the office directory. A v1 app
  // dropped these rows from pulls while moving its cursor on, so the cursor is reset here:
  // the next pull is a full snapshot. The outbox and drafts are untouched.
  db.version(2)
    .stores({
      complaints: '&key, draftId, status',
      complaintMessages: '&key, complaintKey',
      payments: '&key, requestId, status',
      notifications: '&key, createdAt',
      offices: '&id, type, city',
    })
    .upgrade(async (tx) => {
      await tx.table('meta').bulkDelete(['cursor', 'etag']);
    });
  // v3: claims, complaints and profile changes share the drafts table, so every screen asks
  // for one kind; a list that read all drafts took a complaint draft for a claim and crashed.
  db.version(3).stores({ drafts: '&id, kind, state, updatedAt, [kind+updatedAt], [kind+state]' });
  return db;
}
