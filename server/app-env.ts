import type { Database, DatabaseKind } from './db/database.ts';
import type { ChangeFeed } from './db/change-feed.ts';
import type { AppConfig } from './config.ts';
import type { CardSigner } from './features/cards/card-signing.ts';
import type { RateLimiter } from './security/rate-limiter.ts';
import type { Logger } from './logging/logger.ts';
import type { ReadReplica } from './sync/replica-routing.ts';
import type { DocumentStore } from './features/uploads/document-store.ts';

export interface Clock {
  now(): Date;
}

/** Everything the app needs from outside; tests pass their own. */
export interface AppDeps {
  db: Database;
  dbKind: DatabaseKind;
  /** Pulls prefer it when set (DATABASE_READ_URL). */
  readReplica?: ReadReplica;
  /** Committed-change announcements that keep the session and unchanged-pull caches honest. */
  changes: ChangeFeed;
  config: AppConfig;
  clock: Clock;
  log: Logger;
  cardSigner: CardSigner;
  rateLimiter: RateLimiter;
  /** Claim document pages; built from `config.documentStorage` on first use when not given. */
  documentStore?: DocumentStore;
}

/** Who is signed in, resolved from the session cookie. */
export interface AuthContext {
  accountId: number;
  participantId: number;
  sessionId: string;
}

export interface AppEnv {
  Variables: {
    auth: AuthContext | undefined;
    /** `deps.changes.mark()` when the request arrived: in-memory answers must be at least this fresh. */
    changesMark: number;
    /** The caller's address (server/http/client-ip.ts), computed once per request. */
    clientIp: string;
  };
}

export const systemClock: Clock = { now: () => new Date() };
