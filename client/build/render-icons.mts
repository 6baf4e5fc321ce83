// One-off: renders public/favicon.svg into the PNG icons the manifest needs, with Debian's
// Chromium (no image library in the dependency tree). Run: npx tsx client/build/render-icons.mts
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('public/favicon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
async function render(path: string, size: number, maskable: boolean) {
  await page.setViewportSize({ width: size, height: size });
  // A maskable icon is cropped to a circle by some launchers: full-bleed colour, mark inside 70 %.
  const inner = maskable
    ? `<div style="width:${size}px;height:${size}px;background:#0b6e4f;display:grid;place-items:center"><div style="width:${size * 0.7}px;height:${size * 0.7}px">${svg.replace('rx="14"', 'rx="0"')}</div></div>`
    : `<div style="width:${size}px;height:${size}px">${svg}</div>`;
  await page.setContent(`<html><body style="margin:0;background:transparent">${inner}<style>svg{width:100%;height:100%;display:block}</style></body></html>`);
  await page.screenshot({ path, omitBackground: !maskable });
}
await render('public/icons/icon-192.png', 192, false);
await render('public/icons/icon-512.png', 512, false);
await render('public/icons/icon-maskable-512.png', 512, true);
await render('public/icons/apple-touch-icon.png', 180, true);
await browser.close();
