/// <reference types="office-js" />
import { checkGridReport } from '../../src/core/engine';
import { renderFinding } from '../../src/core/render';
import { a1, areaA1, sheetPlan, sheetTitle, tableName } from '../../src/core/sheet';
import { INPUT_CELLS, TABLE_IDS } from '../../src/core/tables';
import { readTemplateSheet, refOnSheet } from '../../src/excel/read';
import { insertTemplate } from '../../src/excel/template';
import { check as checkFunction } from '../../src/functions/functions';
import { FakeExcel, areaAddress } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

const TITLE = sheetTitle(2024);
const plan = sheetPlan('木厂镇', 2024);

async function withTemplate(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  await insertTemplate(fake.asContext(), { org: '木厂镇', year: 2024 });
  return fake;
}


describe('readTemplateSheet', () => {
  test('an inserted template reads back clean: no layout findings, org and year, every input address', async () => {
    const fake = await withTemplate();
    const read = await readTemplateSheet(fake.asContext());
    expect(read.sheet).toBe(TITLE);
    expect(read.isTemplate).toBe(true);
    expect(read.findings).toEqual([]);
    expect(read.unreadable).toEqual([]);
    expect(read.report.org).toBe('木厂镇');
    expect(read.report.year).toBe(2024);
    expect(Object.keys(read.addresses)).toHaveLength(INPUT_CELLS.length);
    for (const c of INPUT_CELLS) expect(read.addresses[c.id]).toBe(at(c.id));
    // Blank inputs read as blank: the pane reports them, unlike the custom functions.
    const findings = checkGridReport(read);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['cell.blank']));
    expect(findings).toHaveLength(INPUT_CELLS.length);
  });

  test('one sync: names on the sheet and in the workbook, with their ranges, are asked for in one batch', async () => {
    const fake = await withTemplate();
    const before = fake.syncCount;
    const read = await readTemplateSheet(fake.asContext(), TITLE);
    expect(fake.syncCount - before).toBe(1);
    expect(read.sheetId).toBe(fake.sheet(TITLE).id);
    expect(read.areas.T3).toMatchObject({ row: plan.tables.T3.row, col: plan.tables.T3.col, rows: plan.tables.T3.rows, cols: plan.tables.T3.cols, address: areaA1(plan.tables.T3) });
    expect(read.areas.YEAR).toMatchObject({ row: plan.year.row, col: plan.year.col });
  });

  test('a wrong number typed into the template shows its finding', async () => {
    const fake = await withTemplate();
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[5]]);
    const read = await readTemplateSheet(fake.asContext(), TITLE);
    const balance = checkGridReport(read).filter((f) => f.rule === 'T3.balance');
    expect(balance.map(renderFinding)).toEqual(['表三“自然人”列：第一项+第二项=5，（七）总计+第四项=0，相差5']);
  });

  test('a sheet without our names is not a template, and each table is reported missing', async () => {
    const fake = await withTemplate();
    fake.addSheet('别的表', { A1: 1 });
    fake.model.activeSheetId = fake.sheet('别的表').id;
    const read = await readTemplateSheet(fake.asContext());
    expect(read.isTemplate).toBe(false);
    expect(read.findings.map((f) => [f.rule, f.table])).toEqual(TABLE_IDS.map((t) => ['layout.missing', t]));
    expect(renderFinding(read.findings[0])).toBe(`未找到表二：工作表“别的表”中没有名称 ${tableName('T2')}`);
  });

  test('a changed label is a layout warning', async () => {
    const fake = await withTemplate();
    const sheet = fake.sheet(TITLE);
    sheet.protection = { protected: false };
    const t3 = plan.tables.T3;
    await fake.userEdit(TITLE, a1(t3.row + 3, t3.col), [['一、新收申请']]);
    const read = await readTemplateSheet(fake.asContext(), TITLE);
    expect(read.findings.map((f) => f.rule)).toEqual(['layout.label']);
  });

  test('workbook-scoped names (files from the xlsx writer) are found on their sheet', async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet('年报');
    const t3 = plan.tables.T3;
    // Write T3's labels by drawing a template, then move its names to workbook scope.
    await insertTemplate(fake.asContext(), { year: 2024 });
    const inserted = fake.sheet(TITLE);
    for (const [key, n] of inserted.names) fake.model.names.set(key, { ...n });
    inserted.names.clear();
    fake.model.activeSheetId = inserted.id;
    const read = await readTemplateSheet(fake.asContext());
    expect(read.isTemplate).toBe(true);
    expect(read.findings).toEqual([]);
    expect(read.addresses['T3.R1.C1']).toBe(a1(t3.row + 3, t3.col + 3));
    expect(sheet.names.size).toBe(0);
  });

  test('refOnSheet picks the part of a name on the sheet, quoted or not', () => {
    expect(refOnSheet("='2024年 报'!$A$5:$D$18", '2024年 报')).toMatchObject({ row: 4, col: 0, rows: 14, cols: 4, address: 'A5:D18' });
    expect(refOnSheet('=甲!$B$2,乙!$C$3', '乙')).toMatchObject({ row: 2, col: 2, rows: 1, cols: 1 });
    expect(refOnSheet('=甲!$B$2', '乙')).toBeNull();
    expect(refOnSheet('=$F$2', 'x')).toMatchObject({ row: 1, col: 5 });
    expect(refOnSheet("='it''s'!A1", "it's")).toMatchObject({ row: 0, col: 0 });
  });
});

describe('end to end without Excel: the findings block of an inserted sheet', () => {
  /** What Excel would pass NIANBAO.CHECK: the values of the three named tables (blank as null, as on the web). */
  function argumentsOf(fake: FakeExcel, blank: null | 0): unknown[][][] {
    const sheet = fake.sheet(TITLE);
    return TABLE_IDS.map((t) => fake.valuesAt(TITLE, sheet.names.get(tableName(t))!.area).map((row) => row.map((v) => (v === '' ? blank : v))));
  }

  test.each([
    ['web (blank as null)', null],
    ['desktop (blank as 0)', 0],
  ] as const)('a fresh template passes on %s; a wrong number appears as its finding', async (_host, blank) => {
    const fake = await withTemplate();
    const [t2, t3, t4] = argumentsOf(fake, blank);
    expect(checkFunction(t2, t3, t4)).toEqual([['✓ 全部勾稽关系通过（42条）']]);

    await fake.userEdit(TITLE, at('T3.R1.C7'), [[3]]);
    const [u2, u3, u4] = argumentsOf(fake, blank);
    const rows = checkFunction(u2, u3, u4);
    expect(rows).toContainEqual(['错误：表三平衡关系', '表三“总计”列', '表三“总计”列：第一项+第二项=3，（七）总计+第四项=0，相差3']);
    expect(rows).toContainEqual(['错误：表三申请人合计', '表三“一、本年新收政府信息公开申请数量”行', expect.stringContaining('相差3')]);
    expect(rows.every((r) => r.length === 3)).toBe(true);
  });

  test('the table names cover exactly the planned table areas', async () => {
    const fake = await withTemplate();
    for (const t of TABLE_IDS) expect(areaAddress(fake.sheet(TITLE).names.get(tableName(t))!.area)).toBe(areaA1(plan.tables[t]));
  });
});
