/**
 * The pane's first screen in Chromium, at the size of a task pane on a 1366×768 laptop (350×650):
 * once the workbook has a template, the status line and the findings are on it, before the
 * folded sections (inserting, last year's report, importing), which open with a click. The page
 * says when it is usable (data-ready on <body>). Timing is the bench's job, not this test's.
 */
import { openPage, previewInChromium, problems } from './harness';

jest.setTimeout(240_000);

const preview = previewInChromium();

test('at 350×650, with a template: status and findings on the first screen, before the folded sections', async () => {
  const { page, guard, context } = await openPage(preview.browser, preview.server.origin, { width: 350, height: 650 });
  try {
    await page.goto(`${preview.server.origin}/taskpane.html`);
    await page.locator('body[data-ready]').waitFor({ state: 'attached' });
    // No template yet: the insertion section is open on the first screen.
    expect(await page.locator('#insert-section').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect((await page.locator('[data-action="insert-template"]').boundingBox())!.y).toBeLessThan(650);

    await page.locator('#org').fill('木厂镇');
    await page.locator('#year').fill('2024');
    await page.locator('[data-action="insert-template"]').click();
    await page.locator('#findings li').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.nb-pane').evaluate((el) => el.scrollTo?.(0, 0));

    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const summary = await box('#summary');
    const finding = await box('#findings li');
    expect(summary.y + summary.height).toBeLessThanOrEqual(650);
    expect(finding.y).toBeLessThan(650);
    expect(await page.locator('#summary').textContent()).toContain('全部勾稽关系通过');
    for (const id of ['insert-section', 'prior-section', 'import-section']) {
      expect(await page.locator(`#${id}`).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect((await box(`#${id}`)).y).toBeGreaterThan(finding.y);
    }
    // A click away: the import button shows when its section is opened.
    expect(await page.locator('[data-action="import-current"]').isVisible()).toBe(false);
    await page.locator('#import-section > summary').click();
    expect(await page.locator('[data-action="import-current"]').isVisible()).toBe(true);
    expect(problems(guard)).toEqual([]);
  } finally {
    await context.close();
  }
});
