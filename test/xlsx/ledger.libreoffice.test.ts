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
import { MARK_LOOKS } from '../../src/core/looks';
import { a1 } from '../../src/core/sheet';
import { T3_COLUMNS, T3_ROW, T3_ROW_NAMES, cellId } from '../../src/core/tables';
import { analyseLedger } from '../../src/ledger';
import { APPLICANT_TYPES, LEDGER_COLUMNS, LedgerCell, LedgerGrid, LedgerKey, RESULT_CATEGORIES } from '../../src/ledger/columns';
import { UNCOUNTED_NONE, UNCOUNTED_SOME, ledgerPlan } from '../../src/ledger/sheet';
import { ledgerBuffer } from '../../src/xlsx/ledger';
import { recalculateWithLibreOffice, renderWithLibreOffice, renderedCells } from '../helpers/libreoffice';

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
    expect(shown(ws, plan.uncounted.row, plan.uncounted.col)).toBe(0);
    expect(shown(ws, plan.uncounted.row, plan.uncounted.col + 1)).toBe(UNCOUNTED_NONE);
    // Not a register that counts nothing: the year sees applications on both sides.
    const total = T3_COLUMNS.length;
    expect(analysis.cells[cellId('T3', T3_ROW.received, total)] + analysis.cells[cellId('T3', T3_ROW.carriedIn, total)]).toBeGreaterThan(0);
  });
});

test('what the summary cannot count it says it left out, where the core reads more (a synonym, a text date) or finds an error', async () => {
  const good = registers[0].filter((a) => a.received >= day('2025-01-01') && a.received <= day('2025-06-30')).slice(0, 5).map(rowOf);
  const odd = (values: Partial<Record<LedgerKey, LedgerCell>>): LedgerCell[] => {
    const base: Partial<Record<LedgerKey, LedgerCell>> = { received: asDate(day('2025-05-06')), applicantType: '自然人', answered: asDate(day('2025-05-20')), result: '予以公开', ...values };
    return LEDGER_COLUMNS.map((c) => base[c.key] ?? null);
  };
  const rows = [
    ...good,
    odd({ applicantType: '个人' }), // the core reads a synonym; the list does not know it
    odd({ received: '2025-05-06' }), // a date typed as text
    odd({ result: null }), // answered, no result: the core's error
  ];
  const file = path.join(dir, 'uncounted.xlsx');
  fs.writeFileSync(file, await ledgerBuffer({ year: YEAR, rows }));
  const [out] = recalculateWithLibreOffice([file], path.join(dir, 'out-uncounted'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(plan.summary.name)!;
  // 个人: left out on both sides (2); the text date: once as text, once as an answer without its receipt (2); no result: once (1).
  expect(shown(ws, plan.uncounted.row, plan.uncounted.col)).toBe(5);
  expect(shown(ws, plan.uncounted.row, plan.uncounted.col + 1)).toBe(`✗ 5${UNCOUNTED_SOME}`);
  const analysis = analyseLedger([[], [], LEDGER_COLUMNS.map((c) => c.label), ...rows], { year: YEAR });
  expect(analysis.findings.some((f) => f.severity === 'error')).toBe(true);
}, 120_000);

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

test('the register’s marks, painted by LibreOffice, turn exactly the mistaken cells red', async () => {
  const at = (values: Partial<Record<LedgerKey, LedgerCell>>): LedgerCell[] => {
    const base: Partial<Record<LedgerKey, LedgerCell>> = { received: asDate(day('2025-05-06')), applicantType: '自然人', answered: asDate(day('2025-05-20')), result: '予以公开', ...values };
    return LEDGER_COLUMNS.map((c) => (c.key in values && values[c.key] === null ? null : (base[c.key] ?? null)));
  };
  const rows = [
    at({}), // fine
    at({ received: '2025-05-06' }), // a date as text
    at({ answered: asDate(day('2025-05-01')) }), // answered before it was received
    at({ result: null }), // an answer date without a result
    at({ answered: null }), // a result without an answer date
    at({ answered: null, result: null }), // not answered yet: fine
  ];
  const file = path.join(dir, 'marks.xlsx');
  fs.writeFileSync(file, await ledgerBuffer({ year: YEAR, rows }));
  const [out] = renderWithLibreOffice([file], path.join(dir, 'out-marks'));
  const cells = renderedCells(fs.readFileSync(out, 'utf8'));
  const red = MARK_LOOKS.error.fill.toUpperCase();
  const col = (key: LedgerKey) => plan.columnOf[key];
  const marked = [...cells].filter(([, c]) => c.fill === red).map(([address]) => address).sort();
  const addr = (i: number, key: LedgerKey) => a1(plan.firstRow + i, col(key));
  expect(marked).toEqual([addr(1, 'received'), addr(2, 'answered'), addr(3, 'answered'), addr(3, 'result'), addr(4, 'answered'), addr(4, 'result')].sort());
}, 120_000);

test('rows typed below the prepared ones are counted too', async () => {
  const many = Array.from({ length: plan.preparedRows + 2 }, (_, i) => {
    const values: Partial<Record<LedgerKey, LedgerCell>> = { received: asDate(day('2025-01-01') + (i % 300)), applicantType: i % 2 ? '自然人' : '商业企业' };
    return LEDGER_COLUMNS.map((c) => values[c.key] ?? null);
  });
  const file = path.join(dir, 'many.xlsx');
  fs.writeFileSync(file, await ledgerBuffer({ year: YEAR, rows: many }));
  const [out] = recalculateWithLibreOffice([file], path.join(dir, 'out-many'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(plan.summary.name)!;
  const received = plan.cellAt(T3_ROW.received, T3_COLUMNS.length);
  const carriedOut = plan.cellAt(T3_ROW.carriedOut, T3_COLUMNS.length);
  expect(shown(ws, received.row, received.col)).toBe(plan.preparedRows + 2);
  expect(shown(ws, carriedOut.row, carriedOut.col)).toBe(plan.preparedRows + 2);
  expect(analyseLedger([[], [], LEDGER_COLUMNS.map((c) => c.label), ...many], { year: YEAR }).cells[cellId('T3', T3_ROW.received, T3_COLUMNS.length)]).toBe(plan.preparedRows + 2);
}, 120_000);
