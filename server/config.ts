import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StartupError } from './startup-error.ts';
import type { DatabaseLocation } from './db/database.ts';
import type { LogFormat } from './logging/logger.ts';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseLocation;
  isProduction: boolean;
  /** The /dev/mailbox page: on outside production, or when DEV_MAILBOX=1 says so. */
  devMailboxEnabled: boolean;
  /** Where the built client lives; absent in API-only tests. */
  clientDir: string;
  /** Under HTTPS the session cookie is Secure and takes the __Host- prefix. */
  secureCookies: boolean;
  /** What `npm start` prints and links point to. */
  publicUrl: string;
  smtpUrl?: string;
  redisUrl?: string;
  smsGatewayUrl?: string;
  smsGatewayToken?: string;
  adminPassword: string;
  /** Random participants generated beside the named demo people in an empty database. */
  seedParticipants: number;
  /** PEM of the Ed25519 key that signs digital cards; made under DATA_DIR when absent. */
  cardSigningKeyPem?: string;
  /** Moves submitted claims along the tracker by itself, for demos (on outside production). */
  claimSimulator: boolean;
  /** Shared secret of the payment gateway's HMAC-signed webhook. */
  paymentWebhookSecret: string;
  /** Behind a reverse proxy that sets X-Forwarded-For (TRUST_PROXY=1). */
  trustProxy: boolean;
  /** JSON lines for collectors (production default) or short lines for a person. */
  logFormat: LogFormat;
  /** Where uploaded claim document pages are kept: DATA_DIR/uploads, or S3 when S3_* say so. */
  documentStorage: DocumentStorageSettings;
}

export type DocumentStorageSettings =
  | { kind: 'file'; directory: string }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

type Env = Record<string, string | undefined>;

/** Reads the environment once; a bad value ends start-up with one clear line. */
export function loadConfig(env: Env = process.env): AppConfig {
  const port = parsePort(env.PORT ?? '8080');
  const isProduction = env.NODE_ENV === 'production';
  // A demo instance holds live reset links in its mailbox: reachable from this machine only,
  // unless HOST says otherwise.
  const host = env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1');
  const dataDir = resolve(env.DATA_DIR ?? './data');
  // In production the only host name the server answers to (see http/host-guard.ts).
  const publicUrl = parsePublicUrl(requiredInProduction('PUBLIC_URL', env.PUBLIC_URL, isProduction, `http://localhost:${port}`));
  if (env.DATABASE_READ_URL && !env.DATABASE_URL) throw new StartupError('DATABASE_READ_URL butuh DATABASE_URL (a read replica needs its PostgreSQL primary)');
  const database: DatabaseLocation = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, ...(env.DATABASE_READ_URL ? { readUrl: env.DATABASE_READ_URL } : {}) }
    : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') };
  return {
    port,
    host,
    dataDir,
    database,
    isProduction,
    devMailboxEnabled: env.DEV_MAILBOX === '1' || (!isProduction && env.DEV_MAILBOX !== '0'),
    clientDir: resolve(env.CLIENT_DIR ?? './dist/client'),
    secureCookies: publicUrl.startsWith('https://'),
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    adminPassword: requiredInProduction('ADMIN_PASSWORD', env.ADMIN_PASSWORD, isProduction, 'admin-demo-2026'),
    cardSigningKeyPem: env.CARD_SIGNING_KEY || undefined,
    paymentWebhookSecret: requiredInProduction('PAYMENT_WEBHOOK_SECRET', env.PAYMENT_WEBHOOK_SECRET, isProduction, 'dev-only-webhook-secret'),
    trustProxy: env.TRUST_PROXY === '1',
    logFormat: parseLogFormat(env.LOG_FORMAT ?? (isProduction ? 'json' : 'pretty')),
    claimSimulator: env.CLAIM_SIMULATOR === '1' || (!isProduction && env.CLAIM_SIMULATOR !== '0'),
    seedParticipants: parseCount('SEED_PARTICIPANTS', env.SEED_PARTICIPANTS ?? '300'),
    documentStorage: parseDocumentStorage(env, dataDir),
  };
}

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** Object storage only when it is fully described: half a setting would silently mean local disk. */
function parseDocumentStorage(env: Env, dataDir: string): DocumentStorageSettings {
  const given = S3_REQUIRED.filter((name) => env[name]);
  if (given.length === 0) return { kind: 'file', directory: resolve(dataDir, 'uploads') };
  const missing = S3_REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) throw new StartupError(`${missing.join(', ')} wajib diisi bila ${given.join(', ')} diisi (S3 settings are incomplete)`);
  const endpoint = env.S3_ENDPOINT!;
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) throw new StartupError(`S3_ENDPOINT "${endpoint}" tidak valid (must be an http:// or https:// address)`);
  return {
    kind: 's3',
    endpoint,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`PORT "${value}" tidak valid (must be a whole number 0-65535)`);
  }
  return port;
}

/** Configuration for tests: in-memory database, no client, development mailbox on. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', CLIENT_DIR: '/nonexistent' }),
    database: { kind: 'pglite-memory' },
    // Made only when a test uploads something; never the working copy's ./data.
    documentStorage: { kind: 'file', directory: join(tmpdir(), `jmo-lite-test-uploads-${randomUUID()}`) },
    ...overrides,
  };
}

function parsePublicUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new StartupError(`PUBLIC_URL "${value}" tidak valid (must be an http:// or https:// address)`);
  return value.replace(/\/$/, '');
}

function parseLogFormat(value: string): LogFormat {
  if (value === 'json' || value === 'pretty') return value;
  throw new StartupError(`LOG_FORMAT "${value}" tidak valid (must be json or pretty)`);
}

function parseCount(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new StartupError(`${name} "${value}" tidak valid (must be a whole number 0-100000)`);
  return n;
}

function requiredInProduction(name: string, value: string | undefined, isProduction: boolean, developmentDefault: string): string {
  if (value) return value;
  if (isProduction) throw new StartupError(`${name} wajib diisi di produksi (required in production)`);
  return developmentDefault;
}
