/**
 * The first PDF import in Chromium: the built dist/ served by the preview server (no build), a
 * template inserted, then a PDF chosen in 导入本年数据 — the PDF chunk downloads, pdf.js starts and
 * reads the file. The second import shows the reading alone.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, freePort } from '../test/e2e/harness';
import { importPdfInPane, insertTemplate } from '../test/e2e/pdf-pane';

const ROOT = path.join(__dirname, '..');

export async function firstPdfImportInChromium(file: string, another: string, dist: string): Promise<{ first: number; second: number }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/preview.js'), '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), PREVIEW_DIR: dist },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${origin}/taskpane.html`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await insertTemplate(page, '淮安市人民政府', 2024);
    const first = await importPdfInPane(page, file);
    const second = await importPdfInPane(page, another);
    return { first, second };
  } finally {
    await browser.close();
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}
