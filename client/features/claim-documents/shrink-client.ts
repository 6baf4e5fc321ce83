import { wrap, type Remote } from 'comlink';
import type { ShrinkApi } from './shrink-worker.ts';
import type { ShrunkPage } from './shrink-image.ts';

let shrinker: Remote<ShrinkApi> | null = null;

/** Shrinks a photo in a worker started on first use: the screen stays responsive while a 12 MP photo is decoded. */
export function shrinkInWorker(photo: Blob, types?: string[]): Promise<ShrunkPage> {
  shrinker ??= wrap<ShrinkApi>(new Worker(new URL('./shrink-worker.ts', import.meta.url), { type: 'module', name: 'jmo-shrink' }));
  return shrinker.shrinkImage(photo, types);
}
