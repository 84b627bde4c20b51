/**
 * Importing a PDF in the preview pane, as a person does: insert the template, open 导入本年数据,
 * choose the file. Shared by the e2e test and the bench (bench/pdf.bench.ts), which times it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

export async function insertTemplate(page: Page, org: string, year: number): Promise<void> {
  await page.locator('.nb-layout').waitFor();
  await page.locator('body[data-ready]').waitFor({ state: 'attached' });
  await page.locator('#org').fill(org);
  await page.locator('#year').fill(String(year));
  await page.locator('[data-action="insert-template"]').click();
  await page.locator('.nb-sheet:not([hidden]) input[data-cell="T3.R1.C1"]').waitFor();
}

/** Chooses `file` in 导入本年数据 and waits until the pane has read it; returns the time that took (ms). */
export async function importPdfInPane(page: Page, file: string): Promise<number> {
  const section = page.locator('#import-section');
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('#import-section > summary').click();
  const panel = page.locator('#import-panel');
  const before = await panel.textContent();
  const chooser = page.waitForEvent('filechooser');
  await page.locator('[data-action="import-current"]').click();
  await chooser;
  const t0 = Date.now();
  await page.locator('#import-file').setInputFiles({ name: path.basename(file), mimeType: 'application/pdf', buffer: fs.readFileSync(file) });
  await page.waitForFunction(
    (prev) => {
      const p = document.querySelector('#import-panel');
      const state = p?.getAttribute('data-state');
      return (state === 'done' || state === 'ask' || state === 'error') && p?.textContent !== prev;
    },
    before,
    { timeout: 120_000 },
  );
  return Date.now() - t0;
}

/** The template's cells as the preview shows them. */
export async function shownCells(page: Page): Promise<Record<string, string>> {
  return page.locator('.nb-sheet:not([hidden]) input[data-cell]').evaluateAll((els) => Object.fromEntries(els.map((e) => [(e as HTMLInputElement).dataset.cell!, (e as HTMLInputElement).value])));
}
