/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * 导出 Word in the pane (jsdom, over the Excel host and the in-memory Excel fake): the same
 * document as `nianbao export`, built from what the sheet holds now and handed over as a file;
 * where the host cannot save a file (Excel on Mac), a plain message naming the command line.
 */
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { CELL_IDS } from '../../src/core/tables';
import { ExcelHost } from '../../src/excel/host';
import { COMMAND_LINE_HINT, saverFor } from '../../src/taskpane/parts/export-word';
import { consistentReport } from '../helpers/reports';
import { FakeExcel } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');
type SaveFile = NonNullable<ConstructorParameters<PaneModule['Pane']>[2]>['saveFile'];

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

async function paneWith(values: Record<string, number | string>, saveFile: SaveFile, openInBrowser: ((url: string) => boolean) | null = null) {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  const inserted = await new ExcelHost(fake.run).insertTemplate({ org: '木厂镇', year: 2024 });
  for (const [id, v] of Object.entries(values)) await fake.userEdit(inserted.sheet, at(id), [[v]]);
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  let paneModule!: PaneModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
  });
  const pane = new paneModule.Pane(document, new ExcelHost(fake.run, { debounceMs: 20 }), { saveFile, openInBrowser });
  await pane.ready;
  await pane.idle();
  return { fake, pane, sheet: inserted.sheet };
}

async function exportNow(pane: { idle(): Promise<void> }) {
  $('export-button').click();
  await settle();
  await pane.idle();
}

describe('导出 Word', () => {
  const report = consistentReport(5, '木厂镇', 2024);

  test('hands over the document built from the sheet as it is now, which reads back as the same 200 cells', async () => {
    const saved: { bytes: Uint8Array; name: string; mime: string }[] = [];
    const { fake, pane, sheet } = await paneWith(report.cells as Record<string, number>, (bytes, name, mime) => (saved.push({ bytes, name, mime }), true));
    // Typed a moment ago, not yet checked: the export still takes it.
    await fake.userEdit(sheet, at('T3.R1.C1'), [['22（其中修订16件）']]);
    expect($('export-button').dataset.action).toBe('export-word');
    expect($('export-button').textContent).toBe('导出 Word');
    await exportNow(pane);
    expect(saved.length).toBe(1);
    expect(saved[0].name).toBe('木厂镇2024年政府信息公开工作年度报告.docx');
    expect(saved[0].mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Loaded here: the zip reader needs the TextDecoder set up above.
    const { nodeImportOptions } = require('../../src/import/node') as typeof import('../../src/import/node');
    const { importReport } = require('../../src/import') as typeof import('../../src/import');
    const back = await importReport(saved[0].bytes, saved[0].name, nodeImportOptions);
    if (!back.ok) throw new Error(back.error);
    const expected: Record<string, unknown> = { ...report.cells, 'T3.R1.C1': '22（其中修订16件）' };
    expect(Object.fromEntries(CELL_IDS.map((id) => [id, back.report.cells[id] ?? null]))).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, expected[id] ?? null])));
    expect(back.findings.filter((f) => f.rule.startsWith('text.'))).toEqual([]);
    const status = $('export-status');
    expect(status.hidden).toBe(false);
    expect(status.textContent).toContain('已生成“木厂镇2024年政府信息公开工作年度报告.docx”');
    // The page cannot know the download happened: the command line is always offered as the fallback.
    expect(status.textContent).toContain(COMMAND_LINE_HINT);
    expect(status.textContent).not.toMatch(/已保存/);
    expect(status.textContent).toContain('表格中有');
  });

  test('where the host cannot save a file (Excel on Mac), says so plainly and names the command line', async () => {
    const { pane } = await paneWith(report.cells as Record<string, number>, saverFor(document, 'Mac'));
    await exportNow(pane);
    const status = $('export-status');
    expect(status.className).toBe('notice error');
    expect(status.textContent).toContain('不允许加载项保存文件');
    expect(status.textContent).toContain('nianbao export 工作簿.xlsx 年报.docx');
  });

  test('a browser and Excel on Windows and on the web download the file', () => {
    for (const platform of ['PC', 'OfficeOnline', null]) expect(saverFor(document, platform)).not.toBeNull();
    expect(saverFor(document, 'iOS')).toBeNull();
  });
});

describe('在浏览器中导出 (Windows desktop with OpenBrowserWindowApi)', () => {
  test('offered after an export: opens export.html beside the pane with the report in the fragment, which reads back as the same report', async () => {
    const report = consistentReport(3, '木厂镇', 2024);
    const opened: string[] = [];
    const { pane } = await paneWith(report.cells as Record<string, number>, () => true, (url) => (opened.push(url), true));
    await exportNow(pane);
    const offer = document.querySelector<HTMLButtonElement>('#export-status [data-action="export-in-browser"]');
    expect(offer).not.toBeNull();
    expect($('export-status').textContent).toContain('在浏览器中导出');
    offer!.click();
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]);
    expect(url.pathname.endsWith('/export.html')).toBe(true);
    expect(url.search).toBe('');
    const { reportJsonFromFragment } = require('../../src/taskpane/export-link') as typeof import('../../src/taskpane/export-link');
    const back = JSON.parse(reportJsonFromFragment(url.hash)!);
    expect(back.org).toBe('木厂镇');
    expect(back.year).toBe(2024);
    for (const id of CELL_IDS) expect([id, back.cells[id] ?? null]).toEqual([id, (report.cells as Record<string, unknown>)[id] ?? null]);
    expect($('export-status').textContent).toContain('已在默认浏览器中打开导出页面');
  });

  test('not offered where the host cannot open the system browser', async () => {
    const { pane } = await paneWith({}, () => true);
    await exportNow(pane);
    expect(document.querySelector('#export-status [data-action="export-in-browser"]')).toBeNull();
  });
});
