/**
 * The rule engine: report (and optionally last year's) in, findings out. Pure and host-free.
 *
 * Rule instances are compiled once to index arrays so a full check of 200 cells stays in the
 * tens of microseconds (see bench/).
 */
import { Finding } from './findings';
import { MAX_VALUE, RawValue, Reading, readCell, usableValue } from './read';
import { GridReport } from './grid';
import { Report, unknownCells } from './report';
import { scopeName } from './render';
import { CELL_RULES, DETECTED_RULES, EQUATION_RULES, Equation, EquationRule, RULES, Term, appliesIn } from './rules';
import { CellId, INPUT_CELLS, TABLE_IDS, TableId } from './tables';

const INDEX = new Map<CellId, number>(INPUT_CELLS.map((c, i) => [c.id, i]));
const ABSENT: Reading = Object.freeze({ state: 'absent' }) as Reading;

export type Readings = Reading[];

/**
 * Reads every input cell of a report. A cell the report leaves out is blank — or, for a partial
 * prior report, absent; a cell of an unreadable table, or one the report says is unknown, is absent.
 */
export function readReport(report: Report, missing: 'blank' | 'absent' = 'blank', absentTables: readonly TableId[] = []): Readings {
  const cells = report.cells as Record<string, unknown>;
  const unknown = unknownCells(report);
  return INPUT_CELLS.map((c) => {
    const raw = cells[c.id];
    if ((raw === undefined && missing === 'absent') || absentTables.includes(c.table) || unknown.has(c.id)) return ABSENT;
    return readCell(raw as never);
  });
}

/** A known total of unknown cells (Report.sums), by cell index; value undefined when the total itself is not a usable number. */
interface CompiledSum {
  indices: number[];
  value: number | undefined;
}

function compileSums(report: Report): CompiledSum[] {
  return (report.sums ?? []).flatMap((s) => {
    const indices = [...new Set(s.cells)].map((id) => INDEX.get(id));
    if (indices.some((i) => i === undefined)) return [];
    return [{ indices: indices as number[], value: usableValue(readCell(s.value)) }];
  });
}

interface CompiledTerm {
  index: number;
  sign: 1 | -1;
  prior: boolean;
  cell: CellId;
}

interface CompiledEquation {
  equation: Equation;
  lhs: CompiledTerm[];
  rhs: CompiledTerm[];
  cells: CellId[];
  priorCells: CellId[];
}

const compileTerm = (t: Term): CompiledTerm => ({ index: INDEX.get(t.cell)!, sign: t.sign ?? 1, prior: t.prior === true, cell: t.cell });

function compileEquation(equation: Equation): CompiledEquation {
  const terms = [...equation.lhs, ...equation.rhs];
  const unique = (ts: Term[]) => [...new Set(ts.map((t) => t.cell))];
  return {
    equation,
    lhs: equation.lhs.map(compileTerm),
    rhs: equation.rhs.map(compileTerm),
    cells: unique(terms.filter((t) => !t.prior)),
    priorCells: unique(terms.filter((t) => t.prior)),
  };
}

const COMPILED = new Map<EquationRule, CompiledEquation[]>(EQUATION_RULES.map((r) => [r, r.equations.map(compileEquation)]));

/**
 * Sums one side; undefined when a term cannot be used (its cell rule or prior.notNumber says why).
 * Unknown cells of this year's report may still be added up through a known total of theirs
 * (`sums`): only when the side adds every cell of that total, with the same sign.
 */
function sumSide(terms: CompiledTerm[], current: Readings, prior: Readings | null, sums: readonly CompiledSum[]): number | undefined {
  let sum = 0;
  let unknown: Map<number, 1 | -1> | null = null;
  for (const t of terms) {
    const readings = t.prior ? prior : current;
    if (readings === null) return undefined;
    const reading = readings[t.index];
    if (reading.state === 'absent' && !t.prior && sums.length > 0) {
      (unknown ??= new Map()).set(t.index, t.sign);
      continue;
    }
    const v = usableValue(reading);
    if (v === undefined) return undefined;
    sum += t.sign * v;
  }
  if (unknown === null) return sum;
  for (const s of sums) {
    const sign = unknown.get(s.indices[0]);
    if (sign === undefined || !s.indices.every((i) => unknown!.get(i) === sign)) continue;
    if (s.value === undefined) return undefined;
    sum += sign * s.value;
    for (const i of s.indices) unknown.delete(i);
  }
  return unknown.size === 0 ? sum : undefined;
}

/** An equation that cannot be evaluated only because some of its cells are known just by a total of theirs. */
function onlyBySums(eq: CompiledEquation, current: Readings, sums: readonly CompiledSum[]): boolean {
  return [...eq.lhs, ...eq.rhs].every((t) => {
    if (t.prior) return false;
    const reading = current[t.index];
    if (reading.state === 'absent') return sums.some((s) => s.indices.includes(t.index));
    return usableValue(reading) !== undefined;
  });
}

