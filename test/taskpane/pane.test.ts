/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * The checking pane in a DOM (jsdom) over the Excel host over the in-memory Excel fake: what a
 * user sees and clicks, what reaches the workbook, and how many round trips it takes.
 */
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { areaA1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { ACK_NAMESPACE } from '../../src/excel/acknowledgements';
import { ExcelHost } from '../../src/excel/host';
import { UNDO_CLEARED } from '../../src/taskpane/undo-note';
import { FakeExcel, FakeExcelOptions, Scalar, areaAddress } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

// Browsers have these; jsdom's test environment does not.
Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');
type SessionModule = typeof import('../../src/taskpane/session');

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const TITLE = sheetTitle(2024);
const PRIOR = sheetTitle(2023);
const plan = sheetPlan('', 2024);
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

interface Setup {
  fake: FakeExcel;
  pane: InstanceType<PaneModule['Pane']>;
  session: SessionModule;
  host: ExcelHost;
  $: (id: string) => HTMLElement & { value?: string };
  /** Waits for bursts to end and the pane to finish. */
  quiet: () => Promise<void>;
  reopen: () => Promise<InstanceType<PaneModule['Pane']>>;
}

/**
 * `live` (the default here): the user chose 每次编辑后自动校验, so the live-checking tests run on an
 * Excel without ExcelUndoApiAll too (where the pane would otherwise check on request only, see
 * the on-demand tests); false: the pane's own choice for that Excel.
 */
async function setup(options: { before?: (session: SessionModule) => void; fake?: FakeExcel; live?: boolean } = {}): Promise<Setup> {
  if (options.live === false) localStorage.removeItem('nianbao.liveCheck');
  else localStorage.setItem('nianbao.liveCheck', '1');
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  let paneModule!: PaneModule;
  let session!: SessionModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
    session = require('../../src/taskpane/session');
  });
  options.before?.(session);
  const fake = options.fake ?? new FakeExcel();
  if (!options.fake) fake.addSheet('Sheet1');
  const host = new ExcelHost(fake.run, { debounceMs: 20, isSetSupported: fake.isSetSupported });
  const pane = new paneModule.Pane(document, host);
  await pane.ready;
  const quiet = async () => {
    await settle();
    await pane.idle();
  };
  const reopen = async () => {
    await pane.stop();
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
    const again = new paneModule.Pane(document, new ExcelHost(fake.run, { debounceMs: 20, isSetSupported: fake.isSetSupported }));
    await again.ready;
    await again.idle();
    return again;
  };
  const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string };
  return { fake, pane, session, host, $, quiet, reopen };
}

/** A workbook holding the 2024 template (and the 2023 one, when asked), with these values typed in. */
async function withTemplates(values: Record<string, Scalar> = {}, prior?: Record<string, Scalar>, excel: FakeExcelOptions = {}): Promise<FakeExcel> {
  const fake = new FakeExcel(excel);
  fake.addSheet('Sheet1');
  const host = new ExcelHost(fake.run);
  if (prior) await host.insertTemplate({ org: '木厂镇', year: 2023 });
  await host.insertTemplate({ org: '木厂镇', year: 2024 });
  for (const [id, v] of Object.entries(values)) await fake.userEdit(TITLE, at(id), [[v]]);
  for (const [id, v] of Object.entries(prior ?? {})) await fake.userEdit(PRIOR, at(id), [[v]]);
  return fake;
}

const findings = () => Array.from(document.querySelectorAll<HTMLElement>('#findings li'));
const byRule = (rule: string) => findings().filter((li) => li.dataset.rule === rule);
const summary = () => document.getElementById('summary')!;
/** The sheet's conditional formats, as a comparable picture: the pane never adds, changes or removes one. */
const formats = (fake: FakeExcel, sheet = TITLE) => JSON.stringify(fake.sheet(sheet).conditionalFormats);
/** Batches that read a sheet (the one-sync read queues the named ranges' values). */
const readBatches = (fake: FakeExcel, from: number) => fake.batches.slice(from).filter((b) => b.ops.some((o) => o.startsWith('load range values')));
const click = (el: Element | null | undefined) => (el as HTMLElement).click();

