import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { JmoDb } from '../data/local-db.ts';

/**
 * tus-js-client's resume records in IndexedDB. Its default is localStorage, which a service
 * worker or a dedicated worker cannot reach and which is cleared apart from the pages: the
 * record must live and die with the photos it resumes.
 */
export function dexieUrlStorage(db: JmoDb, randomUUID: () => string = () => crypto.randomUUID()): UrlStorage {
  const previous = (row: { key: string; upload: Omit<PreviousUpload, 'urlStorageKey'> }): PreviousUpload => ({ ...row.upload, urlStorageKey: row.key });
  return {
    async findAllUploads() {
      return (await db.uploadUrls.toArray()).map(previous);
    },
    async findUploadsByFingerprint(fingerprint) {
      return (await db.uploadUrls.where('fingerprint').equals(fingerprint).toArray()).map(previous);
    },
    async removeUpload(urlStorageKey) {
      await db.uploadUrls.delete(urlStorageKey);
    },
    async addUpload(fingerprint, upload) {
      const key = `${fingerprint}::${randomUUID()}`;
      const { size, metadata, creationTime, uploadUrl, parallelUploadUrls } = upload;
      await db.uploadUrls.put({ key, fingerprint, upload: { size, metadata, creationTime, uploadUrl, parallelUploadUrls } });
      return key;
    },
  };
}
