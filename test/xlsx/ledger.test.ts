/**
 * The register workbook as written: the plan's two sheets, their names scoped so the register's
 * list reads the summary's, validation on the prepared rows, whole-column formats, print
 * settings, Excel 2007 functions only; and the template's --ledger sheets beside the report.
 */
import ExcelJS from 'exceljs';
import { sheetTitle } from '../../src/core/sheet';
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { LEDGER_RESULTS_NAME, PREPARED_ROWS, REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan } from '../../src/ledger/sheet';
import { ledgerBuffer } from '../../src/xlsx/ledger';
import { readWorkbook } from '../../src/xlsx/read';
import { templateBuffer } from '../../src/xlsx/write';
import { EXCEL_2007, functionsIn } from '../helpers/excel2007';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

type Validations = Record<string, { type: string; formulae?: unknown[] }>;
const validationsOf = (ws: ExcelJS.Worksheet): Validations => (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;

/** The workbook's defined names as written: name, scope sheet and reference. */
async function definedNames(buffer: Buffer): Promise<string[]> {
  const JSZip = (await import('jszip')).default;
  const xml = await (await JSZip.loadAsync(buffer)).file('xl/workbook.xml')!.async('string');
  return [...xml.matchAll(/<definedName name="([^"]+)"(?: localSheetId="(\d+)")?[^>]*>([^<]+)</g)].map((m) => `${m[1]}@${m[2] ?? '-'}=${m[3].replace(/&apos;/g, "'")}`);
}

let blank: Buffer;
beforeAll(async () => {
  blank = await ledgerBuffer();
});

test('the blank register workbook holds the register and its summary, header frozen, prepared rows validated', async () => {
  const wb = await load(blank);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([REGISTER_SHEET, SUMMARY_SHEET]);
  const plan = ledgerPlan();
  const ws = wb.worksheets[0];
  expect(ws.getRow(plan.headerRow + 1).values).toEqual([undefined, ...LEDGER_COLUMNS.map((c) => c.label)]);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: plan.firstRow });
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', showGridLines: true });
  const last = plan.firstRow + PREPARED_ROWS;
  const v = validationsOf(ws);
  // exceljs reads a validated range back cell by cell.
  for (const row of [plan.firstRow + 1, last]) {
    expect(v[`C${row}`]).toMatchObject({ type: 'date' });
    expect(v[`O${row}`]).toMatchObject({ type: 'list', formulae: [LEDGER_RESULTS_NAME] });
    expect(v[`D${row}`]).toMatchObject({ type: 'list', formulae: ['"自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他"'] });
    expect(v[`H${row}`]).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(v[`P${row}`]).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(v[`G${row}`]).toBeUndefined();
  }
  expect(v[`C${last + 1}`]).toBeUndefined();
  expect(ws.getColumn(3).numFmt).toBe('yyyy-mm-dd');
  expect(ws.getColumn(2).numFmt).toBe('@');
  // Nothing written below the header: the printout is as long as the register.
  expect(ws.actualRowCount).toBe(plan.headerRow + 1);
});

test('the result list’s name is local to the register and reads the summary sheet; the others are local to their own sheet', async () => {
  expect(await definedNames(blank)).toEqual([
    `NB_LEDGER@0='${REGISTER_SHEET}'!$A$3:$Q$1003`,
    `NB_LEDGER_RESULTS@0='${SUMMARY_SHEET}'!$L$6:$L$26`,
    `NB_LEDGER_YEAR@1='${SUMMARY_SHEET}'!$B$2`,
    `NB_LEDGER_T3@1='${SUMMARY_SHEET}'!$A$5:$J$32`,
    `_xlnm.Print_Titles@0='${REGISTER_SHEET}'!$3:$3`,
    `_xlnm.Print_Area@1='${SUMMARY_SHEET}'!$A$1:$J$33`,
  ]);
});

