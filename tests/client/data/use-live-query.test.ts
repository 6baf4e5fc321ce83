import { describe, expect, it } from 'vitest';
import { watchLiveQuery, type LiveQueryState } from '../../../client/data/use-live-query.ts';
import { freshLocalDb } from '../support/local-rows.ts';

function firstSettledState<T>(query: () => Promise<T>): Promise<LiveQueryState<T>> {
  return new Promise((resolve) => {
    const stop = watchLiveQuery(query, (state) => {
      stop();
      resolve(state);
    });
  });
}

describe('watchLiveQuery', () => {
  it('reports a failing query as failed, not as still loading', async () => {
    const db = await freshLocalDb();
    const state = await firstSettledState(() => db.drafts.where('noSuchIndex').equals(1).toArray());
    expect(state.status).toBe('failed');
  });

  it('reports the rows of a working query', async () => {
    const db = await freshLocalDb();
    await db.meta.put({ key: 'cursor', value: '1.2' });
    expect(await firstSettledState(() => db.meta.toArray())).toEqual({ status: 'ready', value: [{ key: 'cursor', value: '1.2' }] });
  });
});
