/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * The pane at Excel's first contact (issue 22): on an Excel without ExcelUndoApiAll it checks on
 * request and says why; the findings block and the startup behaviour are the user's explicit
 * choices, with the undo warning where it applies; inserting says it clears undo once; and the
 * 环境自检 runs from the pane against the strict fake.
 */
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { sheetPlan, sheetTitle } from '../../src/core/sheet';
import { ExcelHost, ExcelHostOptions } from '../../src/excel/host';
import { excelSelfTest } from '../../src/excel/selftest';
import { LIVE_DESPITE_UNDO, ON_DEMAND } from '../../src/taskpane/parts/check-mode';
import { INSERT_UNDO_NOTE } from '../../src/taskpane/parts/insertion';
import { BLOCK_UNDO_WARNING } from '../../src/taskpane/parts/workbook-options';
import { FakeExcel, FakeExcelOptions } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');
const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const TITLE = sheetTitle(2024);
const plan = sheetPlan('', 2024);
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
/** Batches that read a template sheet (its tables' ranges with their places). */
const readBatches = (fake: FakeExcel, from: number) => fake.batches.slice(from).filter((b) => b.ops.some((o) => o.startsWith('load range values,rowIndex')));
const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string; checked?: boolean };
const UNDO_KEEPING: FakeExcelOptions = { sets: { ExcelUndoApiAll: '1.0' } };

async function open(excel: FakeExcelOptions = {}, extra: Partial<ExcelHostOptions> = {}, withTemplate = true) {
  localStorage.clear();
  const fake = new FakeExcel(excel);
  fake.addSheet('Sheet1');
  if (withTemplate) await new ExcelHost(fake.run).insertTemplate({ org: '木厂镇', year: 2024 });
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  let paneModule!: PaneModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
  });
  let shown: (() => void) | null = null;
  const host = new ExcelHost(fake.run, {
    debounceMs: 20,
    isSetSupported: fake.isSetSupported,
    paneShown: async (listener) => {
      shown = listener;
      return async () => {
        shown = null;
      };
    },
    ...extra,
  });
  const pane = new paneModule.Pane(document, host);
  await pane.ready;
  await pane.idle();
  const quiet = async () => {
    await settle();
    await pane.idle();
  };
  return { fake, pane, host, quiet, show: () => shown?.() };
}

describe('when the pane checks', () => {
  test('without ExcelUndoApiAll: no worksheet listener, an edit is not read, 重新校验 and showing the pane again are; the pane says why', async () => {
    const { fake, quiet, show } = await open();
    expect($('check-mode').hidden).toBe(false);
    expect($('check-mode').textContent).toBe(ON_DEMAND);
    expect($('live-check-label').hidden).toBe(false);
    expect(fake.workbookHandlers).toHaveLength(0);
    expect(fake.activationHandlers).toHaveLength(0);
    let from = fake.batches.length;
    await fake.userEdit(TITLE, at('T3.R1.C1'), [['五']]);
    await quiet();
    expect(readBatches(fake, from)).toHaveLength(0);
    expect(document.querySelector('[data-rule="cell.notNumber"]')).toBeNull();
    $('check').click();
    await quiet();
    expect(document.querySelector('[data-rule="cell.notNumber"]')).not.toBeNull();
    from = fake.batches.length;
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[1]]);
    show();
    await quiet();
    expect(readBatches(fake, from)).toHaveLength(1);
    expect(document.querySelector('[data-rule="cell.notNumber"]')).toBeNull();
  });

  test('the user may choose live checking there anyway, knowing the cost', async () => {
    const { fake, quiet } = await open();
    const box = $('live-check') as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await quiet();
    expect($('check-mode').textContent).toBe(LIVE_DESPITE_UNDO);
    expect(fake.workbookHandlers).toHaveLength(1);
    await fake.userEdit(TITLE, at('T3.R1.C1'), [['五']]);
    await quiet();
    expect(document.querySelector('[data-rule="cell.notNumber"]')).not.toBeNull();
    // And back.
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await quiet();
    expect(fake.workbookHandlers).toHaveLength(0);
    expect($('check-mode').textContent).toBe(ON_DEMAND);
  });

  test('with ExcelUndoApiAll: live, and nothing to say', async () => {
    const { fake, quiet } = await open(UNDO_KEEPING);
    expect($('check-mode').hidden).toBe(true);
    expect($('live-check-label').hidden).toBe(true);
    await fake.userEdit(TITLE, at('T3.R1.C1'), [['五']]);
    await quiet();
    expect(document.querySelector('[data-rule="cell.notNumber"]')).not.toBeNull();
  });
});

