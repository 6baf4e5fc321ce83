import { describe, expect, it } from 'vitest';
import { dexieUrlStorage } from '../../../client/uploads/dexie-url-storage.ts';
import { openLocalDb } from '../../../client/data/local-db.ts';

describe('tus resume records in IndexedDB', () => {
  it('stores, finds by fingerprint, survives a reopen and removes by key', async () => {
    const name = `urls-${crypto.randomUUID()}`;
    const db = openLocalDb(name);
    const storage = dexieUrlStorage(db);
    const upload = { size: 10, metadata: { documentId: 'KTP' }, creationTime: 'Wed Nov 25 2026', uploadUrl: 'http://x/api/uploads/a', parallelUploadUrls: null, urlStorageKey: '' };
    const key = await storage.addUpload('jmo-page:p1', upload);
    await storage.addUpload('jmo-page:p2', { ...upload, uploadUrl: 'http://x/api/uploads/b' });
    db.close();

    const reopened = openLocalDb(name);
    const again = dexieUrlStorage(reopened);
    expect(await again.findUploadsByFingerprint('jmo-page:p1')).toEqual([{ ...upload, urlStorageKey: key }]);
    expect((await again.findAllUploads()).map((found) => found.uploadUrl).sort()).toEqual(['http://x/api/uploads/a', 'http://x/api/uploads/b']);
    await again.removeUpload(key);
    expect(await again.findUploadsByFingerprint('jmo-page:p1')).toEqual([]);
    expect(await again.findUploadsByFingerprint('jmo-page:p2')).toHaveLength(1);
    reopened.close();
  });
});
