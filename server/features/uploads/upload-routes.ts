import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ERRORS, Metadata, Server, type Upload } from '@tus/server';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { requireAuth } from '../../auth/session.ts';
import { issuesToFields } from '../../http/errors.ts';
import { isTransientDatabaseError, TRANSIENT_RETRY_AFTER_SEC } from '../../db/transient-error.ts';
import { describe } from '../../http/openapi/describe.ts';
import { commonErrors } from '../../../shared/api/errors.ts';
import {
  DocumentUploadMetadataSchema,
  MAX_PAGE_BYTES,
  uploadErrors,
  type DocumentUploadMetadata,
  type UploadErrorCode,
} from '../../../shared/claims/document-upload-schemas.ts';
import type { DocumentStore } from './document-store.ts';
import { uploadLocker } from './upload-locker.ts';
import { findOwnUpload, forgetUpload, inspectCompletedUpload, recordProgress, reserveUpload, type DocumentUpload } from './document-uploads.ts';

export const UPLOADS_PATH = '/api/uploads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Code = UploadErrorCode | keyof typeof commonErrors;

/** A refusal in the app's shape, keeping the tus headers a client needs (Tus-Resumable, Upload-Offset). */
function refusal(status: number, code: Code, headers: HeadersInit = {}, fields?: Record<string, string>): Response {
  const message = (uploadErrors as Record<string, string>)[code] ?? (commonErrors as Record<string, string>)[code] ?? commonErrors.INVALID_INPUT;
  const out = new Headers(headers);
  out.set('Content-Type', 'application/json; charset=utf-8');
  out.set('Tus-Resumable', '1.0.0');
  out.delete('Content-Length');
  return new Response(JSON.stringify({ code, message, ...(fields ? { fields } : {}) }), { status, headers: out });
}

/** What tus's plain-text refusals mean, as codes a client can act on. */
const TUS_STATUS_CODES: Partial<Record<number, Code>> = {
  400: 'INVALID_INPUT',
  403: 'INVALID_INPUT',
  404: 'UPLOAD_NOT_FOUND',
  409: 'UPLOAD_OFFSET_MISMATCH',
  410: 'UPLOAD_EXPIRED',
  412: 'TUS_VERSION_REQUIRED',
  413: 'UPLOAD_TOO_LARGE',
  415: 'UPLOAD_TYPE_REFUSED',
  423: 'UPLOAD_LOCKED',
};

/** A thrown hook refusal: tus answers with this status, and the body becomes our JSON below. */
class HookRefusal {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {}
}

/**
 * tus 1.0 resumable uploads of claim document pages (issue 15). tus speaks the protocol; this
 * layer decides who may touch which upload: the session's participant, and only their own
 * uploads (anyone else's id is answered 404, as if it did not exist). The database row is
 * written before tus stores a byte, so ownership, limits and expiry never depend on the store.
 */
