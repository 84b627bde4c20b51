/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * 导入本年数据 in the pane (jsdom) over the Excel host over the in-memory Excel fake, and over the
 * preview host: the file read by the same readers as last year's, blank cells filled at once, and
 * nothing the user typed changed unless they chose 全部替换 in the pane's own confirmation.
 */
import fs from 'fs';
import path from 'path';
import { Blob as NodeBlob } from 'buffer';
import { DecompressionStream as NodeDecompressionStream } from 'stream/web';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { check } from '../../src/core/engine';
import { CellValue, Report, emptyReport } from '../../src/core/report';
import { inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, cellName } from '../../src/core/tables';
import { ExcelHost } from '../../src/excel/host';
import { PreviewHost } from '../../src/preview/host';
import { PreviewWorkbook } from '../../src/preview/workbook';
import { consistentReport } from '../helpers/reports';
import { documentXml, makeDocx, reportBlocks } from '../helpers/documents';
import { FakeExcel, Scalar } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

// Browsers have these; jsdom's test environment does not (the .docx reader inflates with them).
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder,
  TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder,
  DecompressionStream: (globalThis as { DecompressionStream?: unknown }).DecompressionStream ?? NodeDecompressionStream,
});
if (typeof (Blob.prototype as { stream?: unknown }).stream !== 'function') Object.assign(globalThis, { Blob: NodeBlob });

type PaneModule = typeof import('../../src/taskpane/pane');
type Pane = InstanceType<PaneModule['Pane']>;

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const TITLE = sheetTitle(2024);
const plan = sheetPlan('', 2024);
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string };
const panel = () => $('import-panel');
const click = (el: Element | null | undefined) => {
  if (!el) throw new Error('no such element');
  (el as HTMLElement).click();
};
const button = (action: string) => panel().querySelector<HTMLElement>(`[data-action="${action}"]`);

function newPane(host: ConstructorParameters<PaneModule['Pane']>[1]): Pane {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  let paneModule!: PaneModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
  });
  return new paneModule.Pane(document, host);
}

/** A workbook with the 2024 template of 木厂镇 (or of the body and year given), these values typed in. */
async function excelWith(values: Record<string, Scalar> = {}, org = '木厂镇', year: number | null = 2024): Promise<{ fake: FakeExcel; pane: Pane; sheet: string }> {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  const inserted = await new ExcelHost(fake.run).insertTemplate({ org, year });
  for (const [id, v] of Object.entries(values)) await fake.userEdit(inserted.sheet, at(id), [[v]]);
  const pane = newPane(new ExcelHost(fake.run, { debounceMs: 20 }));
  await pane.ready;
  await pane.idle();
  return { fake, pane, sheet: inserted.sheet };
}

/** What each input cell of the sheet holds, by cell id, as Excel gives its values. */
function cellsOf(fake: FakeExcel, sheet = TITLE): Record<string, Scalar> {
  return Object.fromEntries(CELL_IDS.map((id) => [id, fake.valuesAt(sheet, { ...inputPosition(plan, id), rows: 1, cols: 1 })[0][0]]));
}

/** Chooses a file in the pane's 导入本年数据 chooser, as the browser hands it over. */
async function choose(pane: Pane, name: string, bytes: Uint8Array | string): Promise<void> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const file = { name, arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) };
  Object.defineProperty($('import-file'), 'files', { value: [file], configurable: true });
  $('import-file').dispatchEvent(new Event('change'));
  await settle(30);
  await pane.idle();
}

const json = (report: Report) => JSON.stringify(report);
const report = (cells: Record<string, CellValue>, org = '木厂镇', year: number | null = 2024): Report => ({ ...emptyReport(org, year), cells });
const writeBatches = (fake: FakeExcel, from: number) => fake.batches.slice(from).filter((b) => b.ops.some((o) => o.startsWith('write values')));
const readBatches = (fake: FakeExcel, from: number) => fake.batches.slice(from).filter((b) => b.ops.some((o) => o.startsWith('load range values')));
/** What the pane gave the focus to: the calls, whatever jsdom makes of a hidden element's focus. */
function focused(): { last: () => HTMLElement | undefined } {
  const spy = jest.spyOn(HTMLElement.prototype, 'focus');
  afterTest.push(() => spy.mockRestore());
  return { last: () => spy.mock.contexts.at(-1) as HTMLElement | undefined };
}
const afterTest: (() => void)[] = [];
afterEach(() => afterTest.splice(0).forEach((f) => f()));
const shownRules = () => Array.from(document.querySelectorAll<HTMLElement>('#findings li')).map((li) => li.dataset.rule);

