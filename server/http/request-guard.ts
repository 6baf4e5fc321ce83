import type { MiddlewareHandler } from 'hono';
import { apiError } from './errors.ts';
import { uploadErrors } from '../../shared/claims/document-upload-schemas.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for the JSON API. A cross-site page can only send "simple" requests without a
 * CORS preflight, and those cannot carry `Content-Type: application/json`; requiring JSON, and
 * refusing a foreign Origin or `Sec-Fetch-Site: cross-site`, closes the door even for browsers
 * that ignore SameSite cookies. Paths in `exempt` are signed server-to-server calls (webhooks).
 * Under `binaryPrefix` (tus uploads) bodies are bytes, not JSON; there the `Tus-Resumable` header
 * plays JSON's part, since a custom header too cannot be sent cross-site without a preflight.
 */
export function guardStateChangingRequests(options: { exempt?: string[]; binaryPrefix?: string } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method) || options.exempt?.includes(c.req.path)) return next();
    const origin = c.req.header('Origin');
    if (origin && origin !== new URL(c.req.url).origin) return apiError(c, 403, 'CSRF_REJECTED');
    if (c.req.header('Sec-Fetch-Site') === 'cross-site') return apiError(c, 403, 'CSRF_REJECTED');
    const { binaryPrefix } = options;
    if (binaryPrefix && (c.req.path === binaryPrefix || c.req.path.startsWith(`${binaryPrefix}/`))) {
      return c.req.header('Tus-Resumable') ? next() : apiError(c, 412, 'TUS_VERSION_REQUIRED', uploadErrors.TUS_VERSION_REQUIRED);
    }
    const contentType = c.req.header('Content-Type') ?? '';
    const hasBody = c.req.header('Content-Length') !== '0' && c.req.method !== 'DELETE';
    if (hasBody && !/^application\/json\b/i.test(contentType)) return apiError(c, 415, 'UNSUPPORTED_MEDIA_TYPE');
    return next();
  };
}
