/**
 * End-to-end harness: `npm run preview` as a person runs it (it builds dist-preview with webpack,
 * then serves it), and Debian's Chromium driven by playwright-core, with nothing downloaded.
 *
 * Every page is fenced in: a request to anything but the preview server is aborted and recorded,
 * as are page errors, console errors, dialogs (an alert() from injected markup would be one) and
 * Content-Security-Policy violations, so a test can fail on any of them.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { REGISTER_SHEET, ledgerPlan } from '../../src/ledger/sheet';

export const ROOT = path.join(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PreviewServer {
  origin: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs scripts/preview.js (build included) on a free port and waits until it serves. */
export async function startPreviewServer(timeoutMs = 150_000): Promise<PreviewServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/preview.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), PREVIEW_DIR: dir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const gone = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (!output.includes(`http://localhost:${port}/`)) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`npm run preview did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin: `http://127.0.0.1:${port}`, output: () => output, stop };
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error('Chromium is needed: apt-get install chromium');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * The preview server and Chromium for one test file: both start before its tests (within
 * `hookTimeout`, or the file's jest timeout) and close after them. Read the fields inside tests,
 * once they are set.
 */
export function previewInChromium(options: { hookTimeout?: number; serverTimeout?: number } = {}): { server: PreviewServer; browser: Browser } {
  const up = {} as { server: PreviewServer; browser: Browser };
  beforeAll(async () => {
    up.server = await startPreviewServer(options.serverTimeout);
    up.browser = await launchChromium();
  }, options.hookTimeout);
  afterAll(async () => {
    await up.browser?.close();
    await up.server?.stop();
  });
  return up;
}

export interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

export interface Guard {
  /** Requests to anywhere but the preview server: aborted before they leave. */
  external: string[];
  /** Every request URL the page made, for asserting what markup did not load. */
  requests: string[];
  pageErrors: string[];
  consoleErrors: { text: string; url: string }[];
  dialogs: string[];
  violations: Violation[];
}

/** A page at the given size, fenced in as the file comment says. */
export async function openPage(browser: Browser, origin: string, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; guard: Guard }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', serviceWorkers: 'block' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const guard: Guard = { external: [], requests: [], pageErrors: [], consoleErrors: [], dialogs: [], violations: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    guard.requests.push(url);
    if (url.startsWith(`${origin}/`)) return route.continue();
    guard.external.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => guard.pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && guard.consoleErrors.push({ text: m.text(), url: m.location().url }));
  page.on('dialog', (d) => {
    guard.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.exposeBinding('__nianbaoCspViolation', (_source, v: Violation) => void guard.violations.push(v));
  // Injected by the browser, not by the page: the page's own CSP forbids inline script.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __nianbaoCspViolation(v: unknown): void }).__nianbaoCspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
    });
  });
  return { context, page, guard };
}

/**
 * office.js, outside an Office host, frames Microsoft's telemetry page three seconds after it
 * loads (o15apptofilemappingtable.js). The preview's CSP (frame-src 'none') refuses it before any
 * request is made; these are the only violations allowed, and only from office.js.
 */
export const isOfficeTelemetryBlock = (v: Violation): boolean =>
  /\/office-js\//.test(v.source) && ((v.directive === 'frame-src' && /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(v.blocked)) || v.directive === 'style-src-attr');

/** What a guard saw that must not happen in any test. */
export function problems(guard: Guard): string[] {
  return [
    ...guard.external.map((u) => `request left localhost: ${u}`),
    ...guard.pageErrors.map((e) => `page error: ${e}`),
    ...guard.dialogs.map((d) => `dialog: ${d}`),
    ...guard.violations.filter((v) => !isOfficeTelemetryBlock(v)).map((v) => `CSP violation: ${v.directive} ${v.blocked} from ${v.source}`),
    // Chrome logs each refused frame as a console error attributed to office.js; anything else is ours.
    ...guard.consoleErrors.filter((c) => !(/\/office-js\//.test(c.url) && /Content Security Policy/.test(c.text))).map((c) => `console error: ${c.text} (${c.url})`),
  ];
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** One application typed into the register: dates as the user types them; null leaves the cell blank. */
export type Application = [received: string, applicant: string, answered: string | null, result: string | null];

/**
 * As a person does it in the preview's pane: inserts the template for 木厂镇 and `year`, then the
 * standard register, and types `applications` into the register from its first row.
 */
export async function typeRegister(page: Page, year: string, applications: Application[]): Promise<void> {
  await page.locator('#org').fill('木厂镇');
  await page.locator('#year').fill(year);
  await page.locator('[data-action="insert-template"]').click();
  await page.locator('#findings li').first().waitFor();
  await page.locator('#ledger-section > summary').click();
  await page.locator('[data-action="insert-ledger"]').click();
  await page.locator(`.nb-tab[data-sheet="${REGISTER_SHEET}"][aria-selected="true"]`).waitFor();
  await page.locator('#ledger-t3 table').waitFor();
  const first = ledgerPlan().firstRow;
  const type = async (row: number, key: string, text: string) => {
    const input = page.locator(`.nb-register input[data-r="${row}"][data-c="${LEDGER_COLUMNS.findIndex((c) => c.key === key)}"]`);
    await input.fill(text);
    await input.press('Tab');
  };
  for (const [i, [received, applicant, answered, result]] of applications.entries()) {
    await type(first + i, 'received', received);
    await type(first + i, 'applicantType', applicant);
    if (answered) await type(first + i, 'answered', answered);
    if (result) await type(first + i, 'result', result);
  }
}
