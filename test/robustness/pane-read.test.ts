/**
 * The pane's entry point — reading a template sheet from Excel — against bad cells and damaged
 * workbooks: each gives a finding or an honest "not a template", never an exception or a pass.
 */
import { check } from '../../src/core/engine';
import { sheetTitle, tableName } from '../../src/core/sheet';
import { ExcelHost } from '../../src/excel/host';
import { FakeExcel, Scalar } from '../fakes/excel-fake';
import { BAD_VALUES } from '../helpers/bad-values';
import { consistentReport } from '../helpers/reports';
import { inputA1 as at } from '../helpers/template';

const TITLE = sheetTitle(2024);

async function filled(changes: Record<string, Scalar> = {}) {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  const host = new ExcelHost(fake.run, { disableTrustUX: async () => undefined });
  await host.insertTemplate({ org: '某局', year: 2024 });
  const report = consistentReport(31, '某局', 2024);
  for (const [id, v] of Object.entries({ ...report.cells, ...changes })) await fake.userEdit(TITLE, at(id), [[v as Scalar]]);
  return { fake, host };
}

async function rules(host: ExcelHost, sheet = TITLE): Promise<string[]> {
  const read = await host.read(sheet);
  return [...read.findings, ...check(read.report, { unreadable: read.unreadable })].map((f) => `${f.rule}:${f.cells.join(',')}`);
}

test('a consistent report read from the sheet has no findings', async () => {
  const { host } = await filled();
  expect(await rules(host)).toEqual([]);
});

test.each(BAD_VALUES)('%s in a cell gives %s', async (_, value, rule) => {
  const { host } = await filled({ 'T3.R6.C3': value });
  expect(await rules(host)).toContain(`${rule}:T3.R6.C3`);
});

test('a template sheet whose table names were removed is not read as a blank report', async () => {
  const { fake, host } = await filled();
  const sheet = fake.sheet(TITLE);
  for (const t of ['T2', 'T3', 'T4'] as const) {
    sheet.names.delete(tableName(t));
    fake.model.names.delete(tableName(t));
  }
  const read = await host.read(TITLE);
  expect(read.isTemplate).toBe(false);
  expect(read.findings.map((f) => f.rule)).toEqual(['layout.missing', 'layout.missing', 'layout.missing']);
});

test('a row deleted inside 表三 (its name one row shorter) gives layout.shape and leaves 表三 unchecked', async () => {
  const { fake, host } = await filled();
  const name = fake.sheet(TITLE).names.get(tableName('T3'))!;
  name.area = { ...name.area, rows: name.area.rows - 1 };
  const found = await rules(host);
  expect(found).toContain('layout.shape:');
  expect(found.some((r) => r.startsWith('T3.'))).toBe(false);
});

test('two templates in one workbook are listed, each read on its own', async () => {
  const { host } = await filled();
  await host.insertTemplate({ org: '某局', year: 2023 });
  const { sheets } = await host.templates();
  expect(sheets.map((s) => s.year).sort()).toEqual([2023, 2024]);
  expect((await host.read(sheetTitle(2023))).report.cells['T3.R1.C1']).toBeNull();
  expect((await host.read(TITLE)).report.cells['T3.R1.C1']).not.toBeNull();
});