/**
 * Instances of one rule that each need cells known only by their total — 总计 = the applicant
 * columns on the three （六） rows the 2019 format prints as one — added up together: the total
 * row's own equation, checked with the totals. Named after the rows it adds up.
 */
function combined(rule: EquationRule, waiting: CompiledEquation[], current: Readings, prior: Readings | null, sums: readonly CompiledSum[]): Finding[] {
  const lhs = waiting.flatMap((eq) => eq.lhs);
  const rhs = waiting.flatMap((eq) => eq.rhs);
  const sumOf = (terms: CompiledTerm[]) => sumSide(terms, current, prior, sums);
  const l = sumOf(lhs);
  const r = sumOf(rhs);
  if (l === undefined || r === undefined || clean(l - r) === 0) return [];
  const anchor = waiting[0].equation.anchor;
  const names = waiting.map((eq) => scopeName(eq.equation.anchor));
  // "表三“（六）其他处理1.…”行", "…2.…", "…3.其他”行" are one row of the report: "表三“（六）其他处理”行".
  let common = names[0];
  for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
  const scope = common.length > 4 && names[0].endsWith('”行') ? `${common}”行` : names.join('、');
  return [
    {
      rule: rule.id,
      severity: rule.severity,
      table: anchor.table,
      cells: [...new Set(waiting.flatMap((eq) => eq.cells))],
      anchor,
      lhs: clean(l),
      rhs: clean(r),
      difference: clean(l - r),
      params: { scope: `${scope}（原文合为一行，按合计校验）` },
    },
  ];
}

/** Rounds away binary noise from decimal sums; counts are whole numbers, amounts have at most a few decimals. */
const clean = (n: number): number => Math.round(n * 1e6) / 1e6;

export interface EquationResult {
  lhs: number;
  rhs: number;
  difference: number;
}

/** Evaluates one compiled equation; undefined when an operand cannot be used. */
function evaluate(eq: CompiledEquation, current: Readings, prior: Readings | null, sums: readonly CompiledSum[]): EquationResult | undefined {
  const lhs = sumSide(eq.lhs, current, prior, sums);
  if (lhs === undefined) return undefined;
  const rhs = sumSide(eq.rhs, current, prior, sums);
  if (rhs === undefined) return undefined;
  return { lhs: clean(lhs), rhs: clean(rhs), difference: clean(lhs - rhs) };
}

export interface CheckOptions {
  /** Last year's report; cells it leaves out are skipped, not read as 0. */
  prior?: Report | null;
  /** Tables of this year's report that could not be read (their grid lost its shape): skipped, not read as blank. */
  unreadable?: readonly TableId[];
  /** False where only the tables are known (a custom function's ranges): rules about body and year are skipped. */
  metadata?: boolean;
}

const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const TABLE_ORDER = new Map<TableId | null, number>([[null, -1], ...TABLE_IDS.map((t, i): [TableId, number] => [t, i])]);

export function check(report: Report, options: CheckOptions = {}): Finding[] {
  const unreadable = [...new Set([...(options.unreadable ?? []), ...(report.unreadable ?? [])])];
  // Nothing could be read: the reader's layout findings say so; anything more would be noise.
  if (TABLE_IDS.every((t) => unreadable.includes(t))) return [];
  const current = readReport(report, 'blank', unreadable);
  const prior = options.prior ? readPrior(options.prior) : null;
  const sums = compileSums(report);
  const findings: Finding[] = [...reportFindings(report, options.prior ?? null, current, options.metadata !== false)];

  for (const [rule, equations] of COMPILED) {
    const needsPrior = equations.some((e) => e.priorCells.length > 0);
    if ((needsPrior && prior === null) || !appliesIn(rule, report.year)) continue;
    const waiting: CompiledEquation[] = [];
    for (const eq of equations) {
      const result = evaluate(eq, current, prior, sums);
      if (result === undefined) {
        if (sums.length > 0 && onlyBySums(eq, current, sums)) waiting.push(eq);
        continue;
      }
      if (result.difference === 0) continue;
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        table: eq.equation.anchor.table,
        cells: eq.cells,
        ...(eq.priorCells.length > 0 ? { priorCells: eq.priorCells } : {}),
        anchor: eq.equation.anchor,
        ...result,
      });
    }
    if (waiting.length > 1) findings.push(...combined(rule, waiting, current, prior, sums));
  }

  INPUT_CELLS.forEach((cell, i) => {
    const reading = current[i];
    if (reading.state === 'absent') return;
    if (reading.state === 'number' && reading.value >= 0 && (cell.kind === 'amount' || Number.isInteger(reading.value)) && reading.value <= MAX_VALUE) {
      return; // the common case: a clean figure, no cell rule can fire
    }
    for (const rule of CELL_RULES) {
      if (!rule.test(reading, cell)) continue;
      findings.push({ rule: rule.id, severity: rule.severity, table: cell.table, cells: [cell.id], ...readingFields(reading) });
    }
  });

  if (prior !== null) findings.push(...priorCellFindings(prior));

  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => TABLE_ORDER.get(a.f.table)! - TABLE_ORDER.get(b.f.table)! || RULE_ORDER.get(a.f.rule)! - RULE_ORDER.get(b.f.rule)! || a.i - b.i)
    .map(({ f }) => f);
}