test('every formula of the register workbook uses Excel 2007 functions only, no later prefix', async () => {
  const wb = await load(blank);
  const formulas: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas.push(cell.formula))));
  expect(formulas.length).toBe(ledgerPlan().summary.cells.filter((c) => c.formula).length);
  const cfs = (wb.worksheets[0] as unknown as { conditionalFormattings: { rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
  const marks = cfs.flatMap((cf) => cf.rules.flatMap((r) => r.formulae ?? []));
  expect(marks).toEqual(ledgerPlan().register.marks.map((m) => m.formula));
  formulas.push(...marks);
  const used = new Set(formulas.flatMap(functionsIn));
  expect([...used].filter((f) => !EXCEL_2007.has(f))).toEqual([]);
  expect([...used].sort()).toEqual(['AND', 'COUNT', 'COUNTA', 'COUNTIFS', 'DATE', 'IF', 'ISNUMBER', 'ISTEXT', 'SUM']);
  for (const f of formulas) expect(/_xl(?:fn|ws)\.|[#@]/.test(f.replace(/"(?:[^"]|"")*"/g, '""'))).toBe(false);
});

test('the summary is locked but its year cell, and it sets the year it was written for', async () => {
  const wb = await load(await ledgerBuffer({ year: 2025 }));
  const ws = wb.worksheets[1];
  expect(ws.getCell('B2').value).toBe(2025);
  expect(ws.getCell('B2').protection).toMatchObject({ locked: false });
  expect(ws.getCell('D8').formula).toMatch(/^IF\(ISNUMBER\(\$D\$2\),COUNTIFS/);
  expect(ws.getCell('D8').protection?.locked).not.toBe(false);
  expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
});

test('the template with --ledger adds the register beside the report, whose names and reading are unchanged', async () => {
  const buffer = await templateBuffer({ year: 2025, org: '沭阳县人民政府', ledger: true });
  const wb = await load(buffer);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([sheetTitle(2025), REGISTER_SHEET, SUMMARY_SHEET]);
  expect(wb.worksheets[2].getCell('B2').value).toBe(2025);
  expect(wb.worksheets[1].getCell('A1').value).toBe('沭阳县人民政府依申请公开登记台账');
  const names = await definedNames(buffer);
  expect(names.filter((n) => n.startsWith('NB_LEDGER_RESULTS'))).toEqual([`NB_LEDGER_RESULTS@1='${SUMMARY_SHEET}'!$L$6:$L$26`]);
  expect(names.filter((n) => n.startsWith('NB_T3_R1_C1@')).map((n) => n.split('!')[0])).toEqual([`NB_T3_R1_C1@0='${sheetTitle(2025)}'`]);
  // The summary shows 表三 with its official labels, but it is no report to check.
  const sheets = await readWorkbook(buffer);
  expect(sheets.map((s) => s.sheet)).toEqual([sheetTitle(2025)]);
  expect(sheets[0].findings).toEqual([]);
  const alone = await readWorkbook(await ledgerBuffer({ year: 2025 }));
  expect(alone.map((s) => s.findings.map((f) => f.rule))).toEqual([['layout.missing', 'layout.missing', 'layout.missing']]);
});

test('a second register in the same workbook gets its own sheet names, and its summary counts its own register', async () => {
  const wb = new ExcelJS.Workbook();
  const { addLedgerSheets } = await import('../../src/xlsx/ledger');
  addLedgerSheets(wb);
  const second = addLedgerSheets(wb);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([REGISTER_SHEET, SUMMARY_SHEET, `${REGISTER_SHEET}(2)`, `${SUMMARY_SHEET}(2)`]);
  expect(second.plan.summary.cells.find((c) => c.formula?.startsWith('IF(ISNUMBER($D$2),COUNTIFS'))!.formula).toContain(`'${REGISTER_SHEET}(2)'!$D:$D`);
});

test('the ledger core finds the written register’s header and every one of its columns, under the title and the note', async () => {
  const { findHeader } = await import('../../src/ledger');
  const wb = await load(blank);
  const ws = wb.worksheets[0];
  const grid: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    grid[r - 1] = LEDGER_COLUMNS.map((_, c) => {
      const v = row.getCell(c + 1).value;
      return typeof v === 'string' || typeof v === 'number' ? v : null;
    });
  });
  const header = findHeader(grid.map((r) => r ?? []));
  const plan = ledgerPlan();
  expect(header?.row).toBe(plan.headerRow + 1);
  expect(header?.columns).toEqual(plan.columnOf);
});
