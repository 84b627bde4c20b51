/** @jest-environment jsdom */
/**
 * The register through ET (src/wps/ledger.ts behind src/wps/host.ts), over the strict ET fake:
 * the book's plan drawn, never over a sheet; registers found by meaning; one Value2 for a read;
 * its edits reaching the pane as bursts; a row selected.
 */
import type { EditBurst } from '../../src/host/contract';
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { LEDGER_NAME, LEDGER_RESULTS_NAME, REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan } from '../../src/ledger/sheet';
import { WpsHost } from '../../src/wps/host';
import { FakeEt } from '../fakes/wps-fake';

const plan = ledgerPlan({ year: 2024 });
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function setup() {
  const fake = new FakeEt();
  fake.addSheet('Sheet1');
  fake.userEdit('Sheet1', 'A1', '别人的数据');
  const uninstall = fake.install();
  return { fake, host: new WpsHost(fake.app, { debounceMs: 20 }), uninstall };
}

let done: (() => void) | null = null;
afterEach(() => {
  done?.();
  done = null;
});

test('插入台账 draws the plan in ET: both sheets, names, validation, frozen header, print titles; the register shown; no edit raised', async () => {
  const { fake, host, uninstall } = setup();
  done = uninstall;
  const events: EditBurst[] = [];
  await host.onEdit((b) => events.push(b));
  expect(await host.insertLedger({ year: 2024 })).toEqual({ status: 'inserted', sheet: REGISTER_SHEET, summary: SUMMARY_SHEET });
  const register = fake.sheetOrThrow(REGISTER_SHEET);
  const summary = fake.sheetOrThrow(SUMMARY_SHEET);
  LEDGER_COLUMNS.forEach((c, i) => expect(register.peek(plan.headerRow, i)?.value).toBe(c.label));
  for (const c of plan.summary.cells.filter((x) => x.formula)) expect(summary.peek(c.row, c.col)?.formula).toBe(c.formula);
  expect(fake.names.filter((n) => n.scope === register).map((n) => [n.name, n.sheet.name]).sort()).toEqual([
    [LEDGER_NAME, REGISTER_SHEET],
    [LEDGER_RESULTS_NAME, SUMMARY_SHEET],
  ]);
  expect(register.validations).toHaveLength(plan.register.validations.length);
  const result = register.validations.find((v) => v.area.col === plan.columnOf.result)!;
  expect(result).toMatchObject({ type: 3, formula1: `=${LEDGER_RESULTS_NAME}` });
  // Date validation takes serials in ET: 2000-01-01 is 36526.
  expect(register.validations.find((v) => v.area.col === plan.columnOf.received)).toMatchObject({ type: 4, formula1: '36526', formula2: '73415' });
  expect(register.pageSetup.printTitleRows).toBe('$3:$3');
  // The plan's marks, each anchored at its area's top-left cell as ET reads a relative formula.
  expect(register.formatConditions.map((f) => [f.formula1, f.anchor])).toEqual(plan.register.marks.map((m) => [`=${m.formula}`, `${String.fromCharCode(65 + m.area.col)}${m.area.row + 1}`]));
  expect(summary.protection).not.toBeNull();
  expect(register.protection).toBeNull();
  expect(fake.active?.name).toBe(REGISTER_SHEET);
  expect(fake.selected(REGISTER_SHEET)).toBe(`A${plan.firstRow + 1}`);
  await settle();
  expect(events).toEqual([]);
});

test('never over a sheet: taken names get "(2)"', async () => {
  const { fake, host, uninstall } = setup();
  done = uninstall;
  fake.addSheet(REGISTER_SHEET);
  fake.userEdit(REGISTER_SHEET, 'A1', '本单位自己的台账');
  expect(await host.insertLedger()).toEqual({ status: 'inserted', sheet: `${REGISTER_SHEET}(2)`, summary: SUMMARY_SHEET });
  expect(fake.sheetOrThrow(REGISTER_SHEET).peek(0, 0)?.value).toBe('本单位自己的台账');
  expect(fake.sheetOrThrow(REGISTER_SHEET).validations).toEqual([]);
});

test('registers found by meaning; a register read with one Value2 as a grid from A1; its edits a burst; a row selected', async () => {
  const { fake, host, uninstall } = setup();
  done = uninstall;
  fake.addSheet('登记');
  fake.userEdit('登记', 'C3:F4', [
    ['受理日期', '申请人类别', '办结日期', '答复结果'],
    [45355, '自然人', '2024-03-20', '予以公开'],
  ]);
  expect(await host.ledgerSheets()).toEqual([{ name: '登记', headerRow: 3 }]);
  const reads = fake.value2Reads;
  const grid = await host.readGrid('登记');
  expect(fake.value2Reads - reads).toBe(1);
  expect(grid[3]).toEqual([null, null, 45355, '自然人', '2024-03-20', '予以公开']);
  const bursts: EditBurst[] = [];
  const stop = await host.onEdit((b) => bursts.push(b));
  fake.userEdit('登记', 'C5', 45356);
  fake.userEdit('登记', 'D5', '商业企业');
  await settle();
  expect(bursts).toEqual([{ sheet: '登记', cells: 'unknown' }]);
  await stop();
  fake.userActivate('Sheet1');
  await host.selectRow('登记', 4);
  expect(fake.active?.name).toBe('登记');
  expect(fake.selected('登记')).toBe('C4:F4');
});

describe('the 插入台账 ribbon button (wps/ribbon.xml nbInsertLedger)', () => {
  function ribbonOver(fake: FakeEt): typeof import('../../src/wps/ribbon') {
    let ribbon!: typeof import('../../src/wps/ribbon');
    jest.isolateModules(() => {
      ribbon = require('../../src/wps/ribbon');
    });
    return ribbon;
  }

  test('is in ribbon.xml, inserts the register and opens the pane on it', async () => {
    const xml = require('fs').readFileSync(require('path').join(__dirname, '../../wps/ribbon.xml'), 'utf8') as string;
    expect(xml).toMatch(/<button id="nbInsertLedger" label="插入台账"[^>]*onAction="ribbon.OnAction"/);
    const { fake, uninstall } = setup();
    done = uninstall;
    const ribbon = ribbonOver(fake);
    expect(ribbon.LEDGER_BUTTON).toBe('nbInsertLedger');
    await ribbon.insertLedgerFromRibbon(fake.app);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', REGISTER_SHEET, SUMMARY_SHEET]);
    expect(fake.taskPanes).toHaveLength(1);
    const { takeNotice } = require('../../src/wps/notice') as typeof import('../../src/wps/notice');
    expect(takeNotice(fake.app)).toEqual({ kind: 'ledger', sheet: REGISTER_SHEET });
  });

  test('a failure opens the pane with a Chinese error, and leaves no half-drawn sheet', async () => {
    const { fake, uninstall } = setup();
    done = uninstall;
    fake.protectStructure = true;
    await ribbonOver(fake).insertLedgerFromRibbon(fake.app);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    const { takeNotice } = require('../../src/wps/notice') as typeof import('../../src/wps/notice');
    expect(takeNotice(fake.app)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^插入台账失败：.*工作簿结构受保护/) });
  });
});