describe('the page', () => {
  test('has every element the pane needs, loads office.js first, and carries the preview’s hooks', async () => {
    await setup();
    expect(HTML.indexOf('htmlWebpackPlugin.options.officeJs')).toBeLessThan(HTML.indexOf('</head>'));
    for (const action of ['insert-template', 'fill-blanks', 'recompute-totals']) expect(document.querySelectorAll(`[data-action="${action}"]`)).toHaveLength(1);
  });

  test('an empty workbook: the pane says to insert a template, and opens that section', async () => {
    const { $ } = await setup();
    expect(summary().textContent).toBe('本工作簿还没有年报模板：请在“插入年报模板”中填写机关和年度后插入。');
    expect(summary().dataset.errors).toBeUndefined();
    expect(($('insert-section') as HTMLDetailsElement).open).toBe(true);
    expect($('fill-blanks').hasAttribute('disabled')).toBe(true);
  });
});

describe('inserting', () => {
  test('the template goes in, the pane says so and shows its state: blank cells grouped by table', async () => {
    const { fake, $, pane } = await setup();
    $('org').value = '木厂镇';
    $('year').value = '2024';
    $('insert').click();
    await pane.idle();
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE]);
    expect($('notice').textContent).toContain(`已插入工作表“${TITLE}”`);
    expect(summary().textContent).toBe('✓ 全部勾稽关系通过（42条），200 处提示');
    expect([summary().dataset.errors, summary().dataset.warnings]).toEqual(['0', '200']);
    expect(byRule('cell.blank').map((li) => [li.closest('section')!.dataset.table, li.dataset.cells!.split(' ').length])).toEqual([
      ['T2', 10],
      ['T3', 175],
      ['T4', 15],
    ]);
    expect($('fill-blanks').textContent).toBe('空白格填0（200 格）');
    expect($('fill-blanks').hasAttribute('disabled')).toBe(false);
    // The marks are the template's own (plan.marks), written once with it; the pane adds none.
    expect(fake.sheet(TITLE).conditionalFormats).toHaveLength(sheetPlan().marks.length);
  });

  test('insert twice: told the template exists, can go there or insert anyway', async () => {
    const { fake, $, pane } = await setup();
    $('year').value = '2024';
    $('insert').click();
    await pane.idle();
    fake.model.activeSheetId = fake.sheet('Sheet1').id;
    $('insert').click();
    await pane.idle();
    expect(fake.model.sheets).toHaveLength(2);
    expect($('notice').textContent).toContain(`本工作簿已有2024年度的年报模板（工作表“${TITLE}”）`);
    const [goThere, anyway] = Array.from($('notice').querySelectorAll('button')) as HTMLElement[];
    expect([goThere.textContent, anyway.textContent]).toEqual(['转到该工作表', '仍然插入新模板']);
    goThere.click();
    await pane.idle();
    expect(fake.activeSheet()?.name).toBe(TITLE);
    anyway.click();
    await pane.idle();
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE, `${TITLE}(2)`]);
  });

  test('a bad year is refused before anything is written', async () => {
    const { fake, $, pane } = await setup();
    $('year').value = '二〇二四';
    $('insert').click();
    await pane.idle();
    expect(fake.model.sheets).toHaveLength(1);
    expect($('notice').className).toContain('error');
    expect($('notice').textContent).toContain('报告年度“二〇二四”无效');
  });

  test('a notice the ribbon command gave before the pane opened is shown when it opens', async () => {
    const { $ } = await setup({ before: (session) => session.announce({ kind: 'exists', sheet: TITLE, org: '甲', year: 2024 }) });
    expect($('notice').hidden).toBe(false);
    expect($('notice').textContent).toContain('本工作簿已有2024年度的年报模板');
    expect($('org').value).toBe('甲');
    expect($('year').value).toBe('2024');
  });

  test('the body typed in the pane is what the ribbon button uses next', async () => {
    const { $, session } = await setup();
    $('org').value = '乙县人民政府';
    $('year').value = '2023';
    $('insert').click();
    expect(session.currentChoice()).toEqual({ org: '乙县人民政府', year: 2023 });
  });
});

