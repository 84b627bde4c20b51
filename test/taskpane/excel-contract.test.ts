/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * The pane over the Excel host over the strict fake, for what issue 11 asks of it: checking
 * never writes (no mark, no protection lifted, undo intact), findings only the pane can know stay
 * in the pane, an earlier version's template is offered its one-time upgrade, and Excel's
 * errors are described by their code.
 */
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { sheetTitle } from '../../src/core/sheet';
import { ExcelHost } from '../../src/excel/host';
import { OLD_MARK_FORMULA } from '../../src/excel/upgrade';
import { UPGRADE_OFFER } from '../../src/taskpane/upgrade-view';
import { FakeExcel, FakeExcelOptions, Scalar, parseAddress } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const TITLE = sheetTitle(2024);
const PRIOR = sheetTitle(2023);
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const byRule = (rule: string) => Array.from(document.querySelectorAll<HTMLElement>('#findings li')).filter((li) => li.dataset.rule === rule);

async function workbook(values: Record<string, Scalar>, prior: Record<string, Scalar> | null, excel: FakeExcelOptions = {}): Promise<FakeExcel> {
  const fake = new FakeExcel(excel);
  fake.addSheet('Sheet1');
  const host = new ExcelHost(fake.run, { isSetSupported: fake.isSetSupported });
  if (prior) await host.insertTemplate({ org: '木厂镇', year: 2023 });
  await host.insertTemplate({ org: '木厂镇', year: 2024 });
  for (const [id, v] of Object.entries(values)) await fake.userEdit(TITLE, at(id), [[v]]);
  for (const [id, v] of Object.entries(prior ?? {})) await fake.userEdit(PRIOR, at(id), [[v]]);
  return fake;
}

async function open(fake: FakeExcel) {
  // Checking after every edit, chosen by the user on this Excel without ExcelUndoApiAll: even then a check never writes.
  localStorage.setItem('nianbao.liveCheck', '1');
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  let paneModule!: PaneModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
  });
  const pane = new paneModule.Pane(document, new ExcelHost(fake.run, { debounceMs: 20, isSetSupported: fake.isSetSupported }));
  await pane.ready;
  await pane.idle();
  const quiet = async () => {
    await settle();
    await pane.idle();
  };
  return { pane, quiet, $: (id: string) => document.getElementById(id) as HTMLElement };
}

/** Everything a check could have changed: conditional formats, protection, cells. */
const picture = (fake: FakeExcel) => JSON.stringify(fake.model.sheets.map((s) => s.snapshot()));

test('across edits and checks after insertion: zero undo-clearing calls, zero writes, no conditional format touched, protection never lifted', async () => {
  const fake = await workbook({}, null);
  const clears = fake.undoClears;
  const writes = fake.writeBatches().length;
  const from = fake.batches.length;
  const { quiet } = await open(fake);
  for (const [id, v] of [['T4.R1.C5', 9], ['T3.R1.C1', '五'], ['T3.R2.C1', -1], ['T4.R1.C5', '']] as const) {
    await fake.userEdit(TITLE, at(id), [[v]]);
    await quiet();
  }
  expect(byRule('cell.notNumber')).not.toHaveLength(0);
  expect(fake.undoClearedBy.slice(clears)).toEqual([]);
  expect(fake.writeBatches()).toHaveLength(writes);
  const ops = fake.batches.slice(from).flatMap((b) => b.ops);
  expect(ops.filter((o) => /^write/.test(o) || /protect/.test(o))).toEqual([]);
  // The only look at the conditional formats: upgrade.ts asking, once for the sheet, whether it is an earlier version's.
  expect(ops.filter((o) => /conditionalFormats/.test(o))).toHaveLength(1);
});

test('findings only the pane can know (last year’s report) stay in its list: nothing is written to the sheet', async () => {
  const fake = await workbook({ 'T3.R2.C1': 1, 'T3.R2.C7': 1 }, { 'T3.R25.C1': 3, 'T3.R25.C7': 3 });
  const before = picture(fake);
  const clears = fake.undoClears;
  await open(fake);
  expect(byRule('prior.carryOver').map((li) => li.dataset.cells)).toEqual(['T3.R2.C1', 'T3.R2.C7']);
  expect(picture(fake)).toBe(before);
  expect(fake.undoClears).toBe(clears);
});

describe('the one-time upgrade', () => {
  async function earlier(): Promise<FakeExcel> {
    const fake = await workbook({ 'T3.R1.C1': 'x' }, null);
    fake.sheet(TITLE).conditionalFormats.push({ area: parseAddress(at('T3.R1.C1')), areas: [parseAddress(at('T3.R1.C1'))], type: 'Custom', props: { 'custom.rule.formula': OLD_MARK_FORMULA } });
    return fake;
  }

  test('a template of the earlier version: the pane offers it, says undo is cleared this once, and one click removes the old marks', async () => {
    const fake = await earlier();
    const clears = fake.undoClears;
    const { $, quiet } = await open(fake);
    const offer = $('upgrade');
    expect(offer.hidden).toBe(false);
    expect(offer.querySelector('p')!.textContent).toBe(UPGRADE_OFFER);
    expect(UPGRADE_OFFER).toContain('清空一次撤销记录');
    // Offering wrote nothing and cleared nothing.
    expect(fake.undoClears).toBe(clears);
    (offer.querySelector('[data-action="upgrade-template"]') as HTMLElement).click();
    await quiet();
    expect(fake.sheet(TITLE).conditionalFormats.map((cf) => cf.props['custom.rule.formula'])).not.toContain(OLD_MARK_FORMULA);
    expect(offer.querySelector('p')!.textContent).toMatch(/^已升级：删除旧标记 1 条/);
    expect((offer.querySelector('[data-action="upgrade-template"]') as HTMLElement).hidden).toBe(true);
    expect(fake.sheet(TITLE).protection.protected).toBe(true);
    // The findings are still listed.
    expect(byRule('cell.notNumber').map((li) => li.dataset.cells)).toEqual(['T3.R1.C1']);
  });

  test('a current template is offered nothing', async () => {
    const fake = await workbook({}, null);
    const { $ } = await open(fake);
    expect($('upgrade').hidden).toBe(true);
  });

  test('a failed upgrade (a sheet protected with a password) says so in Chinese, from the error code, and can be tried again', async () => {
    const fake = await earlier();
    fake.sheet(TITLE).protection = { protected: true, options: {}, password: 'pw' };
    const { $, quiet } = await open(fake);
    (document.querySelector('[data-action="upgrade-template"]') as HTMLElement).click();
    await quiet();
    const text = $('upgrade').querySelector('p')!.textContent!;
    expect(text).toMatch(/^升级未能完成/);
    expect(text).toContain('撤销工作表保护');
    expect(text).not.toMatch(/requested|operation|invalid|password/i); // no English error text reaches the user
    expect(fake.sheet(TITLE).conditionalFormats.map((cf) => cf.props['custom.rule.formula'])).toContain(OLD_MARK_FORMULA);
    expect(document.querySelector('[data-action="upgrade-template"]')!.hasAttribute('disabled')).toBe(false);
  });
});

test('a failing write is described from its code in Chinese, whatever the display language', async () => {
  for (const displayLanguage of ['en-US', 'zh-CN'] as const) {
    const fake = await workbook({ 'T3.R1.C1': 5 }, null, { displayLanguage });
    const { $, pane } = await open(fake);
    fake.failOn = (what) => what.startsWith('write values');
    $('fill-blanks').click();
    await pane.idle();
    fake.failOn = null;
    expect($('fix-note').textContent).toBe('修改未能完成：操作未能完成，请稍后再试');
  }
});
