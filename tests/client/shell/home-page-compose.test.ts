import { describe, expect, it } from 'vitest';
import { composeHomePage } from '../../../client/shell/home-page-compose.ts';
import type { HomeSnapshot } from '../../../client/data/home-snapshot.ts';
import { syncText } from '../../../client/shell/sync-text.ts';
import { formatAsOf } from '../../../shared/rules/freshness.ts';

const INDEX = '<!doctype html><html lang="id"><head><script data-app="/assets/index.js">start()</script></head><body><div id="app"></div></body></html>';
const confirmedAt = Date.UTC(2026, 10, 12, 7, 3);
const snapshot: HomeSnapshot = {
  version: 2,
  owner: 'siti.rahayu@demo.jmo-lite.test',
  language: 'id',
  html: '<div class="app"><div class="connection-bar"><p data-snapshot-offline-notice=""></p></div><section><p data-testid="merged-balance">Rp 12.345.678</p><p data-snapshot-freshness=""></p></section></div>',
  confirmedAt,
  serverOffsetMs: 0,
  lastAttempt: 'ok',
  words: { ...syncText.id, offlineNotice: 'Anda sedang offline' },
};

describe('the home page the service worker answers a cold start with', () => {
  it('puts the last home before a hidden #app, out of reach of screen readers and the keyboard', () => {
    const page = composeHomePage(INDEX, snapshot, confirmedAt + 60_000)!;
    expect(page).toContain('<div id="home-snapshot" aria-hidden="true" inert><div class="app">');
    expect(page).toContain('</div><div id="app" hidden></div></body>');
    expect(page).toContain('<script data-app="/assets/index.js">start()</script>');
    expect(page).toContain('Rp 12.345.678');
  });

  it('labels the data with its own time and never calls it current, with the offline wording beside it', () => {
    // Confirmed a minute ago: the full app online would say "terbaru", this page has not asked the server.
    const page = composeHomePage(INDEX, snapshot, confirmedAt + 60_000)!;
    const asOf = formatAsOf(confirmedAt, 'id');
    expect(page).toContain(`<p class="freshness freshness--stale" data-snapshot-offline-text="${asOf} — ${syncText.id.offline}">${asOf} — ${syncText.id.stale}</p>`);
    expect(page).not.toContain(syncText.id.fresh);
    expect(page).toContain('<p data-snapshot-offline-notice="Anda sedang offline" hidden></p>');
  });

  it('escapes the words it writes and keeps the snapshot markup as it was, dollar signs included', () => {
    const words = { ...snapshot.words, stale: 'lama <b>"&\'</b>', offlineNotice: '<i>offline</i>' };
    const html = snapshot.html.replace('Rp 12.345.678', () => 'US$& 5 $1');
    const page = composeHomePage(INDEX, { ...snapshot, words, html }, confirmedAt)!;
    expect(page).toContain('lama &#60;b&#62;&#34;&#38;&#39;&#60;/b&#62;');
    expect(page).toContain('data-snapshot-offline-notice="&#60;i&#62;offline&#60;/i&#62;"');
    expect(page).toContain('US$& 5 $1');
  });

  it('gives nothing to paint when the shell or the snapshot is not what it should be', () => {
    expect(composeHomePage(INDEX.replace('<div id="app"></div>', '<main></main>'), snapshot, confirmedAt)).toBeNull();
    expect(composeHomePage(INDEX, { ...snapshot, html: '<div class="app">Rp 1</div>' }, confirmedAt)).toBeNull();
  });
});
