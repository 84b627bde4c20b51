/**
 * The pane in a real browser: Debian's Chromium (playwright-core) on the preview, built for
 * production and served by `npm run preview` on 127.0.0.1, office.js included. The figures come
 * from the page's own User Timing (src/host/timing.ts): `nb:change` when a committed edit or a
 * paste reaches the host, the `nb:check` measure for the check it causes (with the time the
 * host's own calls took), and `nb:ready` when the pane is usable (`data-ready` on <body>).
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, freePort } from '../test/e2e/harness';
import { consistentReport } from '../test/helpers/reports';
import { fmt, row } from './util';

const ROOT = path.join(__dirname, '..');
const EDITS = 20;
const PASTES = 10;
const LOADS = 7;

const median = (xs: number[]): number => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}

/** `npm run preview -- --production` on a free port, in a directory of its own. */
export async function serve(): Promise<{ origin: string; stop: () => void }> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/preview.js'), '--production'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), PREVIEW_DIR: dir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = () => {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (!output.includes(`http://localhost:${port}/`)) {
    if (child.exitCode !== null || Date.now() - started > 240_000) {
      stop();
      throw new Error(`npm run preview did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin: `http://127.0.0.1:${port}`, stop };
}

async function newPage(browser: Browser, origin: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', serviceWorkers: 'block' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  // No request interception: it would add a round trip to every file. The server's CSP keeps the page on this machine.
  return context.newPage();
}

interface Load {
  ready: number;
  bytes: number;
  files: { name: string; bytes: number }[];
  /** When each step of the way was reached: the page's marks and the navigation's own. */
  steps: Record<string, number>;
}

/** The steps of a cold load in the order they happen, with what each means. */
const STEPS: [string, string][] = [
  ['domInteractive', 'page parsed (office.js run)'],
  ['nb:script', 'pane script starts'],
  ['domContentLoaded', 'pane script done'],
  ['nb:office-ready', 'Office.onReady: no host'],
  ['nb:preview-chunk', 'preview chunk evaluated'],
  ['nb:preview-mounted', 'preview workbook drawn'],
];

/** A cold load: a fresh browser context (empty cache; the server also says no-store). */
async function coldLoad(browser: Browser, origin: string): Promise<Load> {
  const page = await newPage(browser, origin, { width: 1366, height: 768 });
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  const load = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const steps: Record<string, number> = { domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventStart };
    for (const m of performance.getEntriesByType('mark')) steps[m.name] ??= m.startTime;
    return {
      ready: performance.getEntriesByName('nb:ready')[0]?.startTime ?? NaN,
      bytes: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
      files: resources.map((r) => ({ name: new URL(r.name).pathname, bytes: r.transferSize })),
      steps,
    };
  });
  await page.context().close();
  return load;
}

/** Waits for the check an edit causes and returns commit→finding and the pane's own time. */
async function timedCheck(page: Page, act: () => Promise<void>): Promise<{ latency: number; paneMs: number; checks: number }> {
  await page.evaluate(() => {
    performance.clearMarks('nb:change');
    performance.clearMeasures('nb:check');
  });
  await act();
  await page.waitForFunction(() => performance.getEntriesByName('nb:check', 'measure').length > 0 && performance.getEntriesByName('nb:change', 'mark').length > 0, undefined, { timeout: 10_000 });
  // Let a burst that goes on finish, so its checks are all counted.
  await page.waitForTimeout(150);
  return page.evaluate(() => {
    const change = performance.getEntriesByName('nb:change', 'mark')[0];
    const checks = performance.getEntriesByName('nb:check', 'measure') as PerformanceMeasure[];
    const first = checks[0];
    const host = checks.reduce((n, c) => n + Number((c.detail as { hostMs?: number })?.hostMs ?? 0), 0);
    const total = checks.reduce((n, c) => n + c.duration, 0);
    // Until the findings are in the DOM: the check's end less the host's marking after the render.
    const drawn = first.startTime + Number((first.detail as { drawnMs?: number })?.drawnMs ?? first.duration);
    return { latency: drawn - change.startTime, paneMs: total - host, checks: checks.length };
  });
}

