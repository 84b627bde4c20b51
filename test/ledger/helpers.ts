/** Registers for tests: rows written the way offices write them, in the standard column order. */
import { LEDGER_COLUMNS, LedgerCell, LedgerGrid, LedgerKey } from '../../src/ledger/columns';
import { analyseLedger } from '../../src/ledger';
import type { LedgerFinding } from '../../src/ledger/columns';

export type Row = Partial<Record<LedgerKey, LedgerCell>>;

export const STANDARD_HEADER: string[] = LEDGER_COLUMNS.map((c) => c.label);

/** A register in the standard layout, with a title row above the header: data starts at worksheet row 3. */
export function register(rows: Row[], options: { title?: boolean } = {}): LedgerGrid {
  const grid: LedgerGrid = [];
  if (options.title !== false) grid.push(['某某局依申请公开登记台账']);
  grid.push([...STANDARD_HEADER]);
  rows.forEach((r, i) => grid.push(LEDGER_COLUMNS.map((c) => (c.key === 'serial' ? i + 1 : (r[c.key] ?? null)))));
  return grid;
}

/** A plain application: a natural person, answered 予以公开. */
export const app = (received: LedgerCell, answered: LedgerCell = null, extra: Row = {}): Row => ({
  received,
  answered,
  applicantType: '自然人',
  applicant: '张三丰',
  content: '某路段拓宽工程的规划许可文件',
  result: answered === null ? null : '予以公开',
  ...extra,
});

/** The findings of one rule when `rows` are analysed for `year`. */
export function findingsOf(rule: string, grid: LedgerGrid, year = 2025): LedgerFinding[] {
  return analyseLedger(grid, { year }).findings.filter((f) => f.rule === rule);
}

export function only(rule: string, grid: LedgerGrid, year = 2025): LedgerFinding {
  const found = findingsOf(rule, grid, year);
  if (found.length !== 1) throw new Error(`expected one ${rule}, got ${analyseLedger(grid, { year }).findings.map((f) => f.rule).join(', ') || 'none'}`);
  return found[0];
}

/** A real finding of every register rule, produced by analysing a register as users would meet it. */
export const LEDGER_REPRESENTATIVE: Record<string, () => LedgerFinding> = {
  'ledger.noHeader': () => only('ledger.noHeader', [['某某局'], ['姓名', '电话']]),
  'ledger.missingColumn': () => only('ledger.missingColumn', [['收到日期', '申请人类型', '答复日期']]),
  'ledger.duplicateColumn': () => only('ledger.duplicateColumn', [['收到日期', '申请人类型', '答复日期', '办理结果', '答复结果']]),
  'ledger.date': () => only('ledger.date', register([app('2025-02-30', '2025-03-10')])),
  'ledger.deadlineDate': () => only('ledger.deadlineDate', register([app('2025-03-10', '2025-03-20', { corrected: '是', correctionReceived: '上周' })])),
  'ledger.noReceipt': () => only('ledger.noReceipt', register([app(null, '2025-03-10')])),
  'ledger.answerBeforeReceipt': () => only('ledger.answerBeforeReceipt', register([app('2025-03-10', '2025-03-01')])),
  'ledger.resultWithoutDate': () => only('ledger.resultWithoutDate', register([app('2025-03-10', null, { result: '予以公开' })])),
  'ledger.dateWithoutResult': () => only('ledger.dateWithoutResult', register([app('2025-03-10', '2025-03-20', { result: null })])),
  'ledger.category': () => only('ledger.category', register([app('2025-03-10', '2025-03-20', { result: '已电话告知' })])),
  'ledger.categoryVague': () => only('ledger.categoryVague', register([app('2025-03-10', '2025-03-20', { result: '无法提供' })])),
  'ledger.applicantType': () => only('ledger.applicantType', register([app('2025-03-10', '2025-03-20', { applicantType: '事业单位' })])),
  'ledger.yesNo': () => only('ledger.yesNo', register([app('2025-03-10', '2025-03-20', { extended: '待定' })])),
  'ledger.correctionDate': () => only('ledger.correctionDate', register([app('2025-03-10', '2025-03-20', { corrected: '是' })])),
  'ledger.correctionBeforeReceipt': () => only('ledger.correctionBeforeReceipt', register([app('2025-03-10', '2025-03-20', { corrected: '是', correctionReceived: '2025-03-01' })])),
  'ledger.consultDates': () => only('ledger.consultDates', register([app('2025-03-10', '2025-03-20', { consulted: '是', consultStart: '2025-03-12' })])),
  'ledger.consultOrder': () => only('ledger.consultOrder', register([app('2025-03-10', '2025-03-20', { consulted: '是', consultStart: '2025-03-15', consultEnd: '2025-03-12' })])),
  'ledger.calendar': () => only('ledger.calendar', register([app('2099-03-10', '2099-03-20')]), 2099),
  'ledger.late': () => only('ledger.late', register([app('2025-03-03', '2025-04-30')])),
  'ledger.openLate': () => only('ledger.openLate', register([app('2025-11-03')])),
  'ledger.incomplete': () => ({ rule: 'ledger.incomplete', severity: 'warning', table: 'T3', cells: [], row: null, column: null, params: { file: '台账.xlsx', sheet: '台账', rows: 2, year: 2025 } }),
  'ledger.mismatch': () => ({ rule: 'ledger.mismatch', severity: 'error', table: 'T3', cells: ['T3.R1.C1'], row: null, column: null, params: { reported: 3, ledger: 4 } }),
};