describe('the button', () => {
  test('导入本年数据 opens a file chooser for the files the importers read; 上年 keeps its own', async () => {
    await excelWith();
    const b = $('import-button');
    expect(b.dataset.action).toBe('import-current');
    expect(b.textContent).toBe('导入本年数据');
    // The browser's own button: keyboard, focus and disabled state without a script.
    expect(b).toBeInstanceOf(HTMLButtonElement);
    expect((b as HTMLButtonElement).type).toBe('button');
    const input = $('import-file') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept.split(',').sort()).toEqual(['.docm', '.docx', '.htm', '.html', '.json', '.pdf', '.txt', '.xlsm', '.xlsx']);
    const opened = jest.spyOn(input, 'click').mockImplementation(() => undefined);
    click(b);
    expect(opened).toHaveBeenCalledTimes(1);
    // Last year's report keeps its own control.
    expect($('prior-label').textContent).toBe('上年报告');
    expect($('prior-file-button').textContent).toBe('从文件读取…');
  });
});

describe('a blank template', () => {
  test('is filled at once: numbers, and text as typed in the source, in one write and one check', async () => {
    const { fake, pane } = await excelWith();
    const source = consistentReport(3, '木厂镇', 2024);
    source.cells['T2.R1.C1'] = '/';
    source.cells['T2.R2.C1'] = '22（其中修订16件）';
    const writesFrom = fake.batches.length;
    await choose(pane, '2024年报（修订）.json', json(source));
    expect(panel().dataset.state).toBe('done');
    expect(panel().querySelector('[data-action]')).toBeNull();
    expect(panel().textContent).toBe('已从“2024年报（修订）.json”导入：填入 200 个空白格。');
    expect(cellsOf(fake)).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, source.cells[id]])));
    expect(writeBatches(fake, writesFrom)).toHaveLength(1);
    // One read to compare, one to check after the write; the write raised no edit to check again.
    expect(readBatches(fake, writesFrom)).toHaveLength(2);
    // The cell rules speak about the text, as the engine does for the same report.
    const engine = check(source).map((f) => f.rule);
    expect(engine).toEqual(expect.arrayContaining(['cell.placeholder', 'cell.notNumber']));
    expect(shownRules()).toEqual(expect.arrayContaining(['cell.placeholder', 'cell.notNumber']));
    expect($('summary').dataset.errors).toBe(String(check(source).filter((f) => f.severity === 'error').length));
  });

  test('a text that looks like a formula or a number stays text', async () => {
    const { fake, pane } = await excelWith();
    await choose(pane, 'a.json', json(report({ 'T3.R1.C1': '=1+1', 'T3.R1.C2': '１２', 'T3.R1.C3': '12 ' })));
    expect(cellsOf(fake)).toMatchObject({ 'T3.R1.C1': '=1+1', 'T3.R1.C2': '１２', 'T3.R1.C3': '12 ' });
    expect(fake.sheet(TITLE).cellAt(inputPosition(plan, 'T3.R1.C1').row, inputPosition(plan, 'T3.R1.C1').col)!.formula).toBe('=1+1');
  });
});

