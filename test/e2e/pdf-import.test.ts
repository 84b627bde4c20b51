/**
 * 导入本年数据 with a real published PDF in Chromium, under the preview's strict CSP: pdf.js comes
 * as a chunk of its own on the first PDF, parses in the page's thread (no worker script, no blob:,
 * no eval, no WebAssembly), and the template is filled cell for cell as `nianbao convert` reads it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CELL_IDS } from '../../src/core/tables';
import { PDF_FIXTURES } from '../helpers/shared';
import { openPage, previewInChromium, problems } from './harness';
import { importPdfInPane, insertTemplate, shownCells } from './pdf-pane';

jest.setTimeout(300_000);

const preview = previewInChromium({ serverTimeout: 240_000 });

test('a published PDF fills the template; pdf.js loads only then, as its own chunk, within the CSP', async () => {
  const name = '03-huaian-city-gov-2024';
  const expected = JSON.parse(fs.readFileSync(path.join(PDF_FIXTURES, `${name}.expected.json`), 'utf8'));
  const { page, guard, context } = await openPage(preview.browser, preview.server.origin);
  try {
    await page.goto(`${preview.server.origin}/`);
    await insertTemplate(page, expected.org, expected.year);
    const before = guard.requests.length;
    const scriptsBefore = guard.requests.filter((u) => u.endsWith('.js'));
    expect(scriptsBefore.some((u) => /\/pdf\.js$/.test(u))).toBe(false);

    await importPdfInPane(page, path.join(PDF_FIXTURES, `${name}.pdf`));
    const panel = page.locator('#import-panel');
    expect(await panel.getAttribute('data-state')).toBe('done');
    expect(await panel.textContent()).toContain(`${name}.pdf`);
    const shown = await shownCells(page);
    expect(Object.fromEntries(CELL_IDS.map((id) => [id, shown[id]]))).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, expected.cells[id] === null ? '' : String(expected.cells[id])])));
    // The PDF reader came with the file: our chunk and pdf.js's, nothing else from anywhere.
    const loaded = guard.requests.slice(before);
    expect(loaded.some((u) => /\/pdf\.js$/.test(u))).toBe(true);
    expect(loaded.every((u) => u.startsWith(preview.server.origin) && u.endsWith('.js'))).toBe(true);
    expect(problems(guard)).toEqual([]);
  } finally {
    await context.close();
  }
});
