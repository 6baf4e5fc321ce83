import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Money is integer rupiah everywhere; bigint in the database, number in JS (safe below 2^53).
const rupiah = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const isoDate = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
// Every row a participant can see on the phone carries `participant_id` (the scope of pull)
// and `version`, set by the `sync_bump_version` trigger from one shared sequence.
const syncVersion = () => bigint('version', { mode: 'number' }).notNull().default(0);

// ---------------------------------------------------------------------------
// Core system of record (what the BPJS membership database holds)
// ---------------------------------------------------------------------------

export const rateTables = pgTable('rate_tables', {
  validFrom: isoDate('valid_from').primaryKey(),
  jpWageCap: rupiah('jp_wage_cap'),
  jpMinBenefit: rupiah('jp_min_benefit'),
  jpMaxBenefit: rupiah('jp_max_benefit'),
  jkpWageCap: rupiah('jkp_wage_cap'),
  jmoClaimLimit: rupiah('jmo_claim_limit'),
  bpuJkm: rupiah('bpu_jkm'),
  bpuMinIncome: rupiah('bpu_min_income'),
  taxThreshold: rupiah('tax_threshold'),
  // Basis points per year, e.g. 500 = 5.00 %.
  assumedReturnBp: integer('assumed_return_bp').notNull(),
});

/** JHT development result credited each year, in basis points of the average balance. */
export const jhtReturnRates = pgTable('jht_return_rates', {
  year: integer('year').primaryKey(),
  rateBp: integer('rate_bp').notNull(),
});

export const employers = pgTable('employers', {
  id: serial('id').primaryKey(),
  npp: text('npp').notNull().unique(),
  name: text('name').notNull(),
  city: text('city').notNull(),
  jkkRiskClass: integer('jkk_risk_class').notNull(),
  largeFirm: boolean('large_firm').notNull().default(true),
});

