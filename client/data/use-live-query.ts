import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Renders an IndexedDB query and re-renders when the tables it read change (also when the
 * sync worker or another tab writes them). `undefined` means still loading, which screens
 * show differently from an empty result.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => setValue(undefined) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
