/// <reference types="custom-functions-runtime" />
/**
 * Excel custom functions, namespace NIANBAO. Each table comes in as one range parameter, so
 * Excel recalculates a check exactly when one of its inputs changes; every rule comes from the
 * core engine.
 *
 * Rules of this file, learnt the hard way by others:
 * - plain `function` declarations with JSDoc: custom-functions-metadata silently drops arrow
 *   functions, and the build appends `CustomFunctions.associate(id, name)` for each;
 * - findings are values, never thrown: a function that throws shows #VALUE!;
 * - blank cells arrive as 0 in Excel on Windows and as null in Excel on the web; 0 cannot be
 *   told from blank, so blank counts as 0 everywhere and both hosts agree (the pane, which
 *   reads cells itself, reports blanks);
 * - never return null inside an array: Excel shows it as 0. Short rows are padded with "".
 */
import { checkGridReport, compareSides, equationCount } from '../core/engine';
import type { Finding } from '../core/findings';
import { GridValue, reportFromGrids } from '../core/grid';
import { SEVERITY_NAME, locationOf, renderFinding } from '../core/render';
import type { Report } from '../core/report';
import { EquationRule, rule } from '../core/rules';
import { PASS_MARK, TEXT_MARK } from '../core/sheet';

// ---------------------------------------------------------------------------------------------
// Values as Excel hands them over

/** One cell as the core reads it. Errors arrive as objects when functions.json allows them; data types carry a basicValue. */
export function hostValue(v: unknown): GridValue {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.code === 'string') return o.code;
    const basic = o.basicValue;
    if (typeof basic === 'number' || typeof basic === 'string' || typeof basic === 'boolean') return basic;
    if (typeof o.errorType === 'string') return `#${o.errorType}`;
  }
  return String(v);
}

/** A range parameter as a grid; null when the argument was left out. */
export function hostGrid(v: unknown): GridValue[][] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) return [[hostValue(v)]];
  return v.map((row) => (Array.isArray(row) ? row.map(hostValue) : [hostValue(row)]));
}

// ---------------------------------------------------------------------------------------------
// One engine pass per recalculation wave

interface Outcome {
  findings: { finding: Finding; prior: boolean }[];
  /** Equations the pass could evaluate: the N of "全部勾稽关系通过（N条）". */
  equations: number;
}


const MEMO_SIZE = 8;
const memo = new Map<string, Outcome>();
let passes = 0;

/** How many times the engine ran: lets tests see that CHECK and ERRORS over the same grids share one pass. */
export const enginePasses = (): number => passes;

function evaluate(t2: unknown, t3: unknown, t4: unknown, priorT3: unknown): Outcome {
  const grids = { T2: hostGrid(t2), T3: hostGrid(t3), T4: hostGrid(t4) };
  const prior = hostGrid(priorT3);
  const key = JSON.stringify([grids, prior]);
  const hit = memo.get(key);
  if (hit) return hit;

  passes++;
  const findings: Outcome['findings'] = [];
  let priorReport: Report | null = null;
  if (prior) {
    const read = reportFromGrids({ T3: prior });
    if (!read.unreadable.includes('T3')) priorReport = read.report;
    for (const f of read.findings) if (f.table === 'T3') findings.push({ finding: f, prior: true });
  }
  // These functions are given the tables only, not the body and year: rules about those stay out.
  for (const f of checkGridReport(reportFromGrids(grids), priorReport, { metadata: false })) findings.push({ finding: f, prior: false });
  const outcome = { findings, equations: equationCount(priorReport) };
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, outcome);
  return outcome;
}

function findingRow({ finding, prior }: Outcome['findings'][number]): string[] {
  const mark = prior ? '上年' : '';
  return [`${SEVERITY_NAME[finding.severity]}：${rule(finding.rule).title ?? finding.rule}`, `${mark}${locationOf(finding)}`, `${mark}${renderFinding(finding)}`];
}

/** What a function returns when something unforeseen goes wrong: a finding-like row, not #VALUE!. */
function failure(e: unknown): string[][] {
  return [['错误 internal', '', `校验未能完成：${e instanceof Error ? e.message : String(e)}`]];
}

