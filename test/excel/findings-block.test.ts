/// <reference types="office-js" />
/**
 * The findings block as an explicit choice: added and removed through the Excel host on the
 * strict fake, writing unlocked cells only, never over a cell of the user's, and lifting
 * protection only for an earlier version's template (where it must, and says so).
 */
import { sheetPlan, sheetTitle } from '../../src/core/sheet';
import { blockArea } from '../../src/excel/findings-block';
import { ExcelHost } from '../../src/excel/host';
import { findingsBlock } from '../../src/excel/template';
import { FakeExcel, FakeExcelOptions } from '../fakes/excel-fake';

const TITLE = sheetTitle(2024);
const plan = sheetPlan('木厂镇', 2024);
const area = plan.findings.area;

async function setup(excel: FakeExcelOptions = { sets: { ExcelUndoApiAll: '1.0' } }) {
  const fake = new FakeExcel(excel);
  fake.addSheet('Sheet1');
  const disableTrustUX = jest.fn().mockResolvedValue(true);
  const host = new ExcelHost(fake.run, { isSetSupported: fake.isSetSupported, disableTrustUX });
  await host.insertTemplate({ org: '木厂镇', year: 2024 });
  disableTrustUX.mockClear();
  return { fake, host, disableTrustUX };
}

const formulaAt = (fake: FakeExcel) => fake.sheet(TITLE).cellAt(area.row + 1, area.col)?.formula ?? '';

test('absent after insertion; added on request without lifting protection or clearing undo where ExcelUndoApiAll is there', async () => {
  const { fake, host, disableTrustUX } = await setup();
  expect(await host.findingsBlock(TITLE)).toBe(false);
  const clears = fake.undoClears;
  expect(await host.setFindingsBlock(TITLE, true)).toEqual({ present: true, liftedProtection: false });
  expect(formulaAt(fake)).toBe(findingsBlock(plan).formula);
  plan.findings.header.forEach((h, i) => expect(fake.sheet(TITLE).cellAt(area.row, area.col + i)?.value).toBe(h));
  expect(fake.undoClears).toBe(clears);
  expect(fake.sheet(TITLE).protection.protected).toBe(true);
  expect(fake.model.enableEvents).toBe(true);
  // A workbook that calls the custom function is marked like an inserted one (no trust prompt for colleagues).
  expect(disableTrustUX).toHaveBeenCalledTimes(1);
  expect(await host.findingsBlock(TITLE)).toBe(true);
  // Asked again: nothing to do, nothing written.
  const writes = fake.writeBatches().length;
  await host.setFindingsBlock(TITLE, true);
  expect(fake.writeBatches()).toHaveLength(writes);
});

test('removed on request: the block’s cells blank again', async () => {
  const { fake, host } = await setup();
  await host.setFindingsBlock(TITLE, true);
  expect(await host.setFindingsBlock(TITLE, false)).toEqual({ present: false, liftedProtection: false });
  for (let r = area.row; r < area.row + area.rows; r++) for (let c = area.col; c < area.col + area.cols; c++) expect(fake.sheet(TITLE).cellAt(r, c)?.value ?? '').toBe('');
  expect(await host.findingsBlock(TITLE)).toBe(false);
});

test('without ExcelUndoApiAll the write clears undo (the pane warns before)', async () => {
  const { fake, host } = await setup({});
  const clears = fake.undoClears;
  await host.setFindingsBlock(TITLE, true);
  expect(fake.undoClears).toBeGreaterThan(clears);
});

test('a cell of the user’s where the block goes: refused with a sentence naming the cells, nothing changed', async () => {
  const { fake, host } = await setup();
  await fake.userEdit(TITLE, 'B' + (area.row + 1), [['我的备注']]);
  const writes = fake.writeBatches().length;
  await expect(host.setFindingsBlock(TITLE, true)).rejects.toThrow(/已有其他内容/);
  expect(fake.writeBatches()).toHaveLength(writes);
  expect(fake.sheet(TITLE).cellAt(area.row, 1)?.value).toBe('我的备注');
  // Nor is the user's text taken out by a removal.
  await expect(host.setFindingsBlock(TITLE, false)).rejects.toThrow(/已有其他内容/);
});

test('an earlier version’s template (block cells locked): protection is lifted for the write and restored, and the outcome says so', async () => {
  const { fake, host } = await setup();
  const sheet = fake.sheet(TITLE);
  for (let r = area.row; r < area.row + area.rows; r++) for (let c = area.col; c < area.col + area.cols; c++) sheet.touch(r, c).locked = true;
  const options = JSON.stringify(sheet.protection);
  expect(await host.setFindingsBlock(TITLE, true)).toEqual({ present: true, liftedProtection: true });
  expect(formulaAt(fake)).toBe(findingsBlock(plan).formula);
  expect(sheet.protection).toMatchObject({ protected: true });
  expect(JSON.stringify(sheet.protection.options ?? {}).length).toBeGreaterThanOrEqual(JSON.stringify(JSON.parse(options).options ?? {}).length);
  expect(fake.undoClearedBy).toEqual(expect.arrayContaining(['WorksheetProtection.unprotect', 'WorksheetProtection.protect']));
  expect(fake.model.enableEvents).toBe(true);
});

test('the block follows table 4 when rows or columns were inserted above or before it', () => {
  const t4 = plan.tables.T4;
  const moved = blockArea({ T4: { ...t4, row: t4.row + 3, col: t4.col + 1, address: '' } }, plan);
  expect(moved).toEqual({ ...area, row: area.row + 3, col: area.col + 1 });
  expect(blockArea({}, plan)).toBeNull();
});