describe('live checking', () => {
  test('opens on the template’s state: a summary, findings with both sides and the difference, in Chinese', async () => {
    const fake = await withTemplates({ 'T3.R1.C1': 5 });
    await setup({ fake });
    expect(summary().textContent).toBe('✗ 2 处错误，199 处提示');
    expect(summary().className).toContain('fail');
    const balance = byRule('T3.balance')[0];
    expect(balance.dataset.severity).toBe('error');
    expect(balance.dataset.cells).toBe('T3.R1.C1 T3.R2.C1 T3.R24.C1 T3.R25.C1');
    expect(balance.querySelector('.message')!.textContent).toBe('表三“自然人”列：第一项+第二项=5，（七）总计+第四项=0，相差5');
    expect(balance.querySelector('.title')!.textContent).toBe('表三平衡关系');
    expect(balance.closest('section')!.querySelector('h3')!.textContent).toBe('表三 收到和处理政府信息公开申请情况2 处错误，174 处提示');
  });

  test('an edit is checked once, with one read, and nothing written: the undo history stays', async () => {
    const fake = await withTemplates();
    const { quiet } = await setup({ fake });
    const from = fake.syncCount;
    const before = formats(fake);
    const clears = fake.undoClears;
    await fake.userEdit(TITLE, at('T4.R1.C5'), [[9]]);
    await quiet();
    expect(readBatches(fake, from)).toHaveLength(1);
    expect(fake.syncCount - from).toBe(1); // the read, and nothing else
    expect(fake.writeBatches().length).toBe(fake.batches.slice(0, from).filter((b) => b.writes > 0).length);
    expect(summary().textContent).toMatch(/^✗ 1 处错误/);
    expect(byRule('T4.groupTotal')[0].querySelector('.message')!.textContent).toBe('表四“行政复议”：总计=9，结果维持+结果纠正+其他结果+尚未审结=0，相差9');
    expect(formats(fake)).toBe(before);

    // Fixed by hand: the values and formats stay as the user left them, and still nothing cleared undo.
    const cells = JSON.stringify([...fake.sheet(TITLE).cells.entries()].filter(([k]) => k !== `${inputPosition(plan, 'T4.R1.C5').row},${inputPosition(plan, 'T4.R1.C5').col}`));
    await fake.userEdit(TITLE, at('T4.R1.C5'), [['']]);
    await quiet();
    expect(formats(fake)).toBe(before);
    expect(fake.undoClears).toBe(clears);
    expect(summary().textContent).toBe('✓ 全部勾稽关系通过（42条），200 处提示');
    expect(JSON.stringify([...fake.sheet(TITLE).cells.entries()].filter(([k]) => k !== `${inputPosition(plan, 'T4.R1.C5').row},${inputPosition(plan, 'T4.R1.C5').col}`))).toBe(cells);
  });

  test('a paste of 100 cells is one check with one read; so are ten quick edits', async () => {
    const fake = await withTemplates();
    const { quiet } = await setup({ fake });
    let from = fake.syncCount;
    const first = inputPosition(plan, 'T3.R1.C1');
    await fake.userEdit(TITLE, areaAddress({ row: first.row, col: first.col, rows: 25, cols: 4 }), Array.from({ length: 25 }, () => [1, 1, 1, 1]));
    await quiet();
    expect(readBatches(fake, from)).toHaveLength(1);
    expect(summary().dataset.errors).not.toBe('0');

    from = fake.syncCount;
    for (let r = 1; r <= 10; r++) await fake.userEdit(TITLE, at(`T3.R${r}.C7`), [[4]]);
    await quiet();
    expect(readBatches(fake, from)).toHaveLength(1);
  });

  test('an edit no rule reads (a note beside the tables) is not checked at all', async () => {
    const fake = await withTemplates();
    const { quiet } = await setup({ fake });
    fake.sheet(TITLE).protection = { protected: false };
    const from = fake.syncCount;
    await fake.userEdit(TITLE, 'Z200', [['备注']]);
    await quiet();
    expect(fake.syncCount).toBe(from);
  });

  test('with several templates, the pane follows the one in view', async () => {
    const fake = await withTemplates({ 'T4.R1.C5': 1 }, { 'T4.R1.C10': 2 });
    const { quiet, $ } = await setup({ fake });
    expect($('sheet-line').textContent).toBe(`校验工作表“${TITLE}”`);
    expect(byRule('T4.groupTotal').map((li) => li.dataset.cells)).toEqual(['T4.R1.C5 T4.R1.C1 T4.R1.C2 T4.R1.C3 T4.R1.C4']);
    await fake.userActivate(PRIOR);
    await quiet();
    expect($('sheet-line').textContent).toBe(`校验工作表“${PRIOR}”`);
    expect(byRule('T4.groupTotal').map((li) => li.dataset.cells)).toEqual(['T4.R1.C10 T4.R1.C6 T4.R1.C7 T4.R1.C8 T4.R1.C9']);
    await fake.userActivate('Sheet1');
    await quiet();
    expect($('sheet-line').textContent).toBe(`校验工作表“${PRIOR}”`);
  });

  test('a click on a finding selects its cells in the sheet', async () => {
    const fake = await withTemplates({ 'T3.R1.C1': 5 }, undefined, { excelApi: '1.18' });
    const { pane } = await setup({ fake });
    fake.model.activeSheetId = fake.sheet('Sheet1').id;
    click(byRule('T3.balance')[0].querySelector('.message'));
    await pane.idle();
    expect(fake.activeSheet()?.name).toBe(TITLE);
    expect(fake.selection).toEqual({ sheet: TITLE, address: `${at('T3.R1.C1')},${at('T3.R2.C1')},${at('T3.R24.C1')}:${at('T3.R25.C1')}` });
    click(byRule('cell.blank').find((li) => li.closest('section')!.dataset.table === 'T4')!.querySelector('button.where'));
    await pane.idle();
    expect(fake.selection).toEqual({ sheet: TITLE, address: areaA1({ ...inputPosition(plan, 'T4.R1.C1'), rows: 1, cols: 15 }) });
  });

  test('the focus stays on its finding when the list is redrawn after an edit', async () => {
    const fake = await withTemplates({ 'T3.R1.C1': 5 });
    const { quiet } = await setup({ fake });
    const where = byRule('T3.applicantTotal')[0].querySelector<HTMLElement>('button.where')!;
    where.focus();
    await fake.userEdit(TITLE, at('T4.R1.C1'), [[1]]);
    await quiet();
    // The list was redrawn (a 表四 finding joined it); the unchanged finding's element is reused.
    expect(byRule('T4.groupTotal')).toHaveLength(1);
    expect(byRule('T3.applicantTotal')[0].querySelector('button.where')).toBe(where);
    expect((document.activeElement as HTMLElement).closest('li')!.dataset.rule).toBe('T3.applicantTotal');
  });
});

