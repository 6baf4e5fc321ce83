import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { officeDirectory } from './office-directory.ts';
import { describe } from '../../http/openapi/describe.ts';
import { OfficesResponseSchema } from '../../../shared/api/api-responses.ts';

/**
 * The office and PLKK directory is public reference data, the same for everyone: the phone
 * keeps a copy and revalidates it with If-None-Match, so an unchanged directory costs one 304.
 */
export function officesRoutes() {
  const offices = officeDirectory();
  const body = JSON.stringify({ offices });
  const etag = `"offices-${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
  return new Hono<AppEnv>().get('/', describe({ summary: 'Office and PLKK directory (ETag; 304 when unchanged)', responses: { 200: OfficesResponseSchema, 304: { description: 'Unchanged since If-None-Match' } } }), (c) => {
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}
