import type { DatabaseHandle } from '../../server/db/database.ts';

const QUERY_METHODS = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute', 'transaction', 'query']);

/** The same database, counting every query the app starts on it: proof that an answer came from memory. */
export function countingDatabase(handle: DatabaseHandle): { handle: DatabaseHandle; queries(): number } {
  let count = 0;
  const db = new Proxy(handle.db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !QUERY_METHODS.has(property)) return value;
      if (property === 'query') {
        count++;
        return value;
      }
      return (...args: unknown[]) => {
        count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { handle: { ...handle, db }, queries: () => count };
}
