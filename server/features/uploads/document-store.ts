import { mkdirSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { S3 } from '@aws-sdk/client-s3';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore } from '@tus/utils';
import type { DocumentStorageSettings } from '../../config.ts';

/**
 * Where document pages live, behind one interface whichever the backend: tus writes through
 * `datastore`, the type check and the office read through `read`, cleanup goes through `remove`.
 */
export interface DocumentStore {
  readonly kind: DocumentStorageSettings['kind'];
  readonly datastore: DataStore;
  /** The whole stored file (pages are at most 2 MB, so a buffer is fine). */
  read(id: string): Promise<Buffer>;
  /** Removes the bytes and the store's own bookkeeping; an id already gone is not an error. */
  remove(id: string): Promise<void>;
}

export function createDocumentStore(settings: DocumentStorageSettings): DocumentStore {
  return settings.kind === 's3' ? s3DocumentStore(settings) : fileDocumentStore(settings.directory);
}

/**
 * Built on first use: FileStore creates its directory when constructed, and most apps built in
 * tests never upload anything.
 */
export function lazyDocumentStore(settings: DocumentStorageSettings): DocumentStore {
  let store: DocumentStore | undefined;
  const get = () => (store ??= createDocumentStore(settings));
  return {
    kind: settings.kind,
    get datastore() {
      return get().datastore;
    },
    read: (id) => get().read(id),
    remove: (id) => get().remove(id),
  };
}

function fileDocumentStore(directory: string): DocumentStore {
  // FileStore makes its directory in a callback that throws out of reach; an unwritable
  // DATA_DIR must fail here instead, where the caller sees it.
  mkdirSync(directory, { recursive: true });
  const datastore = new FileStore({ directory });
  return {
    kind: 'file',
    datastore,
    read: (id) => collect(datastore.read(id)),
    remove: async (id) => {
      await datastore.remove(id).catch((error: unknown) => {
        if (!isTusNotFound(error)) throw error;
      });
    },
  };
}

type S3Settings = Extract<DocumentStorageSettings, { kind: 's3' }>;

function s3DocumentStore(settings: S3Settings): DocumentStore {
  const clientConfig = {
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Self-hosted S3-compatible servers (MinIO, Garage, the test stand-in) serve buckets by path.
    forcePathStyle: true,
    // Checksums only where S3 demands them: several S3-compatible servers refuse the SDK's
    // default streaming (aws-chunked) checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
  const datastore = new S3Store({ s3ClientConfig: { bucket: settings.bucket, ...clientConfig } });
  const client = new S3(clientConfig);
  return {
    kind: 's3',
    datastore,
    read: async (id) => {
      const object = await client.getObject({ Bucket: settings.bucket, Key: id });
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    remove: async (id) => {
      // S3Store.remove aborts the multipart upload first, which fails once it completed; the
      // objects themselves are what must go, finished or not.
      await datastore.remove(id).catch(() => undefined);
      await client.deleteObjects({
        Bucket: settings.bucket,
        Delete: { Objects: [{ Key: id }, { Key: `${id}.info` }, { Key: `${id}.part` }], Quiet: true },
      });
    },
  };
}

function isTusNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status_code?: number }).status_code === 404;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
