import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

// Hashed files never change under their name; everything else must be revalidated so a new
// deploy (and a new service worker) reaches phones on their next visit.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=86400';

function cacheControlFor(path: string): string {
  if (path.startsWith('/assets/')) return IMMUTABLE;
  if (/^\/(sw\.js|index\.html|manifest\.webmanifest|workbox-[^/]+\.js)?$/.test(path)) return REVALIDATE;
  return SHORT;
}

/**
 * CSP sources for the inline scripts of the built index.html (the home's first paint, which must
 * not wait for a file): each allowed by its hash, so no other inline script ever runs.
 */
export function inlineScriptHashes(clientDir: string): string[] {
  const path = join(clientDir, 'index.html');
  if (!existsSync(path)) return [];
  const html = readFileSync(path, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, code]) => `'sha256-${createHash('sha256').update(code!).digest('base64')}'`);
}

/** Serves the built PWA with precompressed files, cache headers and the SPA fallback. */
export function staticClient(clientDir: string) {
  const app = new Hono();
  if (!existsSync(join(clientDir, 'index.html'))) return app;
  app.use('*', async (c, next) => {
    c.header('Cache-Control', cacheControlFor(c.req.path));
    await next();
  });
  app.use('*', serveStatic({ root: clientDir, precompressed: true }));
  // Navigations to app routes (/klaim/123) get the shell; the client router takes over.
  app.get('*', async (c, next) => {
    const accept = c.req.header('Accept') ?? '';
    if (!accept.includes('text/html') || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
    c.header('Cache-Control', REVALIDATE);
    return serveStatic({ root: clientDir, path: 'index.html', precompressed: true })(c, next);
  });
  return app;
}
