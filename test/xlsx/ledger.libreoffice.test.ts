/**
 * The register's native summary, recalculated by LibreOffice, is the 表三 the ledger core compiles
 * from the same register, cell by cell: random registers (fast-check) whose applications cross the
 * year's start and end in both directions — received last year and answered this year or next,
 * received this year and answered next year or never, answered last year — each counted for the
 * year and the year after.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { T3_COLUMNS, T3_ROW, T3_ROW_NAMES, cellId } from '../../src/core/tables';
import { analyseLedger } from '../../src/ledger';
import { APPLICANT_TYPES, LEDGER_COLUMNS, LedgerCell, LedgerGrid, LedgerKey, RESULT_CATEGORIES } from '../../src/ledger/columns';
import { ledgerPlan } from '../../src/ledger/sheet';
import { ledgerBuffer } from '../../src/xlsx/ledger';
import { recalculateWithLibreOffice } from '../helpers/libreoffice';

const YEAR = 2025;
const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const asDate = (d: number): Date => new Date(d * DAY);

/** Days near the year's edges are drawn often: that is where a count goes wrong. */
const EDGES = ['2024-01-01', '2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-12-31'].map(day);
const received = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: day('2024-01-01'), max: day('2026-12-31') }));
const application = fc.record({
  received,
  /** Days until the answer; null: not answered (yet). */
  after: fc.option(fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 300, max: 800 })), { nil: null, freq: 4 }),
  type: fc.constantFrom(...APPLICANT_TYPES.map((t) => t.name)),
  result: fc.constantFrom(...RESULT_CATEGORIES.map((c) => c.choice)),
  extended: fc.boolean(),
});
type Application = typeof application extends fc.Arbitrary<infer T> ? T : never;

/** A register row in the schema's column order, as a clerk types it (personal columns filled, to be ignored). */
function rowOf(a: Application, i: number): LedgerCell[] {
  const values: Partial<Record<LedgerKey, LedgerCell>> = {
    serial: i + 1,
    number: `${YEAR}-${String(i + 1).padStart(3, '0')}`,
    received: asDate(a.received),
    applicantType: a.type,
    applicant: '张三',
    method: '网络',
    content: '某项目的批复文件',
    corrected: '否',
    consulted: '否',
    extended: a.extended ? '是' : '否',
    answered: a.after === null ? null : asDate(a.received + a.after),
    result: a.after === null ? null : a.result,
    fee: 0,
  };
  return LEDGER_COLUMNS.map((c) => values[c.key] ?? null);
}

const registers: Application[][] = fc.sample(fc.array(application, { minLength: 20, maxLength: 45 }), { numRuns: 8, seed: 2025 });
/** Every register counted for the year, and the first two also for the year before and after. */
const cases = registers.flatMap((apps, i) => [YEAR, ...(i < 2 ? [YEAR - 1, YEAR + 1] : [])].map((year) => ({ name: `register-${i}-${year}`, apps, year })));

const plan = ledgerPlan();
let dir: string;
const summaries = new Map<string, ExcelJS.Worksheet>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-ledger-lo-'));
  const files: string[] = [];
  for (const c of cases) {
    const file = path.join(dir, `${c.name}.xlsx`);
    fs.writeFileSync(file, await ledgerBuffer({ year: c.year, rows: c.apps.map(rowOf) }));
    files.push(file);
  }
  const outs = recalculateWithLibreOffice(files, path.join(dir, 'out'));
  for (const [i, c] of cases.entries()) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i]);
    summaries.set(c.name, wb.getWorksheet(plan.summary.name)!);
  }
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The register as a host hands it to the core: the written sheet's rows from A1. */
function gridOf(apps: Application[]): LedgerGrid {
  const grid: LedgerGrid = [[plan.register.cells[0].value as string], [String(plan.register.cells[1].value)], LEDGER_COLUMNS.map((c) => c.label)];
  return [...grid, ...apps.map(rowOf)];
}

function shown(ws: ExcelJS.Worksheet, row: number, col: number): unknown {
  const v = ws.getRow(row + 1).getCell(col + 1).value as ExcelJS.CellFormulaValue | number | null;
  const result = v && typeof v === 'object' && 'formula' in v ? v.result : v;
  // exceljs leaves a formula's cached 0 out of what it reads back.
  return result === undefined ? 0 : result;
}

test('the random registers cross the year’s edges in both directions', () => {
  const all = registers.flat();
  const from = day('2025-01-01');
  const to = day('2025-12-31');
  const answered = (a: Application) => (a.after === null ? null : a.received + a.after);
  expect(all.some((a) => a.received < from && answered(a) !== null && answered(a)! >= from && answered(a)! <= to)).toBe(true);
  expect(all.some((a) => a.received < from && answered(a) !== null && answered(a)! > to)).toBe(true);
  expect(all.some((a) => a.received < from && answered(a) !== null && answered(a)! < from)).toBe(true);
  expect(all.some((a) => a.received >= from && a.received <= to && answered(a) !== null && answered(a)! > to)).toBe(true);
  expect(all.some((a) => a.received <= to && a.after === null)).toBe(true);
  expect(all.some((a) => a.received > to)).toBe(true);
});

describe.each(cases.map((c) => [c.name, c] as const))('LibreOffice recalculates the summary of %s', (_name, c) => {
  test('cell by cell it is the 表三 the ledger core compiles', () => {
    const analysis = analyseLedger(gridOf(c.apps), { year: c.year });
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const ws = summaries.get(c.name)!;
    const native: Record<string, unknown> = {};
    for (let r = 1; r <= T3_ROW_NAMES.length; r++) {
      for (let col = 1; col <= T3_COLUMNS.length; col++) {
        const at = plan.cellAt(r, col);
        native[cellId('T3', r, col)] = shown(ws, at.row, at.col);
      }
    }
    expect(native).toEqual(analysis.cells);
    // Not a register that counts nothing: the year sees applications on both sides.
    const total = T3_COLUMNS.length;
    expect(analysis.cells[cellId('T3', T3_ROW.received, total)] + analysis.cells[cellId('T3', T3_ROW.carriedIn, total)]).toBeGreaterThan(0);
  });
});

test('with the year cell emptied the summary shows blanks, not counts of every year', async () => {
  const file = path.join(dir, 'no-year.xlsx');
  fs.writeFileSync(file, await ledgerBuffer({ rows: registers[0].map(rowOf) }));
  const [out] = recalculateWithLibreOffice([file], path.join(dir, 'out-no-year'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(plan.summary.name)!;
  const at = plan.cellAt(T3_ROW.received, 1);
  const v = ws.getRow(at.row + 1).getCell(at.col + 1).value as ExcelJS.CellFormulaValue;
  expect(v.result ?? '').toBe('');
  const total = plan.cellAt(T3_ROW.total, T3_COLUMNS.length);
  expect(shown(ws, total.row, total.col)).toBe(0);
}, 120_000);