export async function benchPaneBrowser(): Promise<void> {
  console.log('Pane in Chromium (the preview, production build, office.js included)');
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`  skipped: ${CHROMIUM} not found (apt-get install chromium)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // ---- cold load ----
    await coldLoad(browser, server.origin); // the server's and the disk's first time
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, server.origin));
    const ready = median(loads.map((l) => l.ready));
    row('cold load to usable (data-ready), median', `${fmt(ready, 0)} ms`, '≤ 600 ms', ready <= 600);
    for (const [step, meaning] of STEPS) {
      const at = median(loads.map((l) => l.steps[step]).filter((t) => Number.isFinite(t)));
      if (Number.isFinite(at)) row(`    ${meaning}`, `at ${fmt(at, 0)} ms`);
    }
    row('  transferred', `${fmt(median(loads.map((l) => l.bytes)) / 1024, 0)} KiB`);
    const biggest = [...loads[0].files].sort((a, b) => b.bytes - a.bytes).slice(0, 4);
    for (const f of biggest) row(`    ${f.name}`, `${fmt(f.bytes / 1024, 0)} KiB`);

    // ---- a template with a consistent report in it ----
    const page = await newPage(browser, server.origin);
    await page.goto(`${server.origin}/taskpane.html`);
    await page.waitForSelector('body[data-ready]');
    await page.locator('#org').fill('测试机关');
    await page.locator('#year').fill('2024');
    await page.locator('[data-action="insert-template"]').click();
    const cell = (id: string) => page.locator(`.nb-sheet:not([hidden]) input[data-cell="${id}"]`);
    await cell('T3.R1.C1').waitFor();
    const report = consistentReport(7);
    const block = (delta: number) =>
      Array.from({ length: 25 }, (_, r) => Array.from({ length: 4 }, (_, c) => String((report.cells[`T3.R${r + 1}.C${c + 1}`] as number) + delta)).join('\t')).join('\r\n') + '\r\n';
    const paste = async (delta: number) => {
      await page.evaluate((text) => navigator.clipboard.writeText(text), block(delta));
      await cell('T3.R1.C1').focus();
      await page.keyboard.press('Control+V');
    };
    await paste(0);
    await page.waitForTimeout(300);

    // ---- commit → finding ----
    const edits: { latency: number; paneMs: number; checks: number }[] = [];
    for (let i = -3; i < EDITS; i++) {
      const input = cell('T4.R1.C1');
      await input.fill(String(i % 2 ? 5 : 6));
      const r = await timedCheck(page, () => input.press('Enter'));
      if (i >= 0) edits.push(r);
      await page.waitForTimeout(120); // a new edit, not the same burst
    }
    const pastes: { latency: number; paneMs: number; checks: number }[] = [];
    for (let i = -2; i < PASTES; i++) {
      const r = await timedCheck(page, () => paste(Math.abs(i) % 2 === 0 ? 1 : 0)); // always a change
      if (i >= 0) pastes.push(r);
      await page.waitForTimeout(120);
    }
    const commitMedian = median(edits.map((e) => e.latency));
    const commitP95 = quantile(
      edits.map((e) => e.latency),
      0.95,
    );
    row(`commit → finding in the pane, median of ${EDITS}`, `${fmt(commitMedian, 1)} ms`, '≤ 100 ms', commitMedian <= 100);
    row(`commit → finding in the pane, p95`, `${fmt(commitP95, 1)} ms`, '≤ 100 ms', commitP95 <= 100);
    const pasteMedian = median(pastes.map((p) => p.latency));
    row(`100-cell paste → finding, median of ${PASTES}`, `${fmt(pasteMedian, 1)} ms`, '≤ 100 ms', pasteMedian <= 100);
    const editCpu = median(edits.map((e) => e.paneMs));
    const pasteCpu = median(pastes.map((p) => p.paneMs));
    row('checks per committed edit / per paste (most)', `${Math.max(...edits.map((e) => e.checks))} / ${Math.max(...pastes.map((p) => p.checks))}`, '1 / 1');
    row('single edit: pane time per check (host excluded)', `${fmt(editCpu, 2)} ms`, '≤ 16 ms', editCpu <= 16);
    row('100-cell paste: pane time per check (host excluded)', `${fmt(pasteCpu, 2)} ms`, '≤ 16 ms', pasteCpu <= 16);
    await page.context().close();
  } finally {
    await browser.close();
    server.stop();
  }
}
