/**
 * The preview in a real browser: `npm run preview` serves the task pane page, Debian's Chromium
 * opens it, and the pane, the in-page workbook and the core run as a person meets them.
 *
 * Whatever the pane shows is compared with what the core engine says for the same values,
 * computed here — never with expectations written by hand.
 */
import { Browser, Locator, Page } from 'playwright-core';
import { check } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { CellValue, Report } from '../../src/core/report';
import { PASS_MARK, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { typedValue } from '../../src/preview/typing';
import { consistentReport, fixture } from '../helpers/reports';
import { Guard, PreviewServer, artifact, isOfficeTelemetryBlock, launchChromium, openPage, problems, startPreviewServer } from './harness';

let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const plan = sheetPlan();
const ORG = '沭阳县人民政府';
const YEAR = 2025;
const TITLE = sheetTitle(YEAR);
/** A real published report (沭阳县 2025), consistent in every rule. */
const REAL = fixture('shuyang-county-2025.json');

async function waitForPreview(page: Page): Promise<void> {
  await page.locator('.nb-layout').waitFor();
}

describe('the page in a plain browser', () => {
  let page: Page;
  let guard: Guard;

  beforeAll(async () => {
    ({ page, guard } = await openPage(browser, server.origin));
    await page.goto(`${server.origin}/`);
    await waitForPreview(page);
  });

  afterAll(() => page.context().close());

  test('starts the preview: the workbook on the left, the pane at 320 px on the right, all in Chinese', async () => {
    const pane = await page.locator('.nb-pane').boundingBox();
    const workbook = await page.locator('.nb-workbook').boundingBox();
    expect(pane!.width).toBe(320);
    expect(pane!.x + pane!.width).toBe(1280);
    expect(workbook!.x).toBe(0);
    expect(workbook!.x + workbook!.width).toBeLessThanOrEqual(pane!.x);
    expect(await page.locator('.nb-bar').textContent()).toContain('预览模式');
    expect(await page.locator('.nb-tab').allTextContents()).toEqual(['Sheet1']);
    expect(await page.locator('.nb-hint').textContent()).toContain('插入年报模板');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  test('loads office.js from the preview server, and nothing from anywhere else', async () => {
    // office.js tries to frame Microsoft's telemetry three seconds after loading; wait for it.
    await page.waitForTimeout(3500);
    expect(guard.requests).toContain(`${server.origin}/office-js/office.js`);
    expect(problems(guard)).toEqual([]);
    // The CSP stopped office.js's telemetry frame before any request: it shows as a violation only.
    expect(guard.violations.filter(isOfficeTelemetryBlock).map((v) => v.directive)).toContain('frame-src');
  });

  test('sends the strict Content-Security-Policy', async () => {
    const res = await page.request.get(`${server.origin}/taskpane.html`);
    const csp = res.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });
});
