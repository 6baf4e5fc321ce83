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

/**
 * How far a draft's document pages are on their way (client/uploads/claim-uploads.ts), kept on
 * the draft so the screens' live queries show "Mengunggah 2 dari 5 halaman · 140 KB dari 610 KB"
 * and why it waits.
 */
export interface ClaimUploadStatus {
  pagesDone: number;
  pagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  state: 'uploading' | 'offline' | 'waiting-for-wifi' | 'data-saver' | 'retrying' | 'refused';
  /** Why a page was refused (state 'refused'), naming the document and page, or the last transient failure. */
  problem?: { code: string; message: string; documentId?: string; pageId?: string };
  /** The participant pressed "Unggah sekarang": data saver lets this claim's photos go out on mobile data. */
  userAsked?: boolean;
  updatedAt: number;
}

/** The mutation a draft becomes once its pages are on the server (`documents` is added then). */
export interface PendingDraftMutation {
  name: 'claim.submit' | 'claim.resubmit';
  args: Record<string, unknown>;
  label: string;
}

/** Something the user is still writing: never leaves the phone until it is queued. */
export interface DraftRow {
  id: string; // UUID, also sent with the mutation so one draft can never become two records
  kind: string; // e.g. 'claim.jht-full'
  /** 'uploading': sent by the participant, frozen, its pages still going up; its mutation is queued after them. */
  state: 'editing' | 'uploading' | 'queued' | 'sent' | 'rejected';
  data: Record<string, unknown>;
  step: number;
  createdAt: number;
  updatedAt: number;
  resultRef?: string;
  rejection?: { code: string; message: string };
  /** Only while 'uploading': what goes into the outbox when the last page is on the server. */
  pendingMutation?: PendingDraftMutation;
  upload?: ClaimUploadStatus;
}

/**
 * One photographed or picked page of a claim document, kept on the phone until the server
 * holds it. `index` is the page's place within its document (0-based, no gaps).
 */
export interface DocumentPageRow {
  id: string; // UUID; also the upload's fingerprint, so a retaken page is a new upload
  draftId: string;
  documentId: string; // a checklist id from shared/rules/claim-documents.ts
  index: number;
  blob: Blob;
  size: number;
  type: string;
  createdAt: number;
  uploadState: 'pending' | 'done';
  /** Bytes the server confirmed so far (its Upload-Offset), for progress before the first request. */
  uploadedBytes: number;
  /** The tus upload's address once the server created it; the claim refers to it. */
  uploadUrl?: string;
}

/** tus-js-client's resume record (its "URL storage"), kept beside the pages rather than in localStorage. */
export interface UploadUrlRow {
  key: string;
  fingerprint: string;
  upload: {
    size: number | null;
    metadata: Record<string, string>;
    creationTime: string;
    uploadUrl: string | null;
    parallelUploadUrls: string[] | null;
  };
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
    documentPages: EntityTable<DocumentPageRow, 'id'>;
    uploadUrls: EntityTable<UploadUrlRow, 'key'>;
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
  // v4: claim document pages (Blobs) with their draft, and the resume records of their uploads.
  // Nothing existing changes shape, so there is no upgrade code.
  db.version(4).stores({
    documentPages: '&id, draftId, [draftId+documentId]',
    uploadUrls: '&key, fingerprint',
  });
  return db;
}
