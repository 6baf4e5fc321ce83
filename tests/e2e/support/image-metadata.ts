/**
 * Finds camera metadata in JPEG and WebP bytes by walking their structure (JPEG segments,
 * RIFF chunks), so a test can tell "no EXIF" from "EXIF where the parser did not look".
 */
export interface ImageMetadata {
  format: 'jpeg' | 'webp' | 'other';
  /** Segment or chunk names that carry metadata: 'APP1 Exif', 'APP1 XMP', 'EXIF', 'XMP '. */
  metadataBlocks: string[];
  /** A GPS IFD pointer (TIFF tag 0x8825) inside an EXIF block. */
  hasGps: boolean;
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

function tiffHasGps(tiff: Uint8Array): boolean {
  const little = ascii(tiff, 0, 2) === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd0 = view.getUint32(4, little);
  const entries = view.getUint16(ifd0, little);
  for (let i = 0; i < entries; i++) if (view.getUint16(ifd0 + 2 + i * 12, little) === 0x8825) return true;
  return false;
}

export function readImageMetadata(bytes: Uint8Array): ImageMetadata {
  const blocks: string[] = [];
  let hasGps = false;
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 4 <= bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1]!;
      if (marker === 0xda || marker === 0xd9) break; // image data starts: no metadata after it
      const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
      const body = bytes.subarray(at + 4, at + 2 + length);
      if (marker === 0xe1 && ascii(body, 0, 6) === 'Exif\0\0') {
        blocks.push('APP1 Exif');
        hasGps ||= tiffHasGps(body.subarray(6));
      } else if (marker === 0xe1) blocks.push('APP1 XMP');
      at += 2 + length;
    }
    return { format: 'jpeg', metadataBlocks: blocks, hasGps };
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 12; at + 8 <= bytes.length; ) {
      const name = ascii(bytes, at, 4);
      const size = view.getUint32(at + 4, true);
      if (name === 'EXIF') {
        blocks.push(name);
        const body = bytes.subarray(at + 8, at + 8 + size);
        hasGps ||= tiffHasGps(ascii(body, 0, 6) === 'Exif\0\0' ? body.subarray(6) : body);
      } else if (name === 'XMP ') blocks.push(name);
      at += 8 + size + (size % 2);
    }
    return { format: 'webp', metadataBlocks: blocks, hasGps };
  }
  return { format: 'other', metadataBlocks: blocks, hasGps };
}
