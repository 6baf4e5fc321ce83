import type { JmoDb } from '../../data/local-db.ts';
import { readMeta, writeMeta } from '../../data/meta.ts';
import type { Office } from '../../../shared/offices/office-search.ts';

/**
 * Keeps the phone's copy of the office and PLKK directory current: one conditional request,
 * usually a 304 with no body. Failure is fine; the old copy stays searchable.
 */
export async function refreshOffices(db: JmoDb, fetchImpl: typeof fetch = fetch): Promise<'updated' | 'unchanged' | 'failed'> {
  try {
    const etag = (await db.offices.count()) > 0 ? await readMeta(db, 'officesEtag') : undefined;
    const response = await fetchImpl('/api/offices', { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
    if (response.status === 304) return 'unchanged';
    if (!response.ok) return 'failed';
    const { offices } = (await response.json()) as { offices: Office[] };
    await db.transaction('rw', [db.offices, db.meta], async () => {
      await db.offices.clear();
      await db.offices.bulkPut(offices);
      await writeMeta(db, 'officesEtag', response.headers.get('ETag') ?? '');
    });
    return 'updated';
  } catch {
    return 'failed';
  }
}
