/** The .xlsx template: the plan drawn faithfully, and read back through names or labels. */
import ExcelJS from 'exceljs';
import { ORG_NAME, YEAR_NAME, a1, areaA1, cellName, inputPosition, sheetPlan, tableName } from '../../src/core/sheet';
import { CELL_IDS, TABLES, TABLE_IDS } from '../../src/core/tables';
import { readWorkbook, templatesIn } from '../../src/xlsx/read';
import { addTemplateSheet, templateBuffer, templateWorkbook } from '../../src/xlsx/write';
import { consistentReport, fixture } from '../helpers/reports';

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return again;
}

describe('the written template', () => {
  let ws: ExcelJS.Worksheet;
  let wb: ExcelJS.Workbook;
  const plan = sheetPlan('木厂镇', 2024);

  beforeAll(async () => {
    wb = await reload(templateWorkbook({ org: '木厂镇', year: 2024 }));
    ws = wb.worksheets[0];
  });

  test('is one sheet named after the year', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2024年政府信息公开年报']);
  });

  test('has every official label at its planned place', () => {
    for (const t of TABLE_IDS) {
      for (const label of TABLES[t].labels) {
        expect(ws.getCell(a1(plan.tables[t].row + label.r, label.c)).value).toBe(label.text);
      }
    }
  });

  test('merges exactly the planned regions', () => {
    const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
    const planned = plan.merges.map((m) => `${a1(m.r1, m.c1)}:${a1(m.r2, m.c2)}`).sort();
    expect(merges).toEqual(planned);
  });

  test('defines a name for every input cell, each table, the org and the year', () => {
    const names = (wb.definedNames.model as { name: string; ranges: string[] }[]).map((n) => n.name).sort();
    expect(names).toEqual([...CELL_IDS.map(cellName), ...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME].sort());
    const t3 = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === 'NB_T3')!;
    expect(t3.ranges).toEqual([`'2024年政府信息公开年报'!${areaA1(plan.tables.T3, true)}`]);
  });

  test('unlocks input cells and validates them; labels stay locked under a password-less protection', () => {
    for (const id of ['T3.R1.C1', 'T2.R6.C1', 'T4.R1.C15']) {
      const at = inputPosition(plan, id);
      const cell = ws.getCell(a1(at.row, at.col));
      expect(cell.protection?.locked).toBe(false);
      expect(cell.dataValidation?.type).toBe(id === 'T2.R6.C1' ? 'decimal' : 'whole');
    }
    expect(ws.getCell(a1(plan.tables.T3.row, 0)).protection?.locked).not.toBe(false);
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(protection.hashValue).toBeUndefined();
  });

  test('puts a native formula in every check cell', () => {
    for (const c of plan.checks) expect((ws.getCell(a1(c.row, c.col)).value as ExcelJS.CellFormulaValue).formula).toBe(c.formula);
  });
});