describe('quick fixes', () => {
  const snapshotCells = (fake: FakeExcel) => new Map([...fake.sheet(TITLE).cells.entries()].map(([k, v]) => [k, JSON.stringify(v)]));
  const changedKeys = (before: Map<string, string>, fake: FakeExcel) => [...snapshotCells(fake)].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
  const key = (id: string) => {
    const p = inputPosition(plan, id);
    return `${p.row},${p.col}`;
  };

  test('fill blanks: every blank input becomes 0, nothing else changes, and no edit event comes back', async () => {
    const fake = await withTemplates({ 'T3.R1.C1': 5, 'T4.R1.C1': '/' });
    const { $, pane } = await setup({ fake });
    const before = snapshotCells(fake);
    const delivered = fake.delivered.length;
    click($('fill-blanks'));
    await pane.idle();
    await settle();
    expect(changedKeys(before, fake).sort()).toEqual(CELL_IDS.filter((c) => c !== 'T3.R1.C1' && c !== 'T4.R1.C1').map(key).sort());
    expect(fake.sheet(TITLE).cell(at('T4.R1.C1')).value).toBe('/');
    expect(fake.delivered.length).toBe(delivered);
    expect(byRule('cell.blank')).toEqual([]);
    expect($('fill-blanks').hasAttribute('disabled')).toBe(true);
    // This Excel lacks ExcelUndoApiAll: the write cleared undo, and the pane says so.
    expect($('fix-note').textContent).toBe(`已把 198 个空白格填为 0。${UNDO_CLEARED}`);
  });

  test('where Excel keeps undo for add-ins (ExcelUndoApiAll), a fix says nothing about undo and clears nothing', async () => {
    const fake = await withTemplates({ 'T3.R1.C1': 5 }, undefined, { sets: { ExcelUndoApiAll: '1.0' } });
    const { $, pane } = await setup({ fake });
    const clears = fake.undoClears;
    click($('fill-blanks'));
    await pane.idle();
    expect($('fix-note').textContent).toBe('已把 199 个空白格填为 0。');
    expect(fake.undoClears).toBe(clears);
  });

  test('recompute totals: only the 总计 cells whose parts are numbers, from their parts', async () => {
    const fake = await withTemplates({ 'T3.R1.C1': 3, 'T3.R1.C2': 2, 'T3.R3.C1': 3, 'T3.R3.C2': 2, 'T4.R1.C1': 1, 'T4.R1.C2': 1 });
    const { $, pane } = await setup({ fake });
    expect($('recompute-totals').textContent).toBe('重算总计（6 格）');
    const before = snapshotCells(fake);
    click($('recompute-totals'));
    await pane.idle();
    const totals = { 'T3.R1.C7': 5, 'T3.R3.C7': 5, 'T3.R24.C1': 3, 'T3.R24.C2': 2, 'T3.R24.C7': 5, 'T4.R1.C5': 2 };
    expect(changedKeys(before, fake).sort()).toEqual(Object.keys(totals).map(key).sort());
    for (const [id, v] of Object.entries(totals)) expect(fake.sheet(TITLE).cell(at(id)).value).toBe(v);
    expect(summary().dataset.errors).toBe('0');
  });

  test('a suggested fix names the one cell that satisfies several rules, and applies in one click', async () => {
    // 自然人 total of results (row 24) is 55 where its parts add up to 57 and the balance wants 57.
    const fake = await withTemplates({ 'T3.R1.C1': 57, 'T3.R3.C1': 57, 'T3.R24.C1': 55, 'T3.R1.C7': 57, 'T3.R3.C7': 57, 'T3.R24.C7': 57 });
    const { pane } = await setup({ fake });
    const resolved = findings().filter((li) => li.querySelector('.suggestion'));
    expect(resolved.map((li) => li.dataset.rule).sort()).toEqual(['T3.applicantTotal', 'T3.balance', 'T3.resultTotal']);
    expect(resolved[0].querySelector('.suggestion p')!.textContent).toMatch(/^将 表三 自然人\/（七）总计 由 55 改为 57，可同时满足 3 条规则/);
    const before = snapshotCells(fake);
    click(resolved[0].querySelector('[data-action="apply-suggestion"]'));
    await pane.idle();
    expect(changedKeys(before, fake)).toEqual([key('T3.R24.C1')]);
    expect(summary().dataset.errors).toBe('0');
  });
});