describe('the findings block is the user’s choice', () => {
  test('offered with the undo warning where ExcelUndoApiAll is missing; added, then removed', async () => {
    const { fake, quiet } = await open();
    expect($('options-section').hidden).toBe(false);
    expect($('block-option').hidden).toBe(false);
    expect($('block-note').textContent).toContain(BLOCK_UNDO_WARNING);
    const formula = () => fake.sheet(TITLE).cellAt(plan.findings.row + 1, plan.findings.col)?.formula ?? '';
    expect(formula()).toBe('');
    $('block-toggle').click();
    await quiet();
    expect(formula()).toMatch(/NIANBAO\.CHECK/);
    expect($('block-status').textContent).toContain('此后表格每次重算都会清空撤销记录');
    expect($('block-toggle').textContent).toBe('移除问题清单');
    $('block-toggle').click();
    await quiet();
    expect(formula()).toBe('');
    expect($('block-toggle').textContent).toBe('在表格下方添加问题清单');
  });

  test('where Excel keeps undo, no warning', async () => {
    await open(UNDO_KEEPING);
    expect($('block-note').textContent).not.toContain(BLOCK_UNDO_WARNING);
  });
});

test('inserting says the undo history is cleared once', async () => {
  const { pane, quiet } = await open(UNDO_KEEPING, {}, false);
  $('org').value = '木厂镇';
  $('year').value = '2024';
  await pane.insert(false);
  await quiet();
  expect($('notice').textContent).toContain(INSERT_UNDO_NOTE);
});

describe('opening with the workbook is the user’s choice', () => {
  test('read once, set only when ticked (and the trust prompt turned off with it)', async () => {
    const set = jest.fn().mockResolvedValue(undefined);
    const disableTrustUX = jest.fn().mockResolvedValue(true);
    const { quiet } = await open(UNDO_KEEPING, { startup: { get: async () => false, set }, disableTrustUX });
    expect($('startup-option').hidden).toBe(false);
    expect(($('startup-toggle') as HTMLInputElement).checked).toBe(false);
    expect(set).not.toHaveBeenCalled();
    const box = $('startup-toggle') as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await quiet();
    expect(set).toHaveBeenCalledWith(true);
    expect(disableTrustUX).toHaveBeenCalled();
    expect($('startup-status').textContent).toContain('已设置');
  });

  test('where Office cannot say, the option is not shown', async () => {
    await open(UNDO_KEEPING);
    expect($('startup-option').hidden).toBe(true);
  });
});

test('环境自检 from the pane: ✓/✗ per item, 复制报告, the user’s sheets untouched', async () => {
  const excel: FakeExcelOptions = { excelApi: '1.18', sets: { SharedRuntime: '1.1', CustomFunctionsRuntime: '1.1', OpenBrowserWindowApi: '1.1' } };
  const fakeRef: { run?: FakeExcel['run']; sets?: FakeExcel['isSetSupported'] } = {};
  const { fake, pane } = await open(excel, {
    selfTest: () => excelSelfTest(fakeRef.run!, { isSetSupported: fakeRef.sets!, office: () => ({ host: 'Excel', platform: 'PC', version: '16.0.14332', language: 'zh-CN', userAgent: 'Edg' }), saveFile: () => true, waitMs: 600 }),
  });
  fakeRef.run = fake.run;
  fakeRef.sets = fake.isSetSupported;
  expect($('selftest-section').hidden).toBe(false);
  expect($('selftest-note').textContent).toContain('清空一次撤销记录');
  const before = JSON.stringify(fake.sheet(TITLE).snapshot());
  const report = await pane.selfTest.run();
  const items = [...document.querySelectorAll('#selftest-results li')];
  expect(items.length).toBeGreaterThan(10);
  // This Excel lacks ExcelUndoApiAll: that item alone is ✗.
  expect(items.filter((li) => li.classList.contains('failed')).map((li) => li.getAttribute('data-probe'))).toEqual(['undo']);
  expect(report).toContain('✗ 加载项写入后能否撤销');
  expect(document.querySelector('#selftest-results [data-selftest="copy"]')).not.toBeNull();
  expect(JSON.stringify(fake.sheet(TITLE).snapshot())).toBe(before);
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE]);
});

test('a host without a self-test shows no button', async () => {
  await open(UNDO_KEEPING);
  expect($('selftest-section').hidden).toBe(true);
});
