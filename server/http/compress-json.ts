import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const MIN_BYTES = 1024;

/**
 * Brotli (else gzip) for JSON answers. Hono's compress() only offers what CompressionStream
 * has (gzip, deflate); brotli saves a further ~15 % on a first sync, which a participant on
 * a prepaid data plan pays for. Quality 5 keeps the CPU cost per pull small.
 */
export function compressJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!res.body || res.headers.has('Content-Encoding') || !/json/i.test(res.headers.get('Content-Type') ?? '')) return;
    const accepted = c.req.header('Accept-Encoding') ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.append('Vary', 'Accept-Encoding');
    if (!encoding || body.length < MIN_BYTES) {
      c.res = new Response(body, { status: res.status, headers });
      return;
    }
    const compressed = encoding === 'br' ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : await gzipAsync(body, { level: 6 });
    headers.set('Content-Encoding', encoding);
    headers.set('Content-Length', String(compressed.length));
    c.res = new Response(compressed, { status: res.status, headers });
  };
}
