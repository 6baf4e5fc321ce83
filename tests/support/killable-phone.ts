import type { DBCoreTable, DBCoreTransaction } from 'dexie';
import { openLocalDb, type JmoDb } from '../../client/data/local-db.ts';

/**
 * One life of the app on a phone: its IndexedDB connection and its network, until it is killed.
 * A kill is what the OS does to a backgrounded PWA: from that instant nothing of that life
 * happens any more. Its requests on the wire are torn down, it sends no new ones, and none of
 * its database work lands: an open transaction is rolled back and every later call stays
 * pending for ever, so no code of the dead life runs on after it (as no code runs in a dead
 * process). The next life opens the same database afresh.
 */
export interface PhoneLife {
  db: JmoDb;
  /** fetch for this life: adds the session cookie (Node's fetch keeps no cookies). */
  fetch: typeof fetch;
  /** Settles when this life is killed. */
  killed: Promise<'killed'>;
  readonly dead: boolean;
  kill(): void;
  /** Writes (Dexie mutate calls) this life has had answered so far. */
  readonly writes: number;
}

export interface PhoneLifeOptions {
  cookie: string;
  /** Kills the life while the transaction of its n-th write (1-based) is still open. */
  killAtWrite?: number;
  /** Called once, when the life is killed (by kill(), or by killAtWrite). */
  onKill?: () => void;
}

const never = <T>() => new Promise<T>(() => {});

export function startPhoneLife(dbName: string, options: PhoneLifeOptions): PhoneLife {
  let dead = false;
  let writes = 0;
  let markKilled: (value: 'killed') => void = () => {};
  const killed = new Promise<'killed'>((resolve) => (markKilled = resolve));
  const inFlight = new Set<AbortController>();
  const db = openLocalDb(dbName);

  function kill() {
    if (dead) return;
    dead = true;
    for (const controller of inFlight) controller.abort(new Error('the app was killed'));
    inFlight.clear();
    options.onKill?.();
    markKilled('killed');
  }

  const rollBack = (trans: DBCoreTransaction) => {
    try {
      (trans as unknown as IDBTransaction).abort();
    } catch {
      // Already committed: the kill came just after it.
    }
  };

  // Below every Dexie layer: a dead life's calls never reach IndexedDB, and its answers never reach it back.
  db.use({
    stack: 'dbcore',
    name: 'killable-life',
    level: 0,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        const guard =
          <Req extends { trans: DBCoreTransaction }, Res>(call: (req: Req) => Promise<Res>) =>
          async (req: Req): Promise<Res> => {
            if (dead) {
              rollBack(req.trans);
              return never();
            }
            const result = await call(req);
            if (dead) {
              rollBack(req.trans);
              return never();
            }
            return result;
          };
        const wrapped: DBCoreTable = {
          ...table,
          get: guard(table.get.bind(table)),
          getMany: guard(table.getMany.bind(table)),
          query: guard(table.query.bind(table)),
          openCursor: guard(table.openCursor.bind(table)),
          count: guard(table.count.bind(table)),
          mutate: guard(async (req) => {
            const result = await table.mutate(req);
            writes++;
            if (writes === options.killAtWrite) kill(); // the guard then rolls this write's transaction back
            return result;
          }),
        };
        return wrapped;
      },
    }),
  });

  const lifeFetch: typeof fetch = async (input, init) => {
    if (dead) return never();
    const controller = new AbortController();
    inFlight.add(controller);
    const headers = new Headers(init?.headers);
    headers.set('Cookie', options.cookie);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await fetch(input, { ...init, headers, signal });
      // The body is read by the caller; a kill before it arrives cuts it too.
      if (dead) return never();
      return response;
    } catch (error) {
      if (dead) return never();
      throw error;
    } finally {
      inFlight.delete(controller);
    }
  };

  return {
    db,
    fetch: lifeFetch,
    killed,
    get dead() {
      return dead;
    },
    kill,
    get writes() {
      return writes;
    },
  };
}
