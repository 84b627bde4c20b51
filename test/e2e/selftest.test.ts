/**
 * The preview's 环境自检 in Debian's Chromium: the button in the pane runs every item against the
 * page's own host, each shows ✓, 复制报告 puts the report on the clipboard, the file offered is a
 * real download, the workbook on screen is untouched, and nothing leaves localhost or breaks
 * the page's CSP.
 */
import { exportLink } from '../../src/taskpane/export-link';
import { consistentReport } from '../helpers/reports';
import { Guard, openPage, previewInChromium, problems } from './harness';

const preview = previewInChromium({ hookTimeout: 180_000 });

test('环境自检: every item ✓ in a real browser, the report copied, the download real, the page’s workbook untouched', async () => {
  const { page, guard, context }: { page: import('playwright-core').Page; guard: Guard; context: import('playwright-core').BrowserContext } = await openPage(preview.browser, preview.server.origin);
  try {
    await page.goto(`${preview.server.origin}/`);
    await page.locator('.nb-layout').waitFor();
    await page.locator('body[data-ready]').waitFor({ state: 'attached' });
    const sheetsBefore = await page.locator('.nb-sheet').count();

    const section = page.locator('#selftest-section');
    await section.waitFor({ state: 'attached' });
    expect(await section.evaluate((d) => (d as HTMLElement).hidden)).toBe(false);
    await page.locator('#selftest-section > summary').click();
    expect(await page.locator('#selftest-note').textContent()).toContain('临时工作簿');

    const download = page.waitForEvent('download');
    await page.locator('#selftest-button').click();
    await page.locator('.nb-selftest-tally', { hasText: '自检完成' }).waitFor({ timeout: 20_000 });
    const items = await page.locator('#selftest-results li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-probe'), li.classList.contains('ok'), li.textContent]));
    expect(items.map(([id]) => id)).toEqual(['platform', 'office-js', 'insert', 'read', 'write', 'events', 'functions', 'findings-block', 'acknowledgements', 'save']);
    expect(items.filter(([, ok]) => !ok)).toEqual([]);
    expect(String(items[1][2])).toContain('/office-js/office.js');
    expect((await download).suggestedFilename()).toBe('nianbao-保存测试.txt');

    await page.locator('#selftest-results [data-selftest="copy"]').click();
    await page.locator('.nb-selftest-status', { hasText: '报告已复制' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^nianbao 环境自检报告/);
    expect(copied).toContain('宿主：浏览器预览（不是 Excel）');
    expect(copied).toContain('全部通过');

    // The workbook on screen is as it was: the self-test worked on a scratch workbook.
    expect(await page.locator('.nb-sheet').count()).toBe(sheetsBefore);
    expect(problems(guard)).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);

test('在浏览器中导出: export.html builds the document from the fragment and the browser downloads it; the fragment leaves the address bar', async () => {
  const { page, guard, context } = await openPage(preview.browser, preview.server.origin);
  try {
    const report = consistentReport(4, '木厂镇', 2024);
    const link = exportLink(`${preview.server.origin}/taskpane.html`, report)!;
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.goto(link);
    const file = await download;
    expect(file.suggestedFilename()).toBe('木厂镇2024年政府信息公开工作年度报告.docx');
    await page.locator('#export-page-status', { hasText: '已生成' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('#export-page-again').isVisible()).toBe(true);
    expect(problems(guard)).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);
