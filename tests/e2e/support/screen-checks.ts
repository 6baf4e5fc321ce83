import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface Finding {
  screen: string;
  kind: 'page-error' | 'console-error' | 'overflow' | 'validator-text' | 'tap-target' | 'freshness' | 'still-loading' | 'error-off-screen' | 'stuck';
  detail: string;
}

const crawlScreenshotDir = 'test-results/screens/crawl';

/** Words that only leak from code: a schema's own message, a missing value, a stringified object. */
const INTERNALS = /Invalid key|Expected|received undefined|\bundefined\b|\bNaN\b|\[object Object\]/;

/**
 * Waits until the screen has rendered (a heading, no `aria-busy` placeholder), then returns
 * what is wrong with it at 360 px. A screen stuck on its placeholder is itself a finding.
 */
export async function checkScreen(page: Page, screen: string, options: { cachedData: boolean; serverReachable: boolean }): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (kind: Finding['kind'], detail: string) => findings.push({ screen, kind, detail });
  await page.locator('main h1').first().waitFor({ timeout: 15_000 }).catch(() => add('still-loading', 'no heading after 15 s'));
  await page
    .waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 8_000 })
    .catch(() => add('still-loading', 'a placeholder (aria-busy) is still shown after 8 s'));
  // Fonts, late live queries and lazy chunks settle within a frame or two.
  await page.waitForTimeout(150);
  mkdirSync(crawlScreenshotDir, { recursive: true });
  await page.screenshot({ path: `${crawlScreenshotDir}/${screen}.png` });

  const facts = await page.evaluate(measureScreen);
  if (facts.scrollWidth > facts.viewportWidth) add('overflow', `page is ${facts.scrollWidth} px wide`);
  for (const element of facts.overflowing) add('overflow', `${element} reaches past the right edge`);
  const leaked = facts.text.match(INTERNALS);
  if (leaked) add('validator-text', `"${contextOf(facts.text, leaked.index ?? 0)}"`);
  for (const target of facts.smallTargets) add('tap-target', target);
  if (options.cachedData) {
    if (!facts.freshness) add('freshness', 'cached data shown without a freshness label');
    else if (!options.serverReachable && /terbaru|up to date/.test(facts.freshness)) add('freshness', `says "${facts.freshness}" while the server cannot be reached`);
  }
  return findings;
}

/** After submitting a form with bad input, at least one error message must be on screen, not below the fold. */
export async function checkErrorVisible(page: Page, screen: string): Promise<Finding[]> {
  // The refusal may come from the server (a wrong password is checked with argon2): give it time.
  const visible = await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.field__error, [role="alert"], .notice--error')).some((element) => {
          const box = element.getBoundingClientRect();
          return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
        }),
      undefined,
      { timeout: 10_000 },
    )
    .then(() => true)
    .catch(() => false);
  return visible ? [] : [{ screen, kind: 'error-off-screen', detail: 'no error message inside the viewport after a refused submit' }];
}

function contextOf(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 60).replace(/\s+/g, ' ');
}

/** Runs in the page: everything the checks need in one round trip. */
function measureScreen() {
  const width = window.innerWidth;
  const describe = (element: Element) => {
    const label = (element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${label ? ` "${label}"` : ''}>`;
  };
  const shown = (element: Element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    // 1-px boxes are the visually hidden pattern (skip links, screen-reader text).
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 1 && box.height > 1;
  };
  const scrollsSideways = (element: Element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  const overflowing = Array.from(document.body.querySelectorAll('*'))
    .filter((element) => shown(element) && element.getBoundingClientRect().right > width + 1 && !scrollsSideways(element))
    .filter((element, _, all) => !all.some((other) => other !== element && other.contains(element)))
    .slice(0, 5)
    .map(describe);

  const smallTargets: string[] = [];
  for (const element of Array.from(document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])'))) {
    let box = element.getBoundingClientRect();
    // Above or left of the page: a skip link waiting for focus, not something to tap.
    if (!shown(element) || element.closest('[inert], [aria-hidden="true"]') || box.bottom <= 0 || box.right <= 0) continue;
    // A radio or checkbox is tapped through its label: the label is the target.
    if (element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox')) {
      const label = element.closest('label') ?? (element.id ? document.querySelector(`label[for="${element.id}"]`) : null);
      if (label) box = label.getBoundingClientRect();
    }
    const inlineLink = element.tagName === 'A' && getComputedStyle(element).display === 'inline';
    const tooSmall = inlineLink ? box.height < 24 : box.width < 44 || box.height < 44;
    if (tooSmall) smallTargets.push(`${describe(element)} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
  }
  const freshness = document.querySelector('.freshness');
  return {
    viewportWidth: width,
    scrollWidth: document.documentElement.scrollWidth,
    overflowing,
    text: document.body.innerText + '\n' + document.title,
    smallTargets,
    freshness: freshness && shown(freshness) ? (freshness as HTMLElement).innerText : null,
  };
}
