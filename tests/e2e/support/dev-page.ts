import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import preact from '@preact/preset-vite';

/**
 * Vite's dev server on the repository, with one page at /test-page that runs `module`.
 * For browser tests of client parts the app does not mount yet (the built app has no page
 * that loads them); workers load as the app loads them, with `new Worker(new URL(...))`.
 * `proxy` sends paths (e.g. /api/uploads) to another server, so requests stay same-origin as in the app.
 */
export async function startDevPage(module: string, proxy: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'jmo-vite-'));
  const vite: ViteDevServer = await createServer({
    configFile: false,
    root: process.cwd(),
    cacheDir,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, hmr: false, proxy },
    optimizeDeps: { include: ['comlink', 'dexie', 'preact', 'preact/hooks', 'preact/jsx-runtime', '@preact/signals', 'preact-iso'] },
    plugins: [
      preact({ prefreshEnabled: false }),
      {
        name: 'jmo-test-page',
        configureServer(server) {
          server.middlewares.use('/test-page', (_request, response) => {
            response.setHeader('Content-Type', 'text/html');
            response.end(`<!doctype html><html lang="id"><title>test</title><link rel="stylesheet" href="/client/ui/theme.css"><main id="root"></main><script type="module" src="${module}"></script></html>`);
          });
        },
      },
    ],
  });
  await vite.listen();
  return {
    url: `${vite.resolvedUrls!.local[0]!.replace(/\/$/, '')}/test-page`,
    async close() {
      await vite.close();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