function readingFields(reading: Reading): Pick<Finding, 'raw' | 'value' | 'params'> {
  const out: Pick<Finding, 'raw' | 'value' | 'params'> = {};
  if ('raw' in reading) out.raw = reading.raw;
  if ('value' in reading) out.value = reading.value;
  if (reading.state === 'text' && reading.leadingNumber !== undefined) out.params = { leadingNumber: reading.leadingNumber };
  if (reading.state === 'normalized') out.params = { reasons: reading.reasons.join(',') };
  return out;
}

function reportFindings(report: Report, prior: Report | null, readings: Readings, metadata: boolean): Finding[] {
  const ctx = { report, prior, readings };
  return DETECTED_RULES.filter((rule) => (metadata || !rule.metadata) && appliesIn(rule, report.year)).flatMap((rule) => rule.detect(ctx).map((raised) => ({ rule: rule.id, severity: rule.severity, ...raised })));
}

/** Last year's cells some cross-year rule reads, once each, in rule order. */
const PRIOR_CELLS: readonly number[] = [
  ...new Set([...COMPILED.values()].flatMap((equations) => equations.flatMap((eq) => [...eq.lhs, ...eq.rhs].filter((t) => t.prior).map((t) => t.index)))),
];

/** Last year's report as the cross-year rules need it: only the cells they read; a cell it leaves out is absent, not blank. */
function readPrior(report: Report): Readings {
  const readings: Readings = new Array(INPUT_CELLS.length).fill(ABSENT);
  const cells = report.cells as Record<string, unknown>;
  for (const index of PRIOR_CELLS) {
    const raw = cells[INPUT_CELLS[index].id];
    if (raw !== undefined) readings[index] = readCell(raw as never);
  }
  return readings;
}

/** Cells of last year's report that a cross-year rule needs but cannot use. */
function priorCellFindings(prior: Readings): Finding[] {
  const out: Finding[] = [];
  for (const index of PRIOR_CELLS) {
    const reading = prior[index];
    if (reading.state === 'absent' || usableValue(reading) !== undefined) continue;
    const c = INPUT_CELLS[index];
    out.push({ rule: 'prior.notNumber', severity: 'warning', table: c.table, cells: [], priorCells: [c.id], ...readingFields(reading) });
  }
  return out;
}

/** Checks a report read from table grids: the layout findings first, then the rules over what could be read. */
export function checkGridReport(read: GridReport, prior?: Report | null, options: Pick<CheckOptions, 'metadata'> = {}): Finding[] {
  return [...read.findings, ...check(read.report, { ...options, prior, unreadable: read.unreadable })];
}

/**
 * How many equations a check evaluates: the "N" in "全部勾稽关系通过（N条）". With last year's
 * report, only the cross-year equations whose cells it carries count.
 */
export function equationCount(prior: Report | null = null): number {
  let n = 0;
  for (const equations of COMPILED.values()) {
    for (const eq of equations) {
      if (eq.priorCells.length === 0 || (prior !== null && eq.priorCells.every((c) => prior.cells[c] !== undefined))) n++;
    }
  }
  return n;
}

export interface SidesResult {
  /** 'text' when an operand is not a usable number; the difference is then unknown. */
  status: 'equal' | 'different' | 'text';
  difference?: number;
}

/** Compares two sums of raw values as the engine does (same reading, same rounding): for helpers users put in their own sheets. */
export function compareSides(lhs: readonly RawValue[], rhs: readonly RawValue[]): SidesResult {
  const sum = (values: readonly RawValue[]): number | undefined => {
    let total = 0;
    for (const v of values) {
      const n = usableValue(readCell(v));
      if (n === undefined) return undefined;
      total += n;
    }
    return total;
  };
  const l = sum(lhs);
  const r = sum(rhs);
  if (l === undefined || r === undefined) return { status: 'text' };
  const difference = clean(l - r);
  return difference === 0 ? { status: 'equal', difference } : { status: 'different', difference };
}
