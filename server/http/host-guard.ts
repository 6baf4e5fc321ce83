import type { MiddlewareHandler } from 'hono';
import { apiError } from './errors.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * DNS-rebinding defence: a page on attacker.example whose name is made to point at this
 * server reaches it with `Host: attacker.example`, as if same-origin. Only the public host
 * (from PUBLIC_URL), and outside production the loopback names, are answered. The health
 * check stays open to load balancers that probe by IP; it reveals nothing.
 */
export function allowOnlyKnownHosts(config: { publicUrl: string; isProduction: boolean }): MiddlewareHandler {
  const publicHost = new URL(config.publicUrl).hostname;
  return async (c, next) => {
    // On @hono/node-server the request URL is built from the Host header.
    const host = new URL(c.req.url).hostname;
    if (host === publicHost || (!config.isProduction && LOOPBACK_NAMES.has(host)) || c.req.path === '/api/health') return next();
    return apiError(c, 421, 'HOST_NOT_ALLOWED', 'Alamat ini tidak dikenal server JMO Lite. Buka aplikasi lewat alamat resminya.');
  };
}
