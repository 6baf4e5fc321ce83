import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { describe } from '../../http/openapi/describe.ts';
import { ClientHintsResponseSchema } from '../../../shared/api/api-responses.ts';

/**
 * GET /api/client-hints: echoes the request's `Save-Data` header. Browsers and operator proxies
 * may send it without exposing it to scripts; the phone asks once to set "Hemat data" by default.
 */
export function clientHintsRoutes() {
  return new Hono<AppEnv>().get('/', describe({ summary: 'Whether this request carried Save-Data: on', tags: ['meta'], responses: { 200: ClientHintsResponseSchema } }), (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Save-Data');
    return c.json({ saveData: /^on$/i.test(c.req.header('Save-Data')?.trim() ?? '') });
  });
}
