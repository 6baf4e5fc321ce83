import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveQueryState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/** Runs the query now and after every change to the tables it read; returns the unsubscribe. */
export function watchLiveQuery<T>(query: () => Promise<T> | T, onState: (state: LiveQueryState<T>) => void): () => void {
  const subscription = liveQuery(query).subscribe({
    next: (value) => onState({ status: 'ready', value }),
    error: (error: unknown) => onState({ status: 'failed', error }),
  });
  return () => subscription.unsubscribe();
}

/**
 * Renders an IndexedDB query and re-renders when the tables it read change (also when the
 * sync worker or another tab writes them). `undefined` means still loading, which screens
 * show differently from an empty result. A failed query is thrown while rendering, so the
 * screen's error boundary shows what happened instead of a skeleton that never ends.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [state, setState] = useState<LiveQueryState<T>>({ status: 'loading' });
  useEffect(() => watchLiveQuery(query, setState), deps);
  if (state.status === 'failed') throw state.error;
  return state.status === 'ready' ? state.value : undefined;
}
