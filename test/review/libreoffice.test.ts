/**
 * The review workbook opened by a spreadsheet program nobody here wrote: LibreOffice recalculates
 * the 汇总's native checks, and they agree with the engine on the summed report — balanced when
 * every report balances, not when one does not. Its links to 问题清单 survive the round trip.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { review } from '../../src/cli/review';
import { check } from '../../src/core/engine';
import { Report } from '../../src/core/report';
import { PASS_MARK, TEXT_MARK, a1, sheetPlan } from '../../src/core/sheet';
import { readZipTexts } from '../../src/io/zip';
import { inflateNode } from '../../src/io/inflate-node';
import { readWorkbook } from '../../src/xlsx/read';
import { recalculateWithLibreOffice } from '../helpers/libreoffice';
import { consistentReport, withCells } from '../helpers/reports';

const broken = consistentReport(23, '丙局', 2024);
const CASES: Record<string, Report[]> = {
  balanced: [consistentReport(21, '甲局', 2024), consistentReport(22, '乙局', 2024), withCells(consistentReport(24, '丁局', 2024), { 'T2.R1.C1': '/' })],
  unbalanced: [consistentReport(21, '甲局', 2024), withCells(broken, { 'T3.R24.C7': (broken.cells['T3.R24.C7'] as number) + 1, 'T4.R1.C5': 99 })],
};

let dir: string;
const sums = new Map<string, Report>();
const recalculated = new Map<string, string>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-lo-'));
  const outs: string[] = [];
  for (const [name, reports] of Object.entries(CASES)) {
    const inbox = path.join(dir, name);
    fs.mkdirSync(inbox);
    reports.forEach((r, i) => fs.writeFileSync(path.join(inbox, `${i}.json`), JSON.stringify(r)));
    const out = path.join(dir, `${name}.xlsx`);
    await review([inbox, '--out', out], { out: () => undefined, err: () => undefined, isTTY: false });
    const [sum] = await readWorkbook(fs.readFileSync(out));
    sums.set(name, sum.report);
    outs.push(out);
  }
  const converted = recalculateWithLibreOffice(outs, path.join(dir, 'lo'));
  Object.keys(CASES).forEach((name, i) => recalculated.set(name, converted[i]));
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const plan = sheetPlan();

function result(ws: ExcelJS.Worksheet, row: number, col: number): unknown {
  const v = ws.getCell(a1(row, col)).value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === 'object' && 'result' in v ? v.result : v;
}

describe.each(Object.keys(CASES))('LibreOffice recalculates the 汇总 of the %s case', (name) => {
  test('every native check cell agrees with the engine on the summed report', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated.get(name)!);
    const ws = wb.getWorksheet('汇总')!;
    const total = sums.get(name)!;
    const findings = check(total);
    let failing = 0;
    for (const c of plan.checks) {
      const native = result(ws, c.row, c.col);
      const finding = findings.find((f) => f.rule === c.rule && f.anchor?.table === c.equation.anchor.table && f.anchor.index === c.equation.anchor.index);
      const operands = [...c.equation.lhs, ...c.equation.rhs].map((t) => total.cells[t.cell]);
      const where = `${c.rule} ${JSON.stringify(c.equation.anchor)} at ${a1(c.row, c.col)}`;
      if (operands.some((v) => typeof v === 'string')) expect([where, native]).toEqual([where, TEXT_MARK]);
      else if (finding) expect([where, native]).toEqual([where, finding.difference]);
      else expect([where, native]).toEqual([where, PASS_MARK]);
      if (native !== PASS_MARK) failing++;
    }
    const summary = String(result(ws, plan.summary.row, plan.summary.col));
    if (name === 'balanced') {
      expect(failing).toBe(0);
      expect(summary).toBe(`${PASS_MARK} 全部勾稽关系通过（${plan.checks.length}条）`);
    } else {
      expect(failing).toBeGreaterThan(0);
      expect(summary).toBe(`✗ ${failing} 条勾稽关系不成立或含文本`);
    }
  });

  test('LibreOffice keeps the autofilters, and the links from 审核结果 to 问题清单', async () => {
    const file = recalculated.get(name)!;
    const texts = await readZipTexts(new Uint8Array(fs.readFileSync(file)), (n) => n.startsWith('xl/worksheets/'), inflateNode);
    const sheet = (texts.get('xl/worksheets/sheet1.xml') ?? '').replace(/&apos;/g, "'");
    const rows = CASES[name].length + 1;
    expect(sheet).toContain(`<autoFilter ref="A1:M${rows}"`);
    expect(texts.get('xl/worksheets/sheet2.xml')).toMatch(/<autoFilter ref="A1:G\d+"/);
    // The first report with findings (the broken one, or the one with a placeholder) links to the first finding.
    expect(sheet).toMatch(/<hyperlink ref="A\d" location="'问题清单'!A2"/);
  });
});