describe('reading templates back', () => {
  test('a filled template reads back as the same report', async () => {
    const report = fixture('shuyang-county-2025.json');
    const [sheet] = await readWorkbook(await templateBuffer({ report }));
    expect(sheet.report).toEqual(report);
    expect(sheet.findings).toEqual([]);
    expect(sheet.addresses['T3.R1.C1']).toBe('D24');
  });

  test('text, blanks and Excel errors come back as typed', async () => {
    const report = { ...consistentReport(3), cells: { ...consistentReport(3).cells, 'T3.R1.C1': '１２', 'T3.R2.C1': null, 'T3.R3.C1': '/' } };
    const [sheet] = await readWorkbook(await templateBuffer({ report }));
    expect(sheet.report.cells['T3.R1.C1']).toBe('１２');
    expect(sheet.report.cells['T3.R2.C1']).toBeNull();
    expect(sheet.report.cells['T3.R3.C1']).toBe('/');
  });

  test('tables are found through their names after rows are inserted above and the sheet is renamed', async () => {
    const report = consistentReport(4);
    const wb = templateWorkbook({ report });
    const ws = wb.worksheets[0];
    // Move every cell three rows down, as inserting rows above would (values only: merges and
    // styles do not matter to the reader).
    ws.unMergeCells('A1:O200');
    for (let r = 200; r >= 1; r--) {
      for (let c = 1; c <= 15; c++) {
        ws.getCell(r + 3, c).value = ws.getCell(r, c).value;
        ws.getCell(r, c).value = null;
      }
    }
    ws.name = '改过名字的表';
    // What Excel does to names when rows are inserted and a sheet renamed:
    const model = wb.definedNames.model as { name: string; ranges: string[] }[];
    wb.definedNames.model = model.map((n) => ({
      name: n.name,
      ranges: n.ranges.map((r) => r.replace(/^'[^']+'/, "'改过名字的表'").replace(/\$(\d+)/g, (_, d) => `$${Number(d) + 3}`)),
    }));
    const [sheet] = templatesIn(await reload(wb));
    expect(sheet.sheet).toBe('改过名字的表');
    expect(sheet.report.cells).toEqual(report.cells);
    expect(sheet.addresses['T3.R1.C1']).toBe('D27');
  });

  test('without names, tables are found by their official labels', async () => {
    const report = consistentReport(5, '某县人民政府', 2023);
    const wb = templateWorkbook({ report });
    wb.definedNames.model = [];
    const [sheet] = templatesIn(await reload(wb));
    expect(sheet.report.cells).toEqual(report.cells);
    expect(sheet.report.year).toBe(2023);
    expect(sheet.report.org).toBe('某县人民政府');
  });

  test('a workbook of another layout gives layout.missing findings for all three tables', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '工资表';
    const [sheet] = templatesIn(await reload(wb));
    expect(sheet.findings.map((f) => [f.rule, f.table])).toEqual([
      ['layout.missing', 'T2'],
      ['layout.missing', 'T3'],
      ['layout.missing', 'T4'],
    ]);
    expect(sheet.unreadable).toEqual(['T2', 'T3', 'T4']);
  });

  test('a row deleted inside a table gives layout.shape, not a silent pass', async () => {
    const wb = templateWorkbook({ report: consistentReport(6) });
    const model = wb.definedNames.model as { name: string; ranges: string[] }[];
    wb.definedNames.model = model.map((n) => (n.name === 'NB_T3' ? { name: n.name, ranges: [n.ranges[0].replace('$48', '$47')] } : n));
    const [sheet] = templatesIn(await reload(wb));
    expect(sheet.findings.map((f) => f.rule)).toEqual(['layout.shape']);
    expect(sheet.unreadable).toEqual(['T3']);
  });

  test('broken files give a Chinese ReadError', async () => {
    await expect(readWorkbook(Buffer.alloc(0))).rejects.toThrow('文件是空的');
    await expect(readWorkbook(Buffer.from('hello'))).rejects.toThrow('不是 .xlsx 文件');
    const good = await templateBuffer();
    await expect(readWorkbook(good.subarray(0, good.length >> 1))).rejects.toThrow('已损坏');
  });
});

describe('names are scoped to their sheet, as the add-in defines them', () => {
  test('each of two templates in one workbook carries its own NB_ names', async () => {
    const JSZip = (await import('jszip')).default;
    const wb = new ExcelJS.Workbook();
    addTemplateSheet(wb, { year: 2023 });
    addTemplateSheet(wb, { year: 2024 });
    const xml = await (await JSZip.loadAsync(await wb.xlsx.writeBuffer())).file('xl/workbook.xml')!.async('string');
    const t3 = [...xml.matchAll(/<definedName name="NB_T3"([^>]*)>([^<]*)</g)].map((m) => [m[1].trim(), m[2]]);
    expect(t3).toEqual([
      ['localSheetId="0"', '&apos;2023年政府信息公开年报&apos;!$A$21:$J$48'],
      ['localSheetId="1"', '&apos;2024年政府信息公开年报&apos;!$A$21:$J$48'],
    ]);
    const sheets = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['2023年政府信息公开年报', '2024年政府信息公开年报']);
  });
});
