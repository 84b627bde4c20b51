/**
 * The pane's help page in Chromium, as the build serves it: its pictures are shipped beside it,
 * load once scrolled to (lazily), under the page's policy, and nothing leaves the server.
 */
import { openPage, previewInChromium, problems } from './harness';

jest.setTimeout(240_000);

const preview = previewInChromium();

test('at a pane’s width the help page shows its four pictures, each loaded when scrolled to', async () => {
  const { page, guard, context } = await openPage(preview.browser, preview.server.origin, { width: 350, height: 650 });
  try {
    await page.goto(`${preview.server.origin}/help.html`);
    const images = page.locator('.steps img');
    expect(await images.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const img = images.nth(i);
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
      // Never wider than the page: the picture fits the pane.
      expect((await img.boundingBox())!.width).toBeLessThanOrEqual(350);
    }
    expect(problems(guard)).toEqual([]);
  } finally {
    await context.close();
  }
});
