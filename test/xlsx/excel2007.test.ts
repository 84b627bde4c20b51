/**
 * The template works in every Excel since 2007 (volume-licensed Excel 2016 and 2019 cannot run
 * the add-in; for them the workbook is the product), in WPS and in LibreOffice: every function
 * its formulas use — cells, marks, data validation, and the add-in's findings block — was already
 * in Excel 2007. No _xlfn. functions (added later), no dynamic arrays.
 */
import ExcelJS from 'exceljs';
import { sheetPlan } from '../../src/core/sheet';
import { templateBuffer } from '../../src/xlsx/write';
import { ADDIN_FUNCTIONS, EXCEL_2007, functionsIn } from '../helpers/excel2007';
import { consistentReport } from '../helpers/reports';

const plan = sheetPlan();
let written: { where: string; formula: string }[];

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateBuffer({ report: consistentReport(2) })) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  written = [];
  ws.eachRow((row) => row.eachCell((cell) => void (cell.formula && written.push({ where: cell.address, formula: cell.formula }))));
  const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
  for (const cf of cfs) for (const r of cf.rules) for (const f of r.formulae ?? []) written.push({ where: `conditional format ${cf.ref}`, formula: String(f) });
  const validations = ((ws as unknown as { dataValidations: unknown }).dataValidations as { model: Record<string, { formulae?: unknown[] }> }).model;
  for (const [where, dv] of Object.entries(validations)) for (const f of dv.formulae ?? []) written.push({ where: `validation ${where}`, formula: String(f) });
});

test('the check finds a newer function, and none inside text', () => {
  expect(functionsIn('IFS(A1>0,1)+XLOOKUP(1,A:A,B:B)+_xlfn.CONCAT(A1)').filter((f) => !EXCEL_2007.has(f))).toEqual(['IFS', 'XLOOKUP', '_XLFN.CONCAT']);
  expect(functionsIn('IF(A1="见（附件）",SUM(B1),0)')).toEqual(['IF', 'SUM']);
});

test('the written template holds its cell formulas, its marks and its validation', () => {
  expect(written.filter((w) => w.where.startsWith('conditional format')).map((w) => w.formula)).toEqual(plan.marks.map((m) => m.formula));
  expect(written.filter((w) => !/ /.test(w.where))).toHaveLength(plan.cells.filter((c) => c.formula).length);
  expect(written.some((w) => w.where.startsWith('validation'))).toBe(true);
});

test('every function the template uses was in Excel 2007', () => {
  const used = new Set(written.flatMap((w) => functionsIn(w.formula)));
  expect([...used].filter((f) => !EXCEL_2007.has(f))).toEqual([]);
  // What the template relies on, for a reader checking it against an old Excel.
  expect([...used].sort()).toEqual(
    ['ABS', 'AND', 'ASC', 'CLEAN', 'COUNT', 'COUNTA', 'COUNTIF', 'IF', 'INT', 'ISERROR', 'ISLOGICAL', 'ISNUMBER', 'ISTEXT', 'MATCH', 'NOT', 'OR', 'ROUND', 'SUBSTITUTE', 'SUM', 'TRIM', 'VALUE'].sort(),
  );
});

test('no later-version prefix, no dynamic-array operators', () => {
  for (const w of written) {
    const code = w.formula.replace(/"(?:[^"]|"")*"/g, '""');
    expect([w.where, /_xl(?:fn|ws)\./i.test(code), /[#@]/.test(code)]).toEqual([w.where, false, false]);
  }
});

test('the add-in’s findings block calls only its own function, inside IFERROR, besides Excel 2007 functions', () => {
  const used = functionsIn(plan.findings.formula);
  expect(used[0]).toBe('IFERROR');
  expect(used.filter((f) => !EXCEL_2007.has(f) && !ADDIN_FUNCTIONS.has(f))).toEqual([]);
  expect(plan.findings.formula).toMatch(/^IFERROR\(NIANBAO\.CHECK\(NB_T2,NB_T3,NB_T4\),"[^"]+"\)$/);
});
