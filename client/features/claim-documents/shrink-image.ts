/**
 * Shrinks a phone photo of a document for a weak, paid connection: a 12-megapixel photo of
 * 3–5 MB becomes one page of ≤ 200 KB whose typed text stays readable. Runs in a worker
 * (decoding and re-encoding a 12 MP photo takes the main thread away for seconds on a cheap
 * phone). Re-encoding from pixels writes no EXIF, so the camera's GPS position never leaves
 * the phone.
 */

/** The long side: an A4 page photographed whole keeps ~10 px letters at 1,600 px. */
export const MAX_LONG_SIDE = 1600;
export const TARGET_BYTES = 200 * 1024;
/** Lower than this and JPEG/WebP artefacts start eating thin strokes of small print. */
const QUALITIES = [0.82, 0.74, 0.66, 0.58, 0.5];
/** The last resort for a photo that is still too large (very busy background): smaller, still legible. */
const FALLBACK_LONG_SIDE = 1280;

export interface ShrunkPage {
  blob: Blob;
  width: number;
  height: number;
}

/** Fits width × height within the long side, never enlarging. */
export function fitWithin(width: number, height: number, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encode(bitmap: ImageBitmap, type: string, quality: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('OffscreenCanvas 2D tidak tersedia');
  context.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type, quality });
}

/**
 * WebP where the browser encodes it (smaller text pages than JPEG at the same quality),
 * JPEG where it does not (Safari hands back a PNG when asked for WebP).
 */
export const OUTPUT_TYPES = ['image/webp', 'image/jpeg'];

async function encodeSmallEnough(bitmap: ImageBitmap, types: string[]): Promise<Blob> {
  let smallest: Blob | null = null;
  for (const type of types) {
    for (const quality of QUALITIES) {
      const blob = await encode(bitmap, type, quality);
      if (blob.type !== type) break; // this browser cannot write this type
      if (!smallest || blob.size < smallest.size) smallest = blob;
      if (blob.size <= TARGET_BYTES) return blob;
    }
    if (smallest) return smallest;
  }
  throw new Error('Browser ini tidak bisa menyimpan foto sebagai JPEG atau WebP');
}

async function resized(source: ImageBitmap, longSide: number): Promise<ImageBitmap> {
  const size = fitWithin(source.width, source.height, longSide);
  // createImageBitmap's 'high' resampling averages the dropped pixels; a plain drawImage
  // downscale of 2.5× aliases thin letter strokes into noise.
  return createImageBitmap(source, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
}

async function shrinkTo(original: ImageBitmap, longSide: number, types: string[]): Promise<ShrunkPage> {
  const bitmap = await resized(original, longSide);
  try {
    return { blob: await encodeSmallEnough(bitmap, types), width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** `types` in order of preference; the tests pass JPEG alone to check the path Safari takes. */
export async function shrinkImage(photo: Blob, types: string[] = OUTPUT_TYPES): Promise<ShrunkPage> {
  // 'from-image' turns a portrait photo upright by its EXIF orientation before that EXIF is dropped.
  const original = await createImageBitmap(photo, { imageOrientation: 'from-image' });
  try {
    const page = await shrinkTo(original, MAX_LONG_SIDE, types);
    return page.blob.size <= TARGET_BYTES ? page : await shrinkTo(original, FALLBACK_LONG_SIDE, types);
  } finally {
    original.close();
  }
}