describe('a template the user has partly filled', () => {
  const typed = { 'T3.R1.C1': 5, 'T3.R1.C7': 5, 'T4.R1.C1': '/' };
  const incoming = () => report({ 'T3.R1.C1': 7, 'T3.R1.C7': 5, 'T4.R1.C1': 2, 'T3.R2.C1': 1, 'T2.R1.C1': 0 });

  test('asks first, in the pane: how many and which cells, old → new; nothing is written before the answer', async () => {
    const { fake, pane } = await excelWith(typed);
    const before = cellsOf(fake);
    const from = fake.batches.length;
    const focus = focused();
    await choose(pane, '修订稿.json', json(incoming()));
    expect(panel().dataset.state).toBe('ask');
    expect(panel().querySelector('.conflict-count')!.textContent).toBe('有 2 个已填写的格与文件不同（原值 → 文件中的值）：');
    const changes = Array.from(panel().querySelectorAll<HTMLElement>('li.change'));
    expect(changes.map((li) => li.dataset.cell)).toEqual(['T3.R1.C1', 'T4.R1.C1']);
    expect(changes[0].textContent).toBe(`${cellName('T3.R1.C1')}（${at('T3.R1.C1')}）：5 → 7`);
    expect(changes[1].textContent).toBe(`${cellName('T4.R1.C1')}（${at('T4.R1.C1')}）：/ → 2`);
    expect(panel().textContent).toContain('2 个空白格将从文件填入。');
    expect([...panel().querySelectorAll('[data-action]')].map((b) => [b.getAttribute('data-action'), b.textContent])).toEqual([
      ['import-overwrite', '全部替换'],
      ['import-blanks-only', '只填空白格'],
      ['import-cancel', '取消'],
    ]);
    // The keyboard lands on the choice that changes no filled cell.
    expect(focus.last()).toBe(button('import-blanks-only'));
    expect(writeBatches(fake, from)).toHaveLength(0);
    expect(cellsOf(fake)).toEqual(before);
  });

  test('取消 changes nothing', async () => {
    const { fake, pane } = await excelWith(typed);
    const before = cellsOf(fake);
    const from = fake.batches.length;
    await choose(pane, '修订稿.json', json(incoming()));
    const focus = focused();
    click(button('import-cancel'));
    await pane.idle();
    expect(cellsOf(fake)).toEqual(before);
    expect(writeBatches(fake, from)).toHaveLength(0);
    expect(panel().dataset.state).toBe('cancelled');
    expect(panel().textContent).toBe('已取消导入“修订稿.json”，未修改任何单元格。');
    // Back on the button that started it.
    expect(focus.last()).toBe($('import-button'));
  });

  test('Escape in the confirmation is 取消', async () => {
    const { fake, pane } = await excelWith(typed);
    const before = cellsOf(fake);
    await choose(pane, '修订稿.json', json(incoming()));
    button('import-blanks-only')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await pane.idle();
    expect(panel().dataset.state).toBe('cancelled');
    expect(cellsOf(fake)).toEqual(before);
  });

  test('只填空白格 changes only the blank cells', async () => {
    const { fake, pane } = await excelWith(typed);
    const before = cellsOf(fake);
    await choose(pane, '修订稿.json', json(incoming()));
    click(button('import-blanks-only'));
    await pane.idle();
    const after = cellsOf(fake);
    for (const id of CELL_IDS) {
      if (before[id] !== '') expect([id, after[id]]).toEqual([id, before[id]]);
      else expect([id, after[id]]).toEqual([id, incoming().cells[id] ?? '']);
    }
    expect(after['T3.R2.C1']).toBe(1);
    expect(panel().dataset.state).toBe('done');
    expect(panel().textContent).toBe('已从“修订稿.json”导入：填入 2 个空白格。2 个已填写的格保持原值。');
  });

  test('全部替换 replaces the cells listed, and fills the blanks, in one write', async () => {
    const { fake, pane } = await excelWith(typed);
    await choose(pane, '修订稿.json', json(incoming()));
    const from = fake.batches.length;
    click(button('import-overwrite'));
    await pane.idle();
    expect(cellsOf(fake)).toMatchObject({ 'T3.R1.C1': 7, 'T3.R1.C7': 5, 'T4.R1.C1': 2, 'T3.R2.C1': 1, 'T2.R1.C1': 0 });
    expect(writeBatches(fake, from)).toHaveLength(1);
    expect(panel().textContent).toBe('已从“修订稿.json”导入：填入 2 个空白格，替换 2 个已填写的格。');
  });

  test('what the user types while deciding is kept, even with 全部替换', async () => {
    const { fake, pane } = await excelWith(typed);
    await choose(pane, '修订稿.json', json(incoming()));
    // A blank cell the import would fill, and a listed cell, both typed into meanwhile.
    await fake.userEdit(TITLE, at('T3.R2.C1'), [[9]]);
    await fake.userEdit(TITLE, at('T4.R1.C1'), [[3]]);
    await settle();
    await pane.idle();
    click(button('import-overwrite'));
    await pane.idle();
    expect(cellsOf(fake)).toMatchObject({ 'T3.R2.C1': 9, 'T4.R1.C1': 3, 'T3.R1.C1': 7, 'T2.R1.C1': 0 });
    expect(panel().textContent).toBe('已从“修订稿.json”导入：填入 1 个空白格，替换 1 个已填写的格。2 个已填写的格保持原值。');
  });

  test('never loses data: over many partly filled templates, only 全部替换 changes a typed cell', async () => {
    const base = consistentReport(5, '木厂镇', 2024);
    const other = consistentReport(6, '木厂镇', 2024);
    for (const [k, choice] of (['import-cancel', 'import-blanks-only', 'import-overwrite'] as const).entries()) {
      // Every third cell typed by the user, shifted per round.
      const typedCells = Object.fromEntries(CELL_IDS.filter((_, i) => i % 3 === k).map((id) => [id, base.cells[id] as Scalar]));
      const { fake, pane } = await excelWith(typedCells);
      const before = cellsOf(fake);
      await choose(pane, 'other.json', json(other));
      expect(panel().dataset.state).toBe('ask');
      click(button(choice));
      await pane.idle();
      const after = cellsOf(fake);
      for (const id of CELL_IDS) {
        const userTyped = before[id] !== '';
        if (choice === 'import-cancel') expect(after[id]).toBe(before[id]);
        else if (userTyped && choice === 'import-blanks-only') expect(after[id]).toBe(before[id]);
        else expect(after[id]).toBe(other.cells[id]);
      }
    }
  });
});

