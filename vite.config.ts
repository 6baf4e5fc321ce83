import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { APP_MARKUP } from './client/shell/home-snapshot-markup.ts';

const outDir = 'dist/client';

// The server sends x.js.br / x.js.gz when the browser accepts them: compress once at build
// time at maximum quality instead of on every request.
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|webmanifest|json|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'jmo-precompress',
    apply: 'build',
    enforce: 'post',
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        for (const file of walk(outDir)) {
          if (!compressible.test(file)) continue;
          const source = readFileSync(file);
          if (source.length < 512) continue;
          writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
        }
      },
    },
  };
}

// The home's first paint must not wait for the app's modules: the service worker answers with the
// last home already in the page, which is then built like a static page (stylesheet in the head,
// the picture in the body). This small script, inlined as the body's last element, settles that
// picture and starts the app after it was painted; placed there it blocks no parsing, and the
// stylesheet it waits for is needed for the first frame anyway. The server's
// Content-Security-Policy allows exactly this script by its hash (computed from the index.html it
// serves): blocked, the app would not start, since this script starts it.
function homeFirstPaintScript(): Plugin {
  return {
    name: 'jmo-home-first-paint',
    transformIndexHtml: {
      // After Vite added its tags, so the entry module's tag can be taken out.
      order: 'post',
      handler(html) {
        if (!html.includes(APP_MARKUP) || !html.includes('</body>')) throw new Error('index.html has no empty #app for the home first paint');
        const [script] = buildSync({ entryPoints: ['client/shell/home-first-paint.entry.ts'], bundle: true, format: 'iife', minify: true, target: 'es2020', write: false }).outputFiles;
        const code = script!.text.trim();
        if (code.includes('</script')) throw new Error('the home first paint script cannot be inlined');
        // The app's entry module is started by that script once the picture is painted (at once if there
        // is none): fetched and compiled alongside, it held the paint back by a third on a slowed CPU.
        // The dev server's own module script (no crossorigin) stays as it is.
        const entry = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        if (entry) html = html.replace(entry[0], '');
        const tag = entry ? `<script data-app="${entry[1]}">${code}</script>` : `<script>${code}</script>`;
        return html.replace('</body>', () => `  ${tag}\n  </body>`);
      },
    },
  };
}

export default defineConfig({
  root: 'client',
  publicDir: '../public',
  build: {
    outDir: `../${outDir}`,
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    // No modulepreload links in index.html: offline they are all asked of the service worker at
    // once, ahead of what the first paint needs. The entry imports them a moment later anyway;
    // lazy screens still preload their own imports.
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? [] : deps) },
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/dev': 'http://127.0.0.1:8787',
      '/admin': 'http://127.0.0.1:8787',
    },
  },
  plugins: [
    preact(),
    homeFirstPaintScript(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        globIgnores: ['.vite/**'],
      },
      manifest: {
        id: '/',
        name: 'JMO Lite — BPJS Ketenagakerjaan',
        short_name: 'JMO Lite',
        description: 'Saldo JHT, kartu digital, klaim, dan layanan BPJS Ketenagakerjaan — tetap bisa dibuka tanpa internet.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b6e4f',
        background_color: '#f6f8f7',
        categories: ['finance', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
    precompress(),
  ],
});
