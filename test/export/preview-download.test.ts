/**
 * 导出 Word in a real browser: `npm run preview` in Debian's Chromium. The document builder and the
 * docx library arrive as their own chunk only when the button is first used; the file downloaded
 * is the document `nianbao export` writes, and reads back as the cells typed into the sheet.
 */
import * as fs from 'fs';
import { Browser, Page } from 'playwright-core';
import { CellValue } from '../../src/core/report';
import { CELL_IDS } from '../../src/core/tables';
import { importReport } from '../../src/import';
import { nodeImportOptions } from '../../src/import/node';
import { Guard, PreviewServer, launchChromium, openPage, problems, startPreviewServer } from '../e2e/harness';

let server: PreviewServer;
let browser: Browser;
let page: Page;
let guard: Guard;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchChromium();
  ({ page, guard } = await openPage(browser, server.origin));
  await page.goto(`${server.origin}/`);
  await page.locator('.nb-layout').waitFor();
}, 240_000);

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await server?.stop();
});

const typed: Record<string, CellValue> = {
  'T2.R2.C1': 6,
  'T2.R2.C3': '55（含自然失效29件）',
  'T3.R1.C1': 12,
  'T3.R1.C7': 12,
  'T3.R3.C1': 10,
  'T3.R3.C7': 10,
  'T3.R24.C1': 10,
  'T3.R24.C7': 10,
  'T3.R25.C1': 2,
  'T3.R25.C7': 2,
  'T4.R1.C1': 1,
  'T4.R1.C5': 1,
};

test('downloads the document built in the page, loaded on first use, the same cells as typed', async () => {
  await page.locator('#org').fill('某县人民政府');
  await page.locator('#year').fill('2025');
  await page.locator('[data-action="insert-template"]').click();
  for (const [id, v] of Object.entries(typed)) await page.locator(`.nb-sheet:not([hidden]) input[data-cell="${id}"]`).fill(String(v));
  const chunk = (url: string) => /export-docx/.test(url);
  expect(guard.requests.filter(chunk)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-word"]').click()]);
  expect(download.suggestedFilename()).toBe('某县人民政府2025年政府信息公开工作年度报告.docx');
  expect(guard.requests.filter(chunk).length).toBe(1);
  const bytes = fs.readFileSync((await download.path())!);
  const back = await importReport(bytes, download.suggestedFilename(), nodeImportOptions);
  if (!back.ok) throw new Error(back.error);
  expect(Object.fromEntries(CELL_IDS.map((id) => [id, back.report.cells[id] ?? null]))).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, typed[id] ?? null])));
  expect([back.report.org, back.report.year]).toEqual(['某县人民政府', 2025]);
  expect(back.findings.filter((f) => f.rule.startsWith('text.'))).toEqual([]);
  await page.locator('#export-status').getByText('已生成').waitFor();
  expect(problems(guard)).toEqual([]);
}, 120_000);
