import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

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

// The home's first paint must not wait for the app's modules: a small classic script right after
// #app runs as soon as the stylesheet is in, before those modules are even evaluated. A file, not
// inline, because the Content-Security-Policy allows no inline script; the dev server sends none.
function homeFirstPaintScript(): Plugin {
  const marker = '<div id="app"></div>';
  let code = '';
  let fileName = '';
  let serving = false;
  return {
    name: 'jmo-home-first-paint',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    buildStart() {
      const [script] = buildSync({ entryPoints: ['client/shell/home-first-paint.entry.ts'], bundle: true, format: 'iife', minify: true, target: 'es2020', write: false }).outputFiles;
      code = script!.text;
      fileName = `assets/first-paint-${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
      if (!serving) this.emitFile({ type: 'asset', fileName, source: code });
    },
    transformIndexHtml: {
      // After Vite added its tags, so they can be put in the order a cold start needs them.
      order: 'post',
      handler(html) {
        if (!html.includes(marker)) throw new Error('index.html has no empty #app for the home first paint');
        if (serving) return html.replace(marker, `${marker}\n    <script>${code}</script>`);
        // What the first paint waits for (the stylesheet and this script) is asked of the service
        // worker before the app's modules, which only run after it.
        const stylesheets = html.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
        html = html.replace(/\s*<link rel="stylesheet"[^>]*>/g, '');
        const early = [...stylesheets, `<link rel="preload" as="script" href="/${fileName}">`].join('\n    ');
        return html.replace('<title>', `${early}\n    <title>`).replace(marker, `${marker}\n    <script src="/${fileName}"></script>`);
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
