import type { JmoDb } from '../data/local-db.ts';

// Its own module: the page's sync client (on the home screen) asks this and nothing else of the uploads.

/** Drafts whose photos are still on their way: the page keeps its triggers (online, connection change) for them. */
export function countUploadingDrafts(db: JmoDb): Promise<number> {
  return db.drafts.where('state').equals('uploading').count();
}
