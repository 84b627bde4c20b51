/**
 * The preview computes the template's formulas itself; LibreOffice, a spreadsheet program
 * nobody here wrote, recalculates the same template written as .xlsx. Every check cell, the
 * summary and the title must read the same — including text the engine would read as a number
 * ("１２", " 12") or as 0 ("/"), where a native formula says 含文本 instead.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CellValue, Report } from '../../src/core/report';
import { a1, sheetPlan } from '../../src/core/sheet';
import { checkCellText, checkCellValue, summaryText, titleText } from '../../src/preview/native';
import { templateBuffer } from '../../src/xlsx/write';
import { recalculateWithLibreOffice } from '../helpers/libreoffice';
import { consistentReport, withCells } from '../helpers/reports';

const base = consistentReport(11, '木厂镇', 2024);
const cases: Record<string, Report> = {
  consistent: base,
  'off-by-two': withCells(base, { 'T3.R5.C2': (base.cells['T3.R5.C2'] as number) + 2 }),
  placeholder: withCells(base, { 'T3.R1.C1': '/', 'T4.R1.C2': '—' }),
  'full-width': withCells(base, { 'T3.R24.C3': '１２' }),
  spaces: withCells(base, { 'T3.R2.C4': ' 3' }),
  markup: withCells(base, { 'T3.R9.C7': '<img src=x onerror=alert(1)>' }),
  'blanks-and-negative': withCells(base, { 'T3.R1.C5': null, 'T3.R3.C6': -4, 'T4.R1.C15': null }),
  'no-year-no-body': { ...base, org: '', year: null },
};

const plan = sheetPlan();
const sheets = new Map<string, ExcelJS.Worksheet>();
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-preview-lo-'));
  const files: string[] = [];
  for (const [name, report] of Object.entries(cases)) {
    const file = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(file, await templateBuffer({ report, org: report.org, year: report.year }));
    files.push(file);
  }
  const outs = recalculateWithLibreOffice(files, path.join(dir, 'out'));
  for (const [i, name] of Object.keys(cases).entries()) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i]);
    sheets.set(name, wb.worksheets[0]);
  }
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function shown(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(a1(row, col)).value as ExcelJS.CellFormulaValue | string | number | null;
  const result = v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
  return result === null || result === undefined ? '' : String(result);
}

describe.each(Object.keys(cases))('%s', (name) => {
  const report = cases[name];
  const valueOf = (id: string) => (report.cells[id] ?? null) as CellValue;

  test('every check cell reads as LibreOffice computes it', () => {
    const ws = sheets.get(name)!;
    for (const c of plan.checks) {
      const where = `${c.rule} at ${a1(c.row, c.col)}`;
      expect([where, checkCellText(checkCellValue(c.equation, valueOf))]).toEqual([where, shown(ws, c.row, c.col)]);
    }
  });

  test('the summary and the title read as LibreOffice computes them', () => {
    const ws = sheets.get(name)!;
    expect(summaryText(plan.checks.map((c) => checkCellValue(c.equation, valueOf)))).toBe(shown(ws, plan.summary.row, plan.summary.col));
    expect(titleText(report.org, report.year)).toBe(shown(ws, 0, 0));
  });
});