describe('acknowledgements', () => {
  const reasonInput = (li: Element) => li.querySelector<HTMLElement & { value?: string }>('[data-role="reason"]')!;

  test('a warning acknowledged with a reason is kept in the workbook, survives re-checks, and returns when it changes', async () => {
    const fake = await withTemplates({ 'T4.R1.C1': '/' });
    const { quiet, reopen, $ } = await setup({ fake });
    const placeholder = () => byRule('cell.placeholder')[0];
    expect(placeholder().dataset.acknowledged).toBe('false');

    // Nothing lost: acknowledging writes no cell, value or formula of any sheet.
    const cellsBefore = JSON.stringify(fake.model.sheets.map((sh) => [sh.name, [...sh.cells.entries()].map(([k, c]) => [k, c.value, c.formula])]));
    click(placeholder().querySelector('[data-action="acknowledge"]'));
    click(placeholder().querySelector('[data-action="save-acknowledgement"]'));
    expect(placeholder().querySelector('.ack-form .error')!.textContent).toBe('请填写说明理由');
    reasonInput(placeholder()).value = '本年度无行政复议案件，原表以“/”表示';
    click(placeholder().querySelector('[data-action="save-acknowledgement"]'));
    await quiet();
    expect(placeholder().dataset.acknowledged).toBe('true');
    expect(placeholder().querySelector('.ack p')!.textContent).toBe('说明：本年度无行政复议案件，原表以“/”表示');
    expect(summary().dataset.acknowledged).toBe('1');
    expect(summary().textContent).toBe('✓ 全部勾稽关系通过（42条），199 处提示（另有 1 处已说明）');
    expect(fake.model.customXmlParts.map((p) => p.namespaceUri)).toEqual([ACK_NAMESPACE]);
    expect(JSON.stringify(fake.model.sheets.map((sh) => [sh.name, [...sh.cells.entries()].map(([k, c]) => [k, c.value, c.formula])]))).toBe(cellsBefore);
    // Saving it is a write: this Excel lacks ExcelUndoApiAll, so undo was cleared, and the pane says so.
    expect($('fix-note').textContent).toBe(`说明已保存在工作簿中。${UNDO_CLEARED}`);

    // A re-check after an unrelated edit keeps it; so does opening the workbook again.
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[0]]);
    await quiet();
    expect(placeholder().dataset.acknowledged).toBe('true');
    const again = await reopen();
    expect(placeholder().dataset.acknowledged).toBe('true');
    const quietAgain = async () => {
      await settle();
      await again.idle();
    };

    // The warning changes (another placeholder): the acknowledgement no longer applies.
    await fake.userEdit(TITLE, at('T4.R1.C1'), [['—']]);
    await quietAgain();
    expect(placeholder().dataset.acknowledged).toBe('false');
    // …and comes back if the cell returns to what was acknowledged.
    await fake.userEdit(TITLE, at('T4.R1.C1'), [['/']]);
    await quietAgain();
    expect(placeholder().dataset.acknowledged).toBe('true');
  });

  test('where Excel keeps undo for add-ins (ExcelUndoApiAll), saving a reason says nothing about undo and clears nothing', async () => {
    const fake = await withTemplates({ 'T4.R1.C1': '/' }, undefined, { sets: { ExcelUndoApiAll: '1.0' } });
    const { quiet, $ } = await setup({ fake });
    const li = () => byRule('cell.placeholder')[0];
    const clears = fake.undoClears;
    click(li().querySelector('[data-action="acknowledge"]'));
    reasonInput(li()).value = '原表如此';
    click(li().querySelector('[data-action="save-acknowledgement"]'));
    await quiet();
    expect(li().dataset.acknowledged).toBe('true');
    expect($('fix-note').hidden).toBe(true);
    expect(fake.undoClears).toBe(clears);
  });

  test('a reason being typed survives a re-check after an edit elsewhere', async () => {
    const fake = await withTemplates({ 'T4.R1.C1': '/' });
    const { quiet } = await setup({ fake });
    const li = () => byRule('cell.placeholder')[0];
    click(li().querySelector('[data-action="acknowledge"]'));
    reasonInput(li()).value = '写了一半';
    const old = reasonInput(li());
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[0]]);
    await quiet();
    expect(old.isConnected).toBe(false);
    expect(reasonInput(li()).value).toBe('写了一半');
  });

  test('a click in the reason form, on its label or its box, leaves the selection alone', async () => {
    const fake = await withTemplates({ 'T4.R1.C1': '/' });
    const { pane } = await setup({ fake });
    const li = () => byRule('cell.placeholder')[0];
    click(li().querySelector('[data-action="acknowledge"]'));
    await pane.idle();
    fake.selection = null;
    click(li().querySelector('.ack-form label'));
    click(reasonInput(li()));
    await pane.idle();
    expect(fake.selection).toBeNull();
    // Anywhere else on the finding still selects its cells.
    click(li().querySelector('.message'));
    await pane.idle();
    expect(fake.selection).not.toBeNull();
  });

  test('withdrawing an acknowledgement; Enter saves, Escape cancels; errors cannot be acknowledged', async () => {
    const fake = await withTemplates({ 'T4.R1.C1': '/', 'T3.R1.C1': 5 });
    const { pane } = await setup({ fake });
    expect(byRule('T3.balance')[0].querySelector('[data-action="acknowledge"]')).toBeNull();
    const li = () => byRule('cell.placeholder')[0];
    click(li().querySelector('[data-action="acknowledge"]'));
    reasonInput(li()).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(li().querySelector('[data-role="reason"]')).toBeNull();
    click(li().querySelector('[data-action="acknowledge"]'));
    reasonInput(li()).value = '原表如此';
    reasonInput(li()).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await pane.idle();
    expect(li().dataset.acknowledged).toBe('true');
    click(li().querySelector('[data-action="withdraw-acknowledgement"]'));
    await pane.idle();
    expect(li().dataset.acknowledged).toBe('false');
    expect(fake.model.customXmlParts[0].xml).not.toContain('原表如此');
    // Withdrawing is a write too, and says what it did.
    expect(document.getElementById('fix-note')!.textContent).toBe(`说明已从工作簿中撤销。${UNDO_CLEARED}`);
  });
});