// ---------------------------------------------------------------------------------------------
// The functions

/**
 * Checks every cross-table rule of the annual report's three tables and lists each finding in Chinese (rule, location, explanation), or one cell with a tick when all rules hold. Blank cells count as 0.
 * @customfunction CHECK
 * @param table2 Table 2 (主动公开政府信息情况), the whole table including its labels, as inserted by the template (name NB_T2).
 * @param table3 Table 3 (收到和处理政府信息公开申请情况), including its labels (name NB_T3).
 * @param table4 Table 4 (行政复议、行政诉讼情况), including its labels (name NB_T4).
 * @param [priorTable3] Optional: last year's Table 3, to check the carry-over into this year.
 * @returns A spilled table of findings with three columns, or one cell with a tick.
 */
export function check(table2: any[][], table3: any[][], table4: any[][], priorTable3?: any[][]): any[][] {
  try {
    const outcome = evaluate(table2, table3, table4, priorTable3);
    if (outcome.findings.length === 0) return [[`${PASS_MARK} 全部勾稽关系通过（${outcome.equations}条）`]];
    return outcome.findings.map(findingRow);
  } catch (e) {
    return failure(e);
  }
}

/**
 * Counts the errors among the findings of the three tables: 0 when every rule holds. For IF and other formulas.
 * @customfunction ERRORS
 * @param table2 Table 2, including its labels (name NB_T2).
 * @param table3 Table 3, including its labels (name NB_T3).
 * @param table4 Table 4, including its labels (name NB_T4).
 * @returns The number of errors.
 */
export function errors(table2: any[][], table3: any[][], table4: any[][]): number {
  try {
    return evaluate(table2, table3, table4, null).findings.filter((f) => f.finding.severity === 'error').length;
  } catch {
    return 1;
  }
}

/** The signed difference of two sides, as the native check cells show it: ✓, the difference, or 含文本 when an operand is not a number. */
function difference(lhs: unknown[], rhs: unknown[]): number | string {
  const result = compareSides(lhs.map(hostValue), rhs.map(hostValue));
  if (result.status === 'text') return TEXT_MARK;
  return result.status === 'equal' ? PASS_MARK : result.difference!;
}

const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flat(2) : [v]);

/** The operands of 表三's balance (第一项+第二项 = （七）总计+第四项), in the order of the core rule. */
const BALANCE_EQUATION = (rule('T3.balance') as EquationRule).equations[0];
const BALANCE_SIDES = { lhs: BALANCE_EQUATION.lhs.length, rhs: BALANCE_EQUATION.rhs.length };

/**
 * Checks the balance of Table 3 for one column: received this year + carried over from last year = total handled + carried into next year. Returns a tick, or the signed difference (left side minus right side).
 * @customfunction BALANCE
 * @param received 一、本年新收政府信息公开申请数量 (applications received this year).
 * @param carriedIn 二、上年结转政府信息公开申请数量 (carried over from last year).
 * @param total （七）总计 (total of this year's results).
 * @param carriedOut 四、结转下年度继续办理 (carried into next year).
 * @returns A tick, the signed difference, or 含文本 when an operand is not a number.
 */
export function balance(received: any, carriedIn: any, total: any, carriedOut: any): any {
  try {
    const args = [received, carriedIn, total, carriedOut];
    return difference(args.slice(0, BALANCE_SIDES.lhs), args.slice(BALANCE_SIDES.lhs, BALANCE_SIDES.lhs + BALANCE_SIDES.rhs));
  } catch {
    return TEXT_MARK;
  }
}

/**
 * Checks that a total equals the sum of its parts. Returns a tick, or the signed difference (total minus the sum of the parts).
 * @customfunction SUMCHECK
 * @param total The total (合计).
 * @param details The parts (明细): a range.
 * @returns A tick, the signed difference, or 含文本 when an operand is not a number.
 */
export function sumcheck(total: any, details: any[][]): any {
  try {
    return difference(flat(total), flat(details));
  } catch {
    return TEXT_MARK;
  }
}
