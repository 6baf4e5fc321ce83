import { describe, expect, it } from 'vitest';
import { documentsText } from '../../../../client/features/claim-documents/documents-text.ts';

describe('upload progress in bytes and pages', () => {
  it('names the page being sent and the kilobytes, in Indonesian and English', () => {
    const counts = { pagesDone: 1, pagesTotal: 5, bytesDone: 140 * 1024, bytesTotal: 610 * 1024 };
    expect(documentsText.id.uploadProgress(counts)).toBe('Mengunggah 2 dari 5 halaman · 140 KB dari 610 KB');
    expect(documentsText.en.uploadProgress(counts)).toBe('Uploading 2 of 5 pages · 140 KB of 610 KB');
  });

  it('stops at the last page and switches to megabytes with the language decimal mark', () => {
    const counts = { pagesDone: 9, pagesTotal: 9, bytesDone: 1_258_291, bytesTotal: 1_258_291 };
    expect(documentsText.id.uploadProgress(counts)).toBe('Mengunggah 9 dari 9 halaman · 1,2 MB dari 1,2 MB');
    expect(documentsText.en.uploadProgress({ ...counts, pagesDone: 0, bytesDone: 0 })).toBe('Uploading 1 of 9 pages · 0 KB of 1.2 MB');
  });
});