describe('last year', () => {
  test('last year’s template in the workbook is chosen by itself; the cross-year rules join, with both years’ figures', async () => {
    const fake = await withTemplates({ 'T3.R2.C1': 1, 'T3.R2.C7': 1 }, { 'T3.R25.C1': 3, 'T3.R25.C7': 3 });
    const { $ } = await setup({ fake });
    expect(($('prior') as HTMLSelectElement).value).toBe(`sheet:${PRIOR}`);
    expect($('prior-status').textContent).toBe(`上年：工作表“${PRIOR}”，2023年度（自动选择）`);
    const carry = byRule('prior.carryOver');
    expect(carry.map((li) => li.dataset.cells)).toEqual(['T3.R2.C1', 'T3.R2.C7']);
    const figures = Array.from(carry[0].querySelectorAll('.figures dt, .figures dd')).map((e) => e.textContent);
    expect(figures).toEqual([`本年 ${'表三 自然人/二、上年结转政府信息公开申请数量'}`, '1', '上年 表三 自然人/四、结转下年度继续办理', '3']);
    expect(carry[0].querySelector('.message')!.textContent).toBe('表三“自然人”列：本年“二、上年结转政府信息公开申请数量”=1，上年“四、结转下年度继续办理”=3，相差2');
  });

  test('last year’s template inserted after this year’s is taken up', async () => {
    const fake = await withTemplates({ 'T3.R2.C1': 1 });
    const { $, pane } = await setup({ fake });
    expect(($('prior') as HTMLSelectElement).value).toBe('');
    $('year').value = '2023';
    $('insert').click();
    await pane.idle();
    await fake.userActivate(TITLE);
    await pane.idle();
    expect(($('prior') as HTMLSelectElement).value).toBe(`sheet:${PRIOR}`);
    expect(byRule('prior.carryOver').map((li) => li.dataset.cells)).toEqual(['T3.R2.C1']);
  });

  test('an edit to last year’s sheet re-reads only last year, and only when a cross-year rule reads the cell', async () => {
    const fake = await withTemplates({ 'T3.R2.C1': 1, 'T3.R1.C1': 0 }, { 'T3.R25.C1': 3 });
    const { quiet } = await setup({ fake });
    expect(byRule('prior.carryOver')).toHaveLength(1);
    let from = fake.syncCount;
    await fake.userEdit(PRIOR, at('T3.R1.C2'), [[7]]);
    await quiet();
    expect(fake.syncCount).toBe(from);
    from = fake.syncCount;
    await fake.userEdit(PRIOR, at('T3.R25.C1'), [[1]]);
    await quiet();
    const reads = readBatches(fake, from);
    expect(reads).toHaveLength(1);
    expect(reads[0].ops.some((o) => o.includes(fake.sheet(PRIOR).id))).toBe(true);
    expect(byRule('prior.carryOver')).toHaveLength(0);
  });

  test('choosing no last year drops the cross-year rules; a .json file can be last year', async () => {
    const fake = await withTemplates({ 'T3.R2.C1': 1 }, { 'T3.R25.C1': 3 });
    const { $, pane } = await setup({ fake });
    const select = $('prior') as HTMLSelectElement;
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await pane.idle();
    expect(byRule('prior.carryOver')).toHaveLength(0);
    expect($('prior-status').hidden).toBe(true);

    const json = JSON.stringify({ format: 'nianbao/report@1', org: '木厂镇', year: 2023, cells: { 'T3.R25.C1': 4, 'T2.R1.C3': 0 } });
    const file = { name: '2023年报.json', arrayBuffer: async () => new TextEncoder().encode(json).buffer };
    Object.defineProperty($('prior-file'), 'files', { value: [file], configurable: true });
    $('prior-file').dispatchEvent(new Event('change'));
    await settle(20);
    await pane.idle();
    expect(select.value).toBe('file');
    expect($('prior-status').textContent).toBe('上年：文件 2023年报.json，2023年度');
    expect(byRule('prior.carryOver')[0].querySelector('.message')!.textContent).toContain('相差3');
  });

  test('a file that is no report is refused with its reason, and the check stays as it was', async () => {
    const fake = await withTemplates({ 'T3.R2.C1': 1 });
    const { $, pane } = await setup({ fake });
    const file = { name: '2023年报.docx', arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer };
    Object.defineProperty($('prior-file'), 'files', { value: [file], configurable: true });
    $('prior-file').dispatchEvent(new Event('change'));
    await settle(20);
    await pane.idle();
    expect($('prior-status').textContent).toBe('未能读取“2023年报.docx”：不是 .docx 文件（文件内容不是 Office Open XML 压缩包）');
    expect(byRule('prior.carryOver')).toHaveLength(0);
  });
});

