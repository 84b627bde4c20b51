/**
 * The template's native check formulas, recalculated by LibreOffice, agree with the engine on
 * every rule instance — for consistent reports and for broken ones.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../../src/core/engine';
import { Report } from '../../src/core/report';
import { PASS_MARK, TEXT_MARK, a1, sheetPlan } from '../../src/core/sheet';
import { TABLES, TABLE_IDS } from '../../src/core/tables';
import { cellValueOf, readWorkbook } from '../../src/xlsx/read';
import { templateBuffer } from '../../src/xlsx/write';
import { recalculateWithLibreOffice } from '../helpers/libreoffice';
import { consistentReport, fixture, withCells } from '../helpers/reports';

const county = fixture('shuyang-county-2025.json');
const cases: Record<string, Report> = {
  'county-2025': county,
  'fgj-2023-blanks': fixture('shuyang-fgj-2023.json'),
  'seed-1': consistentReport(1),
  'seed-2': consistentReport(2),
  'total-off-by-one': withCells(county, { 'T3.R24.C7': 719 }),
  'received-changed': withCells(county, { 'T3.R1.C1': 700 }),
  'detail-changed': withCells(county, { 'T3.R9.C2': 4 }),
  't4-group': withCells(county, { 'T4.R1.C12': 2, 'T4.R1.C3': 0 }),
  'text-in-cell': withCells(county, { 'T3.R1.C2': '22（其中修订16件）' }),
  'negative-and-fraction': withCells(county, { 'T3.R3.C2': -3, 'T3.R4.C3': 1.5 }),
  'carry-out-blank': withCells(county, { 'T3.R25.C1': null }),
};

let dir: string;
const recalculated = new Map<string, ExcelJS.Worksheet>();
const recalculatedFiles = new Map<string, string>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-'));
  const files: string[] = [];
  for (const [name, report] of Object.entries(cases)) {
    const file = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(file, await templateBuffer({ report }));
    files.push(file);
  }
  const outs = recalculateWithLibreOffice(files, path.join(dir, 'out'));
  for (const [i, name] of Object.keys(cases).entries()) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i]);
    recalculated.set(name, wb.worksheets[0]);
    recalculatedFiles.set(name, outs[i]);
  }
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function result(ws: ExcelJS.Worksheet, row: number, col: number): unknown {
  const v = ws.getCell(a1(row, col)).value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === 'object' && 'result' in v ? v.result : v;
}

const plan = sheetPlan();

describe.each(Object.keys(cases))('LibreOffice recalculates %s', (name) => {
  test('every native check cell agrees with the engine', () => {
    const report = cases[name];
    const ws = recalculated.get(name)!;
    const findings = check(report);
    for (const c of plan.checks) {
      const operands = [...c.equation.lhs, ...c.equation.rhs].map((t) => report.cells[t.cell]);
      const native = result(ws, c.row, c.col);
      const finding = findings.find((f) => f.rule === c.rule && f.anchor?.table === c.equation.anchor.table && f.anchor.index === c.equation.anchor.index);
      const where = `${c.rule} ${JSON.stringify(c.equation.anchor)} at ${a1(c.row, c.col)}`;
      if (operands.some((v) => typeof v === 'string')) {
        expect([where, native]).toEqual([where, TEXT_MARK]);
      } else if (finding) {
        expect([where, native]).toEqual([where, finding.difference]);
      } else {
        expect([where, native]).toEqual([where, PASS_MARK]);
      }
    }
  });

  test('the summary cell says all passed exactly when the engine finds no equation error', () => {
    const report = cases[name];
    const summary = String(result(recalculated.get(name)!, plan.summary.row, plan.summary.col));
    const equationFindings = check(report).filter((f) => f.anchor && !f.rule.startsWith('prior.'));
    const anyText = Object.values(report.cells).some((v) => typeof v === 'string');
    if (equationFindings.length === 0 && !anyText) expect(summary).toBe(`${PASS_MARK} 全部勾稽关系通过（${plan.checkCount}条）`);
    else expect(summary).toMatch(/^✗ \d+ 条勾稽关系不成立/);
  });

  test('the file LibreOffice saved reads back as the same report', async () => {
    const [sheet] = await readWorkbook(fs.readFileSync(recalculatedFiles.get(name)!));
    const expected = cases[name];
    for (const [id, v] of Object.entries(expected.cells)) expect([id, sheet.report.cells[id]]).toEqual([id, v]);
    expect(sheet.report.year).toBe(expected.year);
    expect(sheet.report.org).toBe(expected.org);
    expect(sheet.findings).toEqual([]);
  });
});

test('the template opened in LibreOffice shows every official label in place', () => {
  const ws = recalculated.get('county-2025')!;
  for (const t of TABLE_IDS) {
    const origin = plan.tables[t];
    for (const label of TABLES[t].labels) {
      expect([t, label.text, cellValueOf(ws.getCell(a1(origin.row + label.r, origin.col + label.c)))]).toEqual([t, label.text, label.text]);
    }
  }
  expect(result(ws, 0, 0)).toBe('沭阳县人民政府2025年政府信息公开工作年度报告');
});
