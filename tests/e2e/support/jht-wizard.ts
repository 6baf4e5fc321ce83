import type { Page } from 'playwright-core';

/** What the walk answers on the bank step: Dewi's own savings account (the account number typed in groups, as people copy it). */
export const JHT_BANK_ANSWERS = { bankCode: '009', accountNumber: '0123 4567 89', holderName: 'Dewi Lestari' } as const;

export interface JhtWizardWalk {
  /**
   * The phone has no signal: the navigation to the new-claim screen may then fail for the
   * browser even though the service worker serves the screen, so its error is not the test's.
   */
  offline?: boolean;
  /**
   * Runs on the bank step once it is filled, before "Lanjut"; answers the page the walk goes on
   * with (a test may close the app here and go on in the reopened draft).
   */
  onBankStepFilled?: (page: Page) => Promise<Page>;
}

/**
 * Starts a full JHT claim on the first card, for a dismissal (PHK), answers the bank step and
 * goes on to the documents step, where it waits for the checklist's cards. Answers the page at
 * the documents step and the checklist's document ids in screen order.
 */
export async function walkJhtWizardToDocuments(page: Page, appUrl: string, walk: JhtWizardWalk = {}): Promise<{ page: Page; documentIds: string[] }> {
  const opened = page.goto(`${appUrl}/klaim/baru`);
  await (walk.offline ? opened.catch(() => undefined) : opened);
  await page.getByRole('button', { name: /JHT penuh/ }).click();
  await page.waitForURL(/\/klaim\/draf\//);
  // A participant with a single card has it chosen already; checking it again changes nothing.
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('radio', { name: 'Terkena PHK' }).check();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByLabel('Bank').selectOption(JHT_BANK_ANSWERS.bankCode);
  await page.getByLabel('Nomor rekening').fill(JHT_BANK_ANSWERS.accountNumber);
  await page.getByLabel('Nama pemilik rekening').fill(JHT_BANK_ANSWERS.holderName);
  const current = walk.onBankStepFilled ? await walk.onBankStepFilled(page) : page;
  await current.getByRole('button', { name: 'Lanjut' }).click();
  const cards = current.locator('main [data-document]');
  await cards.first().waitFor({ timeout: 30_000 });
  const documentIds = await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-document')!));
  return { page: current, documentIds };
}