describe('the body and year', () => {
  test('another year or body is said in the confirmation and never changed', async () => {
    const { fake, pane } = await excelWith({ 'T3.R1.C1': 5 });
    await choose(pane, '2023年报.json', json(report({ 'T3.R1.C1': 5, 'T3.R2.C1': 1 }, '王庄乡', 2023)));
    expect(panel().dataset.state).toBe('ask');
    const warnings = Array.from(panel().querySelectorAll('.warn')).map((p) => p.textContent);
    expect(warnings).toEqual([
      '文件中的报告年度为2023年，本模板为2024年：请确认选择的是本年的年报。模板的年度不会更改。',
      '文件中的机关为“王庄乡”，本模板为“木厂镇”。模板的机关名称不会更改。',
    ]);
    // No cell conflicts: one way on, and 取消.
    expect([...panel().querySelectorAll('[data-action]')].map((b) => [b.getAttribute('data-action'), b.textContent])).toEqual([
      ['import-blanks-only', '导入'],
      ['import-cancel', '取消'],
    ]);
    expect(panel().querySelector('input[data-meta]')).toBeNull();
    click(button('import-blanks-only'));
    await pane.idle();
    expect(cellsOf(fake)).toMatchObject({ 'T3.R1.C1': 5, 'T3.R2.C1': 1 });
    const names = (await new ExcelHost(fake.run).templates()).sheets;
    expect(names).toEqual([{ name: TITLE, year: 2024, org: '木厂镇' }]);
  });

  test('a blank body and year are offered, filled when left ticked, and left blank when not', async () => {
    for (const tick of [true, false]) {
      const { fake, pane, sheet } = await excelWith({}, '', null);
      await choose(pane, '本年.json', json(report({ 'T3.R1.C1': 4 }, '木厂镇', 2024)));
      expect(panel().dataset.state).toBe('ask');
      const boxes = Array.from(panel().querySelectorAll<HTMLInputElement>('input[data-meta]'));
      expect(boxes.map((b) => [b.dataset.meta, b.checked, b.parentElement!.textContent])).toEqual([
        ['org', true, ' 填写机关名称“木厂镇”（模板中未填）'],
        ['year', true, ' 填写报告年度 2024（模板中未填）'],
      ]);
      if (!tick) for (const b of boxes) b.checked = false;
      click(button('import-blanks-only'));
      await pane.idle();
      const info = (await new ExcelHost(fake.run).templates()).sheets[0];
      expect([info.org, info.year]).toEqual(tick ? ['木厂镇', 2024] : ['', null]);
      expect(cellsOf(fake, sheet)['T3.R1.C1']).toBe(4);
      expect(panel().textContent).toBe(tick ? '已从“本年.json”导入：填入 1 个空白格，填写机关名称“木厂镇”，填写报告年度 2024。' : '已从“本年.json”导入：填入 1 个空白格。');
    }
  });
});

