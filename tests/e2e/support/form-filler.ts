import type { Page } from 'playwright-core';
import { attachDocumentPhotos } from './document-photos.ts';

/** Values a participant would type, chosen by the field's label; anything else gets a plain default by type. */
export type Answers = [label: RegExp, value: string][];
/** As an answer's value: pick the radio choice whose label matches, instead of the first one. */
export const CHOOSE = '(choose)';

/**
 * Fills every visible, empty control of the current step with valid input: the first choice of
 * each radio group, every checkbox, the first real option of each select. Wizards change
 * while this crawler runs; filling by kind keeps it walking them without knowing each step.
 */
export async function fillVisibleForm(page: Page, answers: Answers): Promise<void> {
  // The claim's documents step: a photo of each document that has none yet.
  if (await page.locator('main [data-document]').count()) await attachDocumentPhotos(page);
  const controls = await page.locator('main').locator('input:visible, select:visible, textarea:visible').all();
  const checkedGroups = new Set<string>();
  for (const control of controls) {
    if (await control.isDisabled()) continue;
    const tag = await control.evaluate((element) => element.tagName.toLowerCase());
    const type = (await control.getAttribute('type')) ?? 'text';
    const label = await control.evaluate((element) => {
      const byFor = element.id ? document.querySelector(`label[for="${element.id}"]`) : null;
      return (byFor ?? element.closest('label'))?.textContent?.trim() ?? element.getAttribute('aria-label') ?? '';
    });
    if (type === 'radio') {
      const group = await control.getAttribute('name');
      if (!group) {
        await control.check();
        continue;
      }
      if (checkedGroups.has(group)) continue;
      checkedGroups.add(group);
      const radios = page.locator(`main input[type="radio"][name="${group}"]`);
      if (await radios.and(page.locator(':checked')).count()) continue;
      const preferred = answers.filter(([, value]) => value === CHOOSE).map(([pattern]) => pattern);
      const labels = await radios.evaluateAll((inputs) => inputs.map((input) => input.closest('label')?.textContent ?? ''));
      const index = labels.findIndex((text) => preferred.some((pattern) => pattern.test(text)));
      await radios.nth(Math.max(0, index)).check();
      continue;
    }
    if (type === 'checkbox') {
      await control.check();
      continue;
    }
    if (tag === 'select') {
      if (await control.inputValue()) continue;
      const option = await control.locator('option').evaluateAll((options) => (options as HTMLOptionElement[]).find((o) => o.value && !o.disabled)?.value ?? null);
      if (option) await control.selectOption(option);
      continue;
    }
    if (type === 'file' || (await control.inputValue())) continue;
    const answer = answers.find(([pattern]) => pattern.test(label))?.[1] ?? defaultFor(type, tag);
    await control.fill(answer);
  }
}

function defaultFor(type: string, tag: string): string {
  if (type === 'date') return daysAgo(5);
  if (type === 'time') return '08:30';
  if (type === 'number') return '1';
  if (type === 'tel') return '081277771234';
  if (tag === 'textarea') return 'Saat bekerja di gudang tangan kiri terjepit mesin, lalu dibawa ke klinik terdekat.';
  return 'Gudang belakang, Jl. Industri 3';
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
