import type { Database } from '../db/database.ts';
import { errorKind } from '../db/transient-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { AuthContext } from '../app-env.ts';
import { parseCursor } from '../../shared/sync/protocol.ts';
import { pullChanges, unchangedInMemory, type KnownEtags, type PullOutcome, type SeenByPhone } from './pull.ts';
import type { PullReaderRegistry } from './pull-readers.ts';

/** Where pulls were answered; tests and the bench read it. */
export interface ReplicaCounts {
  replica: number;
  /** The standby had not replayed what the phone already saw (its cursor or its own push). */
  primaryBehind: number;
  /** The standby failed (down, recovery conflict, database not replayed yet). */
  primaryAfterError: number;
  /** Not asked: it failed less than RETRY_AFTER_FAILURE_MS ago. */
  primaryWhileFailing: number;
}

/** A hot standby (DATABASE_READ_URL) that pulls prefer. */
export interface ReadReplica {
  db: Database;
  counts: ReplicaCounts;
  /** When it last failed: an unreachable standby must not cost every pull a connection timeout. */
  failedAt: number;
  /** When the last failure was logged: a standby that is down must not flood the log. */
  lastWarnedAt: number;
}

const RETRY_AFTER_FAILURE_MS = 5_000;
const WARN_EVERY_MS = 10_000;

export function readReplica(db: Database): ReadReplica {
  return { db, counts: { replica: 0, primaryBehind: 0, primaryAfterError: 0, primaryWhileFailing: 0 }, failedAt: -Infinity, lastWarnedAt: -Infinity };
}

type PullRequest = Parameters<typeof pullChanges>[3] & { lastMutationId?: number };

/**
 * Read-your-writes on a lagging standby: the standby answers only when it has replayed at
 * least what this phone has seen, its cursor (epoch and version) and its last acknowledged
 * mutation; otherwise the primary answers, at once rather than after a wait, so a participant
 * never sees their own claim disappear and a slow standby never slows a pull down.
 * Stateless, so it holds whichever instance took the push.
 */
export async function pullPreferringReplica(
  primary: Database,
  replica: ReadReplica | undefined,
  registry: PullReaderRegistry,
  auth: AuthContext,
  request: PullRequest,
  known: KnownEtags,
  log: Logger,
): Promise<PullOutcome> {
  const { lastMutationId, ...pull } = request;
  // Memory reflects the primary's announcements, so it answers first, wherever the rest goes.
  if (await unchangedInMemory(known, auth, pull)) return { kind: 'not-modified', etag: pull.ifNoneMatch! };
  const now = request.now.getTime();
  if (replica && now - replica.failedAt < RETRY_AFTER_FAILURE_MS) replica.counts.primaryWhileFailing++;
  else if (replica) {
    try {
      const outcome = await pullChanges(replica.db, registry, auth, { ...pull, mustHaveSeen: seenByPhone(request.cursor, lastMutationId) });
      if (outcome.kind !== 'behind') {
        replica.counts.replica++;
        return outcome;
      }
      replica.counts.primaryBehind++;
    } catch (error) {
      // A real fault in the query fails on the primary too and surfaces there.
      replica.counts.primaryAfterError++;
      replica.failedAt = now;
      if (now - replica.lastWarnedAt >= WARN_EVERY_MS) {
        replica.lastWarnedAt = now;
        log.warn({ kind: errorKind(error), failures: replica.counts.primaryAfterError }, 'read replica failed; pulls go to the primary');
      }
    }
  }
  const outcome = await pullChanges(primary, registry, auth, pull, known);
  if (outcome.kind === 'behind') throw new Error('a pull with no floor cannot be behind');
  return outcome;
}

function seenByPhone(cursor: string | undefined, lastMutationId: number | undefined): SeenByPhone {
  const parsed = parseCursor(cursor);
  return { scopeEpoch: parsed?.scopeEpoch ?? 0, version: parsed?.version ?? 0, mutationId: lastMutationId ?? 0 };
}
