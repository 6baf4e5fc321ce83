import type { FileReader, FileSource } from 'tus-js-client';

/**
 * Reads a page's Blob in slices. tus-js-client's own readers differ by platform (its Node build
 * takes only Buffers and streams), so one reader serves the page, the workers and the tests alike.
 */
export const blobFileReader: FileReader = {
  async openFile(input: unknown): Promise<FileSource> {
    if (!(input instanceof Blob)) throw new TypeError('Only a Blob can be uploaded');
    return {
      size: input.size,
      async slice(start, end) {
        return { value: input.slice(start, end), done: end >= input.size };
      },
      close() {},
    };
  },
};