export function uploadRoutes(deps: AppDeps, store: DocumentStore) {
  // What the creation request was checked into, handed to tus's naming and creation hooks.
  const reserved = new WeakMap<Request, { id: string; participantId: number; metadata: DocumentUploadMetadata }>();
  let tus: Server | undefined;
  const tusServer = () =>
    (tus ??= new Server({
      path: UPLOADS_PATH,
      datastore: store.datastore,
      // Shared by every instance on PostgreSQL, in memory on PGlite (upload-locker.ts).
      locker: uploadLocker(deps.db, deps.dbKind),
      maxSize: MAX_PAGE_BYTES,
      // Same-origin only: no Access-Control-Allow-Origin for anyone.
      allowedOrigins: [],
      relativeLocation: true,
      respectForwardedHeaders: false,
      namingFunction: (req) => {
        const reservation = reserved.get(req);
        if (!reservation) throw new HookRefusal(400, 'no reservation');
        return reservation.id;
      },
      onUploadCreate: async (req) => {
        const reservation = reserved.get(req)!;
        // Only the checked fields are kept with the bytes, plus the owner, for whoever reads the store.
        const { draftId, documentId, page, filetype } = reservation.metadata;
        return { metadata: { draftId, documentId, page: String(page), filetype, participantId: String(reservation.participantId) } };
      },
      onUploadFinish: async (_req, upload: Upload) => {
        const result = await inspectCompletedUpload(deps.db, store, { id: upload.id, now: deps.clock.now() });
        if (!result.ok) throw new HookRefusal(415, result.code);
        return {};
      },
      onResponseError: async (_req, error) => {
        if (error instanceof HookRefusal) return undefined;
        // tus says 500 when another request kept the upload past the acquire timeout.
        if (error === ERRORS.ERR_LOCK_TIMEOUT) return { status_code: 423, body: 'UPLOAD_LOCKED' };
        // A busy database while recording a page: the phone retries, and HEAD finishes the check.
        if (isTransientDatabaseError(error)) return { status_code: 503, body: 'SERVER_BUSY' };
        if ((error as { status_code?: number }).status_code === undefined) deps.log.error({ err: error }, 'document upload failed in the store');
        return undefined;
      },
    }));

  /** tus's answer, with every refusal turned into `{code, message}` and the expiry told. */
  async function answer(response: Response, row?: DocumentUpload): Promise<Response> {
    const headers = new Headers(response.headers);
    if (row && row.status === 'UPLOADING' && response.status < 300) headers.set('Upload-Expires', row.expiresAt.toUTCString());
    if (response.status < 400) return new Response(response.body, { status: response.status, headers });
    const text = await response.text();
    if (response.status === 503 && text === 'SERVER_BUSY') {
      headers.set('Retry-After', String(TRANSIENT_RETRY_AFTER_SEC));
      return refusal(503, 'SERVER_BUSY', headers);
    }
    if (response.status >= 500) return refusal(response.status, 'INTERNAL_ERROR', headers);
    const code = Object.hasOwn(uploadErrors, text) ? (text as Code) : TUS_STATUS_CODES[response.status];
    return refusal(code ? response.status : 400, code ?? 'INVALID_INPUT', headers);
  }

  /** The caller's own upload by its URL id; anything else (unknown, someone else's) is 404. */
  async function ownUpload(c: Context<AppEnv>): Promise<DocumentUpload | Response> {
    const id = c.req.param('id') ?? '';
    const row = UUID.test(id) ? await findOwnUpload(deps.db, c.get('auth')!.participantId, id.toLowerCase()) : undefined;
    if (!row) return refusal(404, 'UPLOAD_NOT_FOUND');
    if (row.status === 'REFUSED') return refusal(410, (row.refusalCode as Code | null) ?? 'UPLOAD_TYPE_REFUSED');
    if (row.status === 'UPLOADING' && row.expiresAt.getTime() <= deps.clock.now().getTime()) return refusal(410, 'UPLOAD_EXPIRED');
    return row;
  }

  const app = new Hono<AppEnv>();
  app.use('*', requireAuth);

  app.post(
    '/',
    describe({
      summary: 'Start uploading one page of a claim document (tus 1.0 creation; creation-with-upload allowed)',
      tags: ['uploads'],
      responses: { 201: { description: 'Created; `Location` is the upload URL, `Upload-Expires` its deadline' } },
      errors: {
        400: ['UPLOAD_LENGTH_REQUIRED', 'UPLOAD_METADATA_INVALID', 'INVALID_INPUT'],
        412: ['TUS_VERSION_REQUIRED'],
        413: ['UPLOAD_TOO_LARGE'],
        415: ['UPLOAD_TYPE_REFUSED'],
        409: ['UPLOAD_PAGE_SENT'],
        422: ['UPLOAD_TOO_MANY_PAGES'],
      },
    }),
    async (c) => {
      const request = c.req.raw;
      if (request.headers.get('tus-resumable') !== '1.0.0') return refusal(412, 'TUS_VERSION_REQUIRED');
      const lengthText = request.headers.get('upload-length');
      if (request.headers.has('upload-concat') || request.headers.has('upload-defer-length') || lengthText === null || !/^\d{1,12}$/.test(lengthText)) return refusal(400, 'UPLOAD_LENGTH_REQUIRED');
      const size = Number(lengthText);
      if (size > MAX_PAGE_BYTES) return refusal(413, 'UPLOAD_TOO_LARGE');
      if (size === 0) return refusal(400, 'UPLOAD_LENGTH_REQUIRED');
      let raw: Record<string, string | null>;
      try {
        raw = Metadata.parse(request.headers.get('upload-metadata') ?? undefined);
      } catch {
        return refusal(400, 'UPLOAD_METADATA_INVALID');
      }
      const metadata = v.safeParse(DocumentUploadMetadataSchema, raw);
      if (!metadata.success) return refusal(400, 'UPLOAD_METADATA_INVALID', {}, issuesToFields(metadata.issues));

      const participantId = c.get('auth')!.participantId;
      const id = randomUUID();
      const reservation = await reserveUpload(deps.db, { id, participantId, metadata: metadata.output, size, now: deps.clock.now() });
      if (!reservation.ok) return refusal(reservation.code === 'UPLOAD_PAGE_SENT' ? 409 : 422, reservation.code);
      // The old page's row is gone already; bytes the store fails to drop now are only wasted space.
      for (const replacedId of reservation.replacedIds) {
        await store.remove(replacedId).catch((error: unknown) => deps.log.warn({ err: error, uploadId: replacedId }, 'replaced document page not removed from storage'));
      }

      reserved.set(request, { id, participantId, metadata: metadata.output });
      const response = await tusServer().handleWeb(request);
      const row = await findOwnUpload(deps.db, participantId, id);
      if (response.status === 201 && !row) {
        // A newer upload of the same page replaced this one while tus was still creating it (a
        // phone killed mid-request starts the page again): that replacement found no bytes to
        // remove yet, and these would be left with no row to ever expire them.
        await store.remove(id).catch((error: unknown) => deps.log.warn({ err: error, uploadId: id }, 'replaced document page not removed from storage'));
      } else if (response.status === 201) {
        const offset = Number(response.headers.get('Upload-Offset') ?? 0);
        if (offset > 0 && offset < size) await recordProgress(deps.db, id, offset);
      } else if (response.status !== 415) {
        // Nothing usable was created: the page slot is free again.
        await store.remove(id).catch((error: unknown) => deps.log.warn({ err: error, uploadId: id }, 'failed document upload not removed from storage'));
        await forgetUpload(deps.db, id);
        return answer(response);
      }
      return answer(response, row);
    },
  );

  // Hono routes HEAD through GET handlers (and drops the body); a plain GET is not offered: the
  // bytes go back only to the office, with the type the server detected.
  app.get(
    '/:id',
    describe({
      summary: 'HEAD only (tus 1.0): how many bytes of an upload the server holds, as `Upload-Offset` and `Upload-Length`. GET answers 405',
      tags: ['uploads'],
      responses: { 200: { description: 'HEAD: the upload exists; `Upload-Offset` says where to resume' } },
      errors: { 404: ['UPLOAD_NOT_FOUND'], 405: ['METHOD_NOT_ALLOWED'], 410: ['UPLOAD_EXPIRED', 'UPLOAD_TYPE_REFUSED'], 412: ['TUS_VERSION_REQUIRED'], 423: ['UPLOAD_LOCKED'] },
    }),
    async (c) => {
      if (c.req.method !== 'HEAD') return refusal(405, 'METHOD_NOT_ALLOWED', { Allow: 'HEAD, PATCH, DELETE' });
      const row = await ownUpload(c);
      if (row instanceof Response) return row;
      const response = await tusServer().handleWeb(c.req.raw);
      // The last PATCH may have stored every byte but failed before the type check ran (a
      // dropped connection, a busy database): run it now, so "all bytes here" always means checked.
      if (row.status === 'UPLOADING' && response.status === 200 && response.headers.get('Upload-Offset') === String(row.size)) {
        const result = await inspectCompletedUpload(deps.db, store, { id: row.id, now: deps.clock.now() });
        if (!result.ok) return refusal(410, result.code);
        return answer(response);
      }
      return answer(response, row);
    },
  );

  app.patch(
    '/:id',
    describe({
      summary: 'Send the next chunk of an upload (tus 1.0 PATCH, `Content-Type: application/offset+octet-stream`)',
      tags: ['uploads'],
      responses: { 204: { description: 'Stored; `Upload-Offset` is the new offset. The last chunk is answered after the type check' } },
      errors: {
        400: ['INVALID_INPUT'],
        404: ['UPLOAD_NOT_FOUND'],
        409: ['UPLOAD_OFFSET_MISMATCH', 'UPLOAD_ALREADY_COMPLETE'],
        410: ['UPLOAD_EXPIRED', 'UPLOAD_TYPE_REFUSED'],
        412: ['TUS_VERSION_REQUIRED'],
        413: ['UPLOAD_TOO_LARGE'],
        415: ['UPLOAD_TYPE_REFUSED'],
        423: ['UPLOAD_LOCKED'],
      },
    }),
    async (c) => {
      const row = await ownUpload(c);
      if (row instanceof Response) return row;
      if (row.status === 'COMPLETE') return refusal(409, 'UPLOAD_ALREADY_COMPLETE', { 'Upload-Offset': String(row.size) });
      const response = await tusServer().handleWeb(c.req.raw);
      const offset = Number(response.headers.get('Upload-Offset') ?? NaN);
      if (response.status === 204 && offset < row.size) await recordProgress(deps.db, row.id, offset);
      return answer(response, response.status === 204 && offset < row.size ? row : undefined);
    },
  );

  app.delete(
    '/:id',
    describe({
      summary: 'Remove an uploaded page (tus 1.0 termination), e.g. before retaking it',
      tags: ['uploads'],
      responses: { 204: { description: 'Removed with its bytes' } },
      errors: { 404: ['UPLOAD_NOT_FOUND'], 409: ['UPLOAD_PAGE_SENT'], 412: ['TUS_VERSION_REQUIRED'], 423: ['UPLOAD_LOCKED'] },
    }),
    async (c) => {
      if (c.req.header('Tus-Resumable') !== '1.0.0') return refusal(412, 'TUS_VERSION_REQUIRED');
      const id = c.req.param('id');
      const row = UUID.test(id) ? await findOwnUpload(deps.db, c.get('auth')!.participantId, id.toLowerCase()) : undefined;
      if (!row) return refusal(404, 'UPLOAD_NOT_FOUND');
      // A page a claim names stays for the office; a correction brings new pages instead.
      if (row.claimId !== null) return refusal(409, 'UPLOAD_PAGE_SENT');
      // Through tus first: it takes the upload's lock, so a PATCH in flight is stopped, not raced.
      const response = await tusServer().handleWeb(c.req.raw);
      if (response.status === 423) return answer(response);
      // Refused pages have no bytes left, and S3 cannot abort a finished multipart upload:
      // whatever tus answered, the bytes and then the row must go.
      await store.remove(row.id);
      await forgetUpload(deps.db, row.id);
      return new Response(null, { status: 204, headers: { 'Tus-Resumable': '1.0.0' } });
    },
  );

  return app;
}
