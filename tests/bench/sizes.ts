import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = 'dist/client';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
  isDynamicEntry?: boolean;
}

export interface Compressed {
  raw: number;
  gzip: number;
  brotli: number;
}

function compressed(file: string): Compressed {
  const path = join(dist, file);
  const raw = readFileSync(path);
  const gzip = existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : gzipSync(raw, { level: 9 }).length;
  const brotli = existsSync(`${path}.br`) ? statSync(`${path}.br`).size : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: raw.length, gzip, brotli };
}

function compressedText(text: string): Compressed {
  const raw = Buffer.from(text);
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

const sum = (items: Compressed[]): Compressed => items.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** Bytes a phone downloads: the home screen's JS and CSS, each lazy route, the worker, the precache. */
export function measureSizes() {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest['index.html']!;
  const homeFiles = new Set<string>([entry.file, ...(entry.css ?? [])]);
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) return;
    homeFiles.add(chunk.file);
    for (const css of chunk.css ?? []) homeFiles.add(css);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of entry.imports ?? []) visit(key);
  // The script inlined in index.html (the home's first paint) is home JS too.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const inlineJs = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, code]) => compressedText(code!));
  const homeJs = sum([...[...homeFiles].filter((f) => f.endsWith('.js')).map(compressed), ...inlineJs]);
  const homeCss = sum([...homeFiles].filter((f) => f.endsWith('.css')).map(compressed));
  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => ({ name: key.replace(/^.*\//, '').replace(/\.tsx?$/, ''), ...compressed(chunk.file) }))
    .sort((a, b) => b.gzip - a.gzip);
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const precacheFiles = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!.replace(/^\//, ''));
  const precache = sum(precacheFiles.filter((f) => existsSync(join(dist, f))).map(compressed));
  // Worker bundles are not in Vite's manifest; find the hashed file by name.
  const workerFile = readdirSync(join(dist, 'assets')).find((f) => f.startsWith('sync-worker') && f.endsWith('.js'));
  return {
    homeJs,
    homeCss,
    routes,
    syncWorker: workerFile ? compressed(`assets/${workerFile}`) : null,
    serviceWorker: compressed('sw.js'),
    precache: { ...precache, entries: precacheFiles.length },
  };
}