describe('text from cells is only ever text', () => {
  test('a hostile cell, reason and sheet name render as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const fake = await withTemplates({ 'T3.R1.C1': hostile, 'T4.R1.C1': '/' });
    fake.sheet(TITLE).name = `<b>${'年'}</b>`;
    const { pane } = await setup({ fake });
    await pane.idle();
    const text = byRule('cell.notNumber')[0];
    expect(text.querySelector('.message')!.textContent).toContain(hostile);
    const li = byRule('cell.placeholder')[0];
    click(li.querySelector('[data-action="acknowledge"]'));
    li.ownerDocument.querySelector<HTMLElement & { value?: string }>('[data-role="reason"]')!.value = '<script>window.__pwned=2</script><img src=y onerror="window.__pwned=3">';
    click(byRule('cell.placeholder')[0].querySelector('[data-action="save-acknowledgement"]'));
    await pane.idle();
    expect(byRule('cell.placeholder')[0].querySelector('.ack p')!.textContent).toContain('<script>');
    expect(document.querySelector('#findings img, #findings script, #findings b, #sheet-line b, #prior option b')).toBeNull();
    expect(document.getElementById('sheet-line')!.textContent).toBe('校验工作表“<b>年</b>”');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

test('the groups follow the tables: 表二, 表三, 表四 under their own names', () => {
  expect(Object.values(TABLES).map((t) => t.name)).toEqual(['表二', '表三', '表四']);
});
