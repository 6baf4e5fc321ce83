import { describe, expect, it } from 'vitest';
import { IntakeError, MAX_PAGE_BYTES, takeInPage } from '../../../../client/features/claim-documents/page-intake.ts';

const shrunk = new Blob(['small'], { type: 'image/webp' });
const shrink = async () => ({ blob: shrunk, width: 1200, height: 1600 });
const failing = async (): Promise<never> => {
  throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
};
const problem = (promise: Promise<unknown>) => promise.then(() => 'kept', (error: unknown) => (error instanceof IntakeError ? error.problem : String(error)));

describe('taking in a photo or a PDF as a page', () => {
  it('shrinks photos, and says a photo the browser cannot decode is unreadable', async () => {
    expect(await takeInPage(new Blob(['jpeg'], { type: 'image/jpeg' }), shrink)).toBe(shrunk);
    expect(await takeInPage(new Blob(['heic'], { type: '' }), shrink)).toBe(shrunk); // some pickers give no type
    expect(await problem(takeInPage(new Blob(['x'], { type: 'image/heic' }), failing))).toBe('unreadable');
  });

  it('keeps a real PDF as it is, up to 2 MB, known by its first bytes', async () => {
    const pdf = new Blob(['%PDF-1.7 ...'], { type: 'application/pdf' });
    expect(await takeInPage(pdf, failing)).toBe(pdf);
    const unnamed = await takeInPage(new Blob(['%PDF-1.4 ...'], { type: '' }), failing);
    expect(unnamed.type).toBe('application/pdf');
    expect(await problem(takeInPage(new Blob(['%PDF-', new Uint8Array(MAX_PAGE_BYTES)], { type: 'application/pdf' }), failing))).toBe('pdf-too-large');
  });

  it('refuses a file named .pdf that is not one, and other types', async () => {
    expect(await problem(takeInPage(new Blob(['MZ executable'], { type: 'application/pdf' }), shrink))).toBe('wrong-type');
    expect(await problem(takeInPage(new Blob(['hello'], { type: 'text/plain' }), shrink))).toBe('wrong-type');
  });
});