export const participants = pgTable('participants', {
  id: serial('id').primaryKey(),
  nik: text('nik').notNull().unique(),
  fullName: text('full_name').notNull(),
  birthDate: isoDate('birth_date').notNull(),
  sex: text('sex', { enum: ['M', 'F'] }).notNull(),
  motherName: text('mother_name'),
  address: text('address'),
  npwp: text('npwp'),
  bankCode: text('bank_code'),
  bankAccount: text('bank_account'),
  faceVerifiedAt: instant('face_verified_at'),
  dataUpdatedAt: instant('data_updated_at'),
  version: syncVersion(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: serial('id').primaryKey(),
    kpj: text('kpj').notNull().unique(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    employerId: integer('employer_id').references(() => employers.id),
    segment: text('segment', { enum: ['PU', 'BPU'] }).notNull(),
    programs: text('programs').array().notNull(),
    status: text('status', { enum: ['ACTIVE', 'NONACTIVE', 'LAPSED'] }).notNull(),
    startDate: isoDate('start_date').notNull(),
    endDate: isoDate('end_date'),
    endReason: text('end_reason'),
    reportedWage: bigint('reported_wage', { mode: 'number' }),
    declaredIncome: bigint('declared_income', { mode: 'number' }),
    jkkRiskClass: integer('jkk_risk_class'),
    version: syncVersion(),
  },
  (t) => [index('memberships_participant_version').on(t.participantId, t.version)],
);

export const contributions = pgTable(
  'contributions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    membershipId: integer('membership_id')
      .notNull()
      .references(() => memberships.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    period: text('period').notNull(), // YYYY-MM
    wageBase: rupiah('wage_base'),
    jhtEmployer: rupiah('jht_employer'),
    jhtWorker: rupiah('jht_worker'),
    jpEmployer: rupiah('jp_employer'),
    jpWorker: rupiah('jp_worker'),
    jkk: rupiah('jkk'),
    jkm: rupiah('jkm'),
    jkp: rupiah('jkp'),
    status: text('status', { enum: ['PAID', 'UNPAID', 'LATE'] }).notNull(),
    paidAt: isoDate('paid_at'),
    version: syncVersion(),
  },
  (t) => [
    uniqueIndex('contributions_membership_period').on(t.membershipId, t.period),
    index('contributions_participant_version').on(t.participantId, t.version),
  ],
);

export const jhtBalances = pgTable(
  'jht_balances',
  {
    membershipId: integer('membership_id')
      .primaryKey()
      .references(() => memberships.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    asOf: isoDate('as_of').notNull(),
    contributionTotal: rupiah('contribution_total'),
    developmentTotal: rupiah('development_total'),
    paidOutTotal: rupiah('paid_out_total'),
    total: rupiah('total'),
    version: syncVersion(),
  },
  (t) => [index('jht_balances_participant_version').on(t.participantId, t.version)],
);

// ---------------------------------------------------------------------------
// Accounts and security
// ---------------------------------------------------------------------------

export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  participantId: integer('participant_id')
    .notNull()
    .unique()
    .references(() => participants.id),
  email: text('email').notNull().unique(),
  phoneE164: text('phone_e164').notNull(),
  passwordHash: text('password_hash').notNull(),
  // Bumped whenever the set of linked cards changes: sync cursors of an older scope are reset.
  scopeEpoch: integer('scope_epoch').notNull().default(1),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** Which participant cards (KPJ) an account shows: JMO's "Tambah Kartu Peserta". */
export const accountCards = pgTable(
  'account_cards',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    membershipId: integer('membership_id')
      .notNull()
      .references(() => memberships.id),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.membershipId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    deviceLabel: text('device_label').notNull().default(''),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

export const registrations = pgTable('registrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  participantId: integer('participant_id')
    .notNull()
    .references(() => participants.id),
  membershipId: integer('membership_id')
    .notNull()
    .references(() => memberships.id),
  email: text('email'),
  phoneE164: text('phone_e164'),
  passwordHash: text('password_hash'),
  emailVerifiedAt: instant('email_verified_at'),
  phoneVerifiedAt: instant('phone_verified_at'),
  createdAt: instant('created_at').notNull().defaultNow(),
  expiresAt: instant('expires_at').notNull(),
});

export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose').notNull(), // e.g. register-email, register-sms, change-email
    subjectId: text('subject_id').notNull(), // registration id or account id
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    target: text('target').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: instant('sent_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    consumedAt: instant('consumed_at'),
  },
  (t) => [index('verification_codes_subject').on(t.subjectId, t.purpose)],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  createdAt: instant('created_at').notNull().defaultNow(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});

/** Transactional outbox of emails and SMS; a sender delivers and retries. */
export const messageOutbox = pgTable(
  'message_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: instant('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('message_outbox_pending').on(t.sentAt, t.nextAttemptAt)],
);

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: instant('window_start').notNull(),
  hits: integer('hits').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    event: text('event').notNull(),
    accountId: integer('account_id'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_account').on(t.accountId, t.at)],
);

// ---------------------------------------------------------------------------
// Sync
// ---------------------------------------------------------------------------

/** Per (account, device): the last mutation id applied. Updated in the mutation's own transaction. */
export const syncDevices = pgTable(
  'sync_devices',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').notNull(),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.deviceId] })],
);

/** The stored result of every processed mutation, answered again for a resent id. */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    result: jsonb('result').notNull().$type<Record<string, unknown>>(),
    processedAt: instant('processed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.deviceId, t.mutationId] })],
);

/** Deletions of syncable rows, so a delta pull can tell the phone to drop them. */
export const syncTombstones = pgTable(
  'sync_tombstones',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    participantId: integer('participant_id').notNull(),
    entity: text('entity').notNull(),
    entityKey: text('entity_key').notNull(),
    version: syncVersion(),
  },
  (t) => [index('sync_tombstones_participant_version').on(t.participantId, t.version)],
);

// ---------------------------------------------------------------------------
// Claims (filed through sync) and their tracking events
// ---------------------------------------------------------------------------

export const claims = pgTable(
  'claims',
  {
    id: serial('id').primaryKey(),
    claimNo: text('claim_no').notNull().unique(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    membershipId: integer('membership_id')
      .notNull()
      .references(() => memberships.id),
    // The phone's draft id: the same draft can never become two claims.
    draftId: uuid('draft_id').notNull(),
    program: text('program').notNull(),
    type: text('type').notNull(),
    cause: text('cause'),
    channel: text('channel').notNull(),
    requestedAmount: rupiah('requested_amount'),
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    tax: bigint('tax', { mode: 'number' }),
    bankCode: text('bank_code'),
    bankAccount: text('bank_account'),
    details: jsonb('details').notNull().$type<Record<string, unknown>>().default(sql`'{}'::jsonb`),
    status: text('status').notNull(),
    /** The checklist document the office asked for again when it returned the claim; cleared by the participant's resubmission. */
    requestedDocumentId: text('requested_document_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
    version: syncVersion(),
  },
  (t) => [
    uniqueIndex('claims_participant_draft').on(t.participantId, t.draftId),
    index('claims_participant_version').on(t.participantId, t.version),
  ],
);

export const claimEvents = pgTable(
  'claim_events',
  {
    id: serial('id').primaryKey(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    status: text('status').notNull(),
    note: text('note'),
    actor: text('actor').notNull(),
    at: instant('at').notNull().defaultNow(),
    version: syncVersion(),
  },
  (t) => [index('claim_events_participant_version').on(t.participantId, t.version)],
);

// ---------------------------------------------------------------------------
// Services: complaints, BPU payments, notifications
// ---------------------------------------------------------------------------

export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    ticketNo: text('ticket_no').notNull().unique(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    membershipId: integer('membership_id').references(() => memberships.id),
    draftId: uuid('draft_id').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: ['OPEN', 'ANSWERED', 'CLOSED'] }).notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    version: syncVersion(),
  },
  (t) => [
    uniqueIndex('complaints_participant_draft').on(t.participantId, t.draftId),
    index('complaints_participant_version').on(t.participantId, t.version),
  ],
);

