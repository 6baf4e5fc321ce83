import type { Page } from 'playwright-core';

/** A row of the phone's `meta` table, read with IndexedDB itself. */
export function metaValue<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('jmo-lite');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('meta').objectStore('meta').get(key);
          read.onsuccess = () => {
            open.result.close();
            resolve((read.result as { value: T } | undefined)?.value);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    key,
  );
}
