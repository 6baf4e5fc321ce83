import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../../../../server/http/static-client.ts';

describe('CSP hashes of the built index.html inline scripts', () => {
  const dirs: string[] = [];
  const clientDir = (html?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'jmo-client-'));
    dirs.push(dir);
    if (html !== undefined) writeFileSync(join(dir, 'index.html'), html);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('allows exactly the inline script by its SHA-256, not the module scripts loaded from files', () => {
    const code = '"use strict";(()=>{document.title="x"})();';
    const dir = clientDir(`<html><head><script type="module" crossorigin src="/assets/index-1.js"></script></head><body><div id="app"></div>\n<script data-app="/assets/index-1.js">${code}</script><script src="/x.js"></script></body></html>`);
    expect(inlineScriptHashes(dir)).toEqual([`'sha256-${createHash('sha256').update(code).digest('base64')}'`]);
  });

  it('allows nothing extra without a built client', () => {
    expect(inlineScriptHashes(clientDir())).toEqual([]);
    expect(inlineScriptHashes(clientDir('<html><body><div id="app"></div></body></html>'))).toEqual([]);
  });
});
