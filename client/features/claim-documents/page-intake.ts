import type { ShrunkPage } from './shrink-image.ts';

/** The server's limit per page after shrinking (a PDF is sent as it is). */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

export type IntakeProblem = 'wrong-type' | 'pdf-too-large' | 'unreadable';

export class IntakeError extends Error {
  constructor(readonly problem: IntakeProblem) {
    super(problem);
  }
}

const startsWith = async (file: Blob, signature: string) => (await file.slice(0, signature.length).text()) === signature;

/**
 * Turns what the camera or the file picker gave into a page to keep: a photo is shrunk
 * (in the worker), a PDF is kept as it is when small enough. The type is checked by the
 * file's first bytes, not its name: the server checks the same way and would refuse it later.
 */
export async function takeInPage(file: Blob, shrink: (photo: Blob) => Promise<ShrunkPage>): Promise<Blob> {
  if (file.type === 'application/pdf' || (await startsWith(file, '%PDF-'))) {
    if (!(await startsWith(file, '%PDF-'))) throw new IntakeError('wrong-type');
    if (file.size > MAX_PAGE_BYTES) throw new IntakeError('pdf-too-large');
    return file.type === 'application/pdf' ? file : new Blob([file], { type: 'application/pdf' });
  }
  if (!file.type.startsWith('image/') && file.type !== '') throw new IntakeError('wrong-type');
  try {
    return (await shrink(file)).blob;
  } catch {
    throw new IntakeError('unreadable');
  }
}
