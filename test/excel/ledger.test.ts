/**
 * The register through Office.js (src/excel/ledger.ts behind src/excel/host.ts), over the strict
 * fake: the book's plan (src/ledger/sheet.ts) drawn as it says, never over a sheet; registers found
 * by their header's meaning; a register read in one sync as a grid from A1; its edits reaching the
 * pane as bursts and our own drawing not.
 */
import { ExcelHost } from '../../src/excel/host';
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { LEDGER_NAME, LEDGER_RESULTS_NAME, LEDGER_T3_NAME, LEDGER_YEAR_NAME, REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan } from '../../src/ledger/sheet';
import type { EditBurst } from '../../src/host/contract';
import { FakeExcel, areaAddress } from '../fakes/excel-fake';

const plan = ledgerPlan({ year: 2024 });
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function setup() {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1', { A1: '别人的数据' });
  return { fake, host: new ExcelHost(fake.run, { debounceMs: 20 }) };
}

test('插入台账 draws the plan: the register and its summary, names, validation, frozen header, print titles; the register shown', async () => {
  const { fake, host } = setup();
  const events: EditBurst[] = [];
  await host.onEdit((b) => events.push(b));
  expect(await host.insertLedger({ org: '木厂镇', year: 2024 })).toEqual({ status: 'inserted', sheet: REGISTER_SHEET, summary: SUMMARY_SHEET });
  const register = fake.sheet(REGISTER_SHEET);
  const summary = fake.sheet(SUMMARY_SHEET);
  LEDGER_COLUMNS.forEach((c, i) => expect(register.cellAt(plan.headerRow, i)?.value).toBe(c.label));
  expect(register.cellAt(0, 0)?.value).toBe(plan.register.cells[0].value!.toString().replace(/^/, '木厂镇'));
  // Every planned formula of the summary is there, as a formula.
  for (const c of plan.summary.cells.filter((x) => x.formula)) expect(summary.cellAt(c.row, c.col)?.formula).toBe(`=${c.formula!.replace(/'依申请公开台账'/g, `'${REGISTER_SHEET}'`)}`);
  expect(summary.cellAt(plan.year.row, plan.year.col)?.value).toBe(2024);
  // Names: the register's own, the result list it validates against, the summary's year and 表三.
  expect([...register.names.values()].map((n) => [n.name, n.sheet.name]).sort()).toEqual([
    [LEDGER_NAME, REGISTER_SHEET],
    [LEDGER_RESULTS_NAME, SUMMARY_SHEET],
  ]);
  expect([...summary.names.keys()].sort()).toEqual([LEDGER_T3_NAME, LEDGER_YEAR_NAME].sort());
  // Validation as planned: dates between the plan's days, the result column from its named list.
  expect(register.validations).toHaveLength(plan.register.validations.length);
  const result = register.validations.find((v) => v.area.col === plan.columnOf.result)!;
  expect(result.rule).toEqual({ list: { inCellDropDown: true, source: `=${LEDGER_RESULTS_NAME}` } });
  expect(register.validations.find((v) => v.area.col === plan.columnOf.received)!.rule).toEqual({ date: { formula1: '2000-01-01', formula2: '2100-12-31', operator: 'Between' } });
  expect(register.cellAt(plan.firstRow, plan.columnOf.received)?.numberFormat).toBe('yyyy-mm-dd');
  // The plan's marks, as conditional formats in the plan's order (the first on top).
  expect(register.conditionalFormats.map((f) => (f as unknown as { formula?: string; custom?: { formula: string } }).custom?.formula ?? (f as unknown as { formula?: string }).formula)).toHaveLength(plan.register.marks.length);
  expect(register.settings).toMatchObject({ freezeRows: plan.register.frozenRows, 'pageLayout.printTitleRows': '$3:$3', 'pageLayout.orientation': 'Landscape', 'pageLayout.printGridlines': true, autoFilter: areaAddress(plan.register.autoFilter!) });
  // The summary's labels and formulas are protected (no password); the register stays open.
  expect(summary.protection.protected).toBe(true);
  expect(summary.isLocked(plan.year.row, plan.year.col)).toBe(false);
  expect(register.protection.protected).toBe(false);
  expect(fake.activeSheet()?.name).toBe(REGISTER_SHEET);
  expect(fake.selection).toEqual({ sheet: REGISTER_SHEET, address: `A${plan.firstRow + 1}` });
  // Our own drawing is no edit.
  await settle();
  expect(events).toEqual([]);
  expect(fake.sheet('Sheet1').cell('A1').value).toBe('别人的数据');
});