describe('a published Word report', () => {
  test('fills the template; what reading it found is listed in the pane', async () => {
    const source = consistentReport(4, '木厂镇', 2024);
    // The prose says no requests came in, against table three: the importer's text.* finding.
    const docx = makeDocx(documentXml(reportBlocks(source, { partOne: ['本年度未收到政府信息公开申请。'] })));
    const { fake, pane } = await excelWith();
    await choose(pane, '木厂镇2024年报.docx', new Uint8Array(docx));
    expect(panel().dataset.state).toBe('done');
    expect(cellsOf(fake)).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, source.cells[id]])));
    const listed = Array.from(panel().querySelectorAll<HTMLElement>('li.import-finding'));
    expect(listed.map((li) => li.dataset.rule)).toContain('text.received');
    expect(listed.find((li) => li.dataset.rule === 'text.received')!.textContent).toContain('未收到政府信息公开申请');
    expect(panel().textContent).toContain('读取文件时发现');
  });

  test('a file that is no report is refused with its reason, and nothing changes', async () => {
    const { fake, pane } = await excelWith({ 'T3.R1.C1': 5 });
    const before = cellsOf(fake);
    await choose(pane, '年报.docx', new Uint8Array([1, 2, 3]));
    expect(panel().dataset.state).toBe('error');
    expect(panel().textContent).toBe('未能读取“年报.docx”：不是 .docx 文件（文件内容不是 Office Open XML 压缩包）');
    expect(cellsOf(fake)).toEqual(before);
  });
});

describe('text from the file is only ever text', () => {
  test('markup in a cell, the body and the file name shows as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { pane } = await excelWith({ 'T3.R1.C1': 5 });
    await choose(pane, `<b>x</b>.json`, json(report({ 'T3.R1.C1': hostile }, `<script>window.__pwned=2</script>`, 2024)));
    expect(panel().querySelector('li.change')!.textContent).toContain(hostile);
    expect(panel().textContent).toContain('<script>window.__pwned=2</script>');
    expect(panel().querySelector('h3')!.textContent).toBe('导入“<b>x</b>.json”');
    expect(panel().querySelector('img, script, b')).toBeNull();
    click(button('import-overwrite'));
    await pane.idle();
    expect(document.querySelector('#import-panel img, #findings img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('over the preview host', () => {
  test('只填空白格 in the in-page workbook: typed cells kept, blanks filled as text or numbers, no edit reported back', async () => {
    const book = new PreviewWorkbook();
    const host = new PreviewHost(book, { burstMs: 10 });
    const { sheet } = book.insertTemplate({ org: '', year: 2024 });
    book.set(sheet, { cells: new Map([['T3.R1.C1', '5'], ['T4.R1.C1', '/']]) }, 'user');
    const pane = newPane(host);
    await pane.ready;
    await settle(30);
    await pane.idle();
    const bursts: unknown[] = [];
    await host.onEdit((b) => bursts.push(b));
    await choose(pane, 'r.json', json(report({ 'T3.R1.C1': 7, 'T4.R1.C1': 2, 'T3.R2.C1': '12', 'T2.R1.C1': '22（其中修订16件）' })));
    expect(panel().dataset.state).toBe('ask');
    expect(panel().querySelector<HTMLInputElement>('input[data-meta="org"]')!.checked).toBe(true);
    click(button('import-blanks-only'));
    await pane.idle();
    await settle(30);
    expect([book.value(sheet, 'T3.R1.C1'), book.value(sheet, 'T4.R1.C1'), book.value(sheet, 'T3.R2.C1'), book.value(sheet, 'T2.R1.C1')]).toEqual([5, '/', '12', '22（其中修订16件）']);
    // The blank body was offered and, left ticked, filled.
    expect(book.templates()).toEqual([{ name: sheet, year: 2024, org: '木厂镇' }]);
    expect(bursts).toEqual([]);
    host.dispose();
  });
});