export const complaintMessages = pgTable(
  'complaint_messages',
  {
    id: serial('id').primaryKey(),
    complaintId: integer('complaint_id')
      .notNull()
      .references(() => complaints.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    author: text('author', { enum: ['participant', 'officer'] }).notNull(),
    body: text('body').notNull(),
    /** The phone's id for a participant's reply: the same reply resent is stored once. */
    replyId: uuid('reply_id'),
    at: instant('at').notNull().defaultNow(),
    version: syncVersion(),
  },
  (t) => [index('complaint_messages_participant_version').on(t.participantId, t.version), uniqueIndex('complaint_messages_participant_reply').on(t.participantId, t.replyId)],
);

export const payments = pgTable(
  'payments',
  {
    id: serial('id').primaryKey(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    membershipId: integer('membership_id')
      .notNull()
      .references(() => memberships.id),
    // The phone's request id: retrying "create payment" after a lost answer returns the same VA.
    requestId: uuid('request_id').notNull(),
    periods: text('periods').array().notNull(),
    withJht: boolean('with_jht').notNull(),
    amount: rupiah('amount'),
    virtualAccount: text('virtual_account').notNull().unique(),
    status: text('status', { enum: ['PENDING', 'PAID', 'EXPIRED'] }).notNull(),
    expiresAt: instant('expires_at').notNull(),
    paidAt: instant('paid_at'),
    receiptNo: text('receipt_no'),
    createdAt: instant('created_at').notNull().defaultNow(),
    version: syncVersion(),
  },
  (t) => [
    uniqueIndex('payments_participant_request').on(t.participantId, t.requestId),
    index('payments_participant_version').on(t.participantId, t.version),
  ],
);

/** Every gateway notification ever accepted: the same id twice is a replay and changes nothing. */
export const paymentNotifications = pgTable('payment_notifications', {
  notificationId: text('notification_id').primaryKey(),
  paymentId: integer('payment_id')
    .notNull()
    .references(() => payments.id),
  receivedAt: instant('received_at').notNull().defaultNow(),
});

export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    kind: text('kind', { enum: ['CLAIM_STATUS', 'PAYMENT_PAID', 'COMPLAINT_REPLY'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: instant('created_at').notNull().defaultNow(),
    readAt: instant('read_at'),
    version: syncVersion(),
  },
  (t) => [index('notifications_participant_version').on(t.participantId, t.version)],
);

// ---------------------------------------------------------------------------
// Claim documents: pages uploaded with tus (server/features/uploads)
// ---------------------------------------------------------------------------

/**
 * One uploaded page of one checklist document of one claim draft. The row is written before
 * the first byte arrives (it holds the owner, so nobody else can see the upload) and is the
 * only place limits, expiry and the type check are recorded; the bytes live in the store.
 */
export const documentUploads = pgTable(
  'document_uploads',
  {
    // Also the tus upload id and the store's object name.
    id: uuid('id').primaryKey(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    draftId: uuid('draft_id').notNull(),
    documentId: text('document_id').notNull(),
    page: integer('page').notNull(),
    size: integer('size').notNull(),
    uploadedBytes: integer('uploaded_bytes').notNull().default(0),
    status: text('status', { enum: ['UPLOADING', 'COMPLETE', 'REFUSED'] }).notNull(),
    refusalCode: text('refusal_code'),
    /** MIME type found from the file's magic bytes, never the phone's claim. */
    detectedType: text('detected_type'),
    sha256: text('sha256'),
    createdAt: instant('created_at').notNull(),
    completedAt: instant('completed_at'),
    /** An upload not complete by then is removed by the cleanup job. */
    expiresAt: instant('expires_at').notNull(),
    /** The claim that names this page (claim.submit or claim.resubmit); a named page never expires. */
    claimId: integer('claim_id').references(() => claims.id),
    /** When a page the office asked for again replaced this one; the office still sees it, marked as replaced. */
    supersededAt: instant('superseded_at'),
  },
  (t) => [
    index('document_uploads_participant_draft').on(t.participantId, t.draftId),
    index('document_uploads_expires').on(t.expiresAt),
    index('document_uploads_claim').on(t.claimId),
    // One live upload per page slot; a refused one no longer holds its slot.
    uniqueIndex('document_uploads_page_slot')
      .on(t.participantId, t.draftId, t.documentId, t.page)
      .where(sql`status <> 'REFUSED'`),
  ],
);