test('never over a sheet: taken names get "(2)", the sheets there are left as they were', async () => {
  const { fake, host } = setup();
  fake.addSheet(REGISTER_SHEET, { A1: '本单位自己的台账' });
  const before = fake.sheet(REGISTER_SHEET).snapshot();
  expect(await host.insertLedger()).toEqual({ status: 'inserted', sheet: `${REGISTER_SHEET}(2)`, summary: SUMMARY_SHEET });
  expect(fake.sheet(REGISTER_SHEET).snapshot()).toEqual(before);
  // The summary counts the register it was inserted with.
  expect(String(fake.sheet(SUMMARY_SHEET).cellAt(plan.cellAt(1, 1).row, plan.cellAt(1, 1).col)?.formula)).toContain(`'${REGISTER_SHEET}(2)'!`);
});

test('registers are found by their header, under titles, in any order, with other words; other sheets are not', async () => {
  const { fake, host } = setup();
  fake.addSheet('2024年登记', { A1: '某某局依申请公开登记表', A2: '（单位：件）', B4: '受理日期', C4: '申请人类别', A4: '备注', D4: '办结日期', E4: '答复结果', B5: 45352 });
  fake.addSheet('通讯录', { A1: '姓名', B1: '电话' });
  await host.insertLedger();
  expect(await host.ledgerSheets()).toEqual([
    { name: '2024年登记', headerRow: 4 },
    { name: REGISTER_SHEET, headerRow: plan.headerRow + 1 },
  ]);
});

test('a register is read in one sync as a grid from A1: dates as serials, text as text, the rows before its used range empty', async () => {
  const { fake, host } = setup();
  fake.addSheet('登记', { C3: '收到日期', D3: '申请人类型', E3: '答复日期', F3: '办理结果', C4: 45355, D4: '自然人', E4: '2024-03-20', F4: '予以公开' });
  const before = fake.syncCount;
  const grid = await host.readGrid('登记');
  expect(fake.syncCount - before).toBe(1);
  expect(grid.length).toBe(4);
  expect(grid[0]).toEqual([]);
  expect(grid[2]).toEqual([null, null, '收到日期', '申请人类型', '答复日期', '办理结果']);
  expect(grid[3]).toEqual([null, null, 45355, '自然人', '2024-03-20', '予以公开']);
  expect(await host.readGrid('Sheet1')).toEqual([['别人的数据']]);
});

test("a register's edits reach the pane as a burst (cells unknown); a click selects its row across the register", async () => {
  const { fake, host } = setup();
  await host.insertLedger();
  await host.readGrid(REGISTER_SHEET);
  const bursts: EditBurst[] = [];
  const stop = await host.onEdit((b) => bursts.push(b));
  await fake.userEdit(REGISTER_SHEET, `C${plan.firstRow + 1}`, [[45355]]);
  await fake.userEdit(REGISTER_SHEET, `D${plan.firstRow + 1}`, [['自然人']]);
  await settle();
  expect(bursts).toEqual([{ sheet: REGISTER_SHEET, cells: 'unknown' }]);
  await fake.userEdit('Sheet1', 'B2', [[1]]);
  await settle();
  expect(bursts).toHaveLength(1);
  await stop();
  await fake.userActivate('Sheet1');
  await host.selectRow(REGISTER_SHEET, 5);
  expect(fake.activeSheet()?.name).toBe(REGISTER_SHEET);
  expect(fake.selection).toEqual({ sheet: REGISTER_SHEET, address: `A5:${String.fromCharCode(64 + LEDGER_COLUMNS.length)}5` });
});
