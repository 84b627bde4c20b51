/**
 * The template worksheet as a plan: where every table, label, input, name and check cell goes.
 *
 * The exceljs writer and the add-in's inserter both draw this plan and nothing else, so a file
 * written by the command line and a sheet inserted by the add-in are the same sheet. Check cells
 * hold native formulas compiled from the intra-report equations, so the sheet checks itself in
 * any spreadsheet program.
 */
import { MarkSeverity, MarkTest, PlannedMark, INPUT_MARK_RULES, markFormula, rectangles } from './marks';
import { Equation, EQUATION_RULES, isIntraReport } from './rules';
import { CellId, InputKind, Merge, TABLE_IDS, TABLES, TableId, inputCell } from './tables';

export type CellStyle =
  | 'title'
  | 'metaLabel'
  | 'metaInput'
  | 'heading'
  | 'header'
  | 'label'
  | 'note'
  | 'input'
  | 'amount'
  | 'checkLabel'
  | 'check'
  | 'summaryLabel'
  | 'summary';

export interface PlannedCell {
  /** 0-based sheet row and column. */
  row: number;
  col: number;
  style: CellStyle;
  value?: string | number;
  /** A formula without the leading "=". */
  formula?: string;
  /** The input cell id, for input cells. */
  input?: CellId;
  kind?: InputKind;
}

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface CheckCell {
  rule: string;
  row: number;
  col: number;
  formula: string;
  equation: Equation;
}

export interface SheetPlan {
  cells: PlannedCell[];
  /** Conditional formats of the template, in priority order (first wins). */
  marks: PlannedMark[];
  merges: Merge[];
  /** Column widths in characters. */
  colWidths: number[];
  /** Rows that need more height than one line, in points. */
  rowHeights: Map<number, number>;
  names: { name: string; area: Area }[];
  tables: Record<TableId, Area>;
  checks: CheckCell[];
  /** The cell that sums up the native checks. */
  summary: { row: number; col: number };
  /**
   * Where the findings block goes when the user asks for it in the pane (no template carries it
   * by default: on Excel 2021 LTSC each recalculation of a shared-runtime custom function clears
   * the undo history, office-js#2802): a header row at `row`/`col` and below it `formula`, the
   * custom function wrapped so that without the add-in it shows a Chinese sentence instead of an
   * error value. `area` (the header row and the formula's row) is left unlocked in every
   * template, so adding or removing the block writes unlocked cells and never lifts protection.
   */
  findings: { row: number; col: number; header: readonly string[]; formula: string; area: Area };
  /** The org and year input cells. */
  org: { row: number; col: number };
  year: { row: number; col: number };
  /** Number of native check cells, i.e. intra-report rule instances. */
  checkCount: number;
}

export type { MarkSeverity, MarkTest, PlannedMark } from './marks';

export const SHEET_COLUMNS = 15;
export const PASS_MARK = '✓';
export const TEXT_MARK = '含文本';
export const NAME_PREFIX = 'NB_';

/** The defined name of an input cell: NB_T3_R1_C7. */
export const cellName = (id: CellId): string => NAME_PREFIX + id.replace(/\./g, '_');
export const tableName = (t: TableId): string => NAME_PREFIX + t;
export const ORG_NAME = `${NAME_PREFIX}ORG`;
export const YEAR_NAME = `${NAME_PREFIX}YEAR`;

/** The worksheet name for a year's template. */
export const sheetTitle = (year: number | null): string => (year === null ? '政府信息公开年报' : `${year}年政府信息公开年报`);
export const reportTitle = (org: string, year: number | null): string => `${org}${year === null ? '' : `${year}年`}政府信息公开工作年度报告`;

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const a1 = (row: number, col: number): string => `${columnLetter(col)}${row + 1}`;
export const absA1 = (row: number, col: number): string => `$${columnLetter(col)}$${row + 1}`;

export function areaA1(area: Area, absolute = false): string {
  const ref = absolute ? absA1 : a1;
  const tl = ref(area.row, area.col);
  return area.rows === 1 && area.cols === 1 ? tl : `${tl}:${ref(area.row + area.rows - 1, area.col + area.cols - 1)}`;
}

/** Turns cell positions into few A1 references: runs along a row first, then what is left in runs down a column. */
export function compactRefs(positions: { row: number; col: number }[]): string[] {
  const along = runs(positions, (p) => p.row, (p) => p.col);
  const single = along.filter((r) => r.length === 1).map((r) => r[0]);
  const down = runs(single, (p) => p.col, (p) => p.row);
  return [...along.filter((r) => r.length > 1), ...down].map((r) => (r.length > 1 ? `${a1(r[0].row, r[0].col)}:${a1(r[r.length - 1].row, r[r.length - 1].col)}` : a1(r[0].row, r[0].col)));
}

type Pos = { row: number; col: number };

function runs(positions: Pos[], line: (p: Pos) => number, step: (p: Pos) => number): Pos[][] {
  const sorted = [...positions].sort((a, b) => line(a) - line(b) || step(a) - step(b));
  const out: Pos[][] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && line(prev) === line(p) && step(p) === step(prev) + 1) last.push(p);
    else out.push([p]);
  }
  return out;
}

/**
 * The native formula of an equation: "✓" when both sides agree, the signed difference
 * (left − right) when they do not, and 含文本 when an operand is text, where a spreadsheet's SUM
 * would silently read 0.
 */
export function equationFormula(eq: Equation, at: (id: CellId) => { row: number; col: number }): string {
  const side = (terms: Equation['lhs']): string => {
    const plus = compactRefs(terms.filter((t) => t.sign !== -1).map((t) => at(t.cell)));
    const minus = compactRefs(terms.filter((t) => t.sign === -1).map((t) => at(t.cell)));
    return `SUM(${plus.join(',')})${minus.length ? `-SUM(${minus.join(',')})` : ''}`;
  };
  const all = compactRefs([...eq.lhs, ...eq.rhs].map((t) => at(t.cell))).join(',');
  const diff = `(${side(eq.lhs)})-(${side(eq.rhs)})`;
  return `IF(COUNT(${all})<COUNTA(${all}),"${TEXT_MARK}",IF(ROUND(${diff},6)=0,"${PASS_MARK}",ROUND(${diff},6)))`;
}

const LAYOUT = {
  widths: [16, 18, 36, 10, 10, 10, 10, 10, 10, 10, 14, 10, 10, 10, 10],
  titleRow: 0,
  metaRow: 1,
  firstTableRow: 3,
} as const;

/** Builds the plan for a template of the given body and year. */
export function sheetPlan(org = '', year: number | null = null): SheetPlan {
  const cells: PlannedCell[] = [];
  const merges: Merge[] = [];
  const names: SheetPlan['names'] = [];
  const rowHeights = new Map<number, number>();
  const checks: CheckCell[] = [];
  const tables = {} as Record<TableId, Area>;
  const put = (cell: PlannedCell, rows = 1, cols = 1): void => {
    cells.push(cell);
    if (rows > 1 || cols > 1) merges.push({ r1: cell.row, c1: cell.col, r2: cell.row + rows - 1, c2: cell.col + cols - 1 });
  };

  const org_ = { row: LAYOUT.metaRow, col: 2 };
  const year_ = { row: LAYOUT.metaRow, col: 5 };
  put({ row: LAYOUT.titleRow, col: 0, style: 'title', value: reportTitle(org, year), formula: `${a1(org_.row, org_.col)}&IF(ISNUMBER(${a1(year_.row, year_.col)}),${a1(year_.row, year_.col)}&"年","")&"政府信息公开工作年度报告"` }, 1, SHEET_COLUMNS);
  rowHeights.set(LAYOUT.titleRow, 32);
  put({ row: LAYOUT.metaRow, col: 0, style: 'metaLabel', value: '填报机关' }, 1, 2);
  put({ row: org_.row, col: org_.col, style: 'metaInput', value: org });
  put({ row: LAYOUT.metaRow, col: 3, style: 'metaLabel', value: '报告年度' }, 1, 2);
  put({ row: year_.row, col: year_.col, style: 'metaInput', ...(year === null ? {} : { value: year }) });
  names.push({ name: ORG_NAME, area: { ...org_, rows: 1, cols: 1 } });
  names.push({ name: YEAR_NAME, area: { ...year_, rows: 1, cols: 1 } });

  const inputAt = new Map<CellId, { row: number; col: number }>();
  const at = (id: CellId) => inputAt.get(id)!;
  let row = LAYOUT.firstTableRow;
  for (const t of TABLE_IDS) {
    const table = TABLES[t];
    put({ row, col: 0, style: 'heading', value: table.title });
    rowHeights.set(row, 24);
    row++;
    const origin = { row, col: 0 };
    tables[t] = { ...origin, rows: table.rows, cols: table.cols };
    names.push({ name: tableName(t), area: tables[t] });
    const mergeAt = (r: number, c: number) => table.merges.find((m) => m.r1 === r && m.c1 === c);
    const span = (r: number, c: number) => {
      const m = mergeAt(r, c);
      return m ? [m.r2 - m.r1 + 1, m.c2 - m.c1 + 1] : [1, 1];
    };
    for (const l of table.labels) {
      const [rows, cols] = span(l.r, l.c);
      put({ row: origin.row + l.r, col: origin.col + l.c, style: l.role === 'heading' ? 'header' : l.role, value: l.text }, rows, cols);
    }
    for (const input of table.inputs) {
      const [rows, cols] = span(input.r, input.c);
      const pos = { row: origin.row + input.r, col: origin.col + input.c };
      inputAt.set(input.id, pos);
      put({ ...pos, style: input.kind === 'amount' ? 'amount' : 'input', input: input.id, kind: input.kind }, rows, cols);
      names.push({ name: cellName(input.id), area: { ...pos, rows: 1, cols: 1 } });
    }
    row += table.rows;

    // Check cells: a column beside the table for row-wise rules, a row below it for the others.
    let checkCol = origin.col + table.cols;
    for (const rule of EQUATION_RULES) {
      const eqs = rule.equations.filter((e) => e.anchor.table === t && isIntraReport(e));
      if (eqs.length === 0) continue;
      const caption = `校验：${rule.sides[0]}=${rule.sides[1]}`;
      if (eqs[0].anchor.axis === 'row') {
        const headerRows = Math.min(...table.inputs.map((i) => i.r));
        put({ row: origin.row, col: checkCol, style: 'checkLabel', value: caption }, Math.max(headerRows, 1), 1);
        for (const eq of eqs) {
          const pos = { row: at(eq.lhs[0].cell).row, col: checkCol };
          checks.push({ rule: rule.id, ...pos, equation: eq, formula: equationFormula(eq, at) });
        }
        checkCol++;
      } else {
        const used = eqs.map((eq) => at(eq.lhs[0].cell).col).sort((a, b) => a - b);
        let free = origin.col;
        for (const col of used) {
          if (col > free) put({ row, col: free, style: 'checkLabel', value: caption }, 1, col - free);
          free = col + 1;
        }
        for (const eq of eqs) {
          const pos = { row, col: at(eq.lhs[0].cell).col };
          checks.push({ rule: rule.id, ...pos, equation: eq, formula: equationFormula(eq, at) });
        }
        rowHeights.set(row, 30);
        row++;
      }
    }
    row++;
  }
  for (const c of checks) put({ row: c.row, col: c.col, style: 'check', formula: c.formula });
  fitRowHeights(cells, merges, rowHeights);

  const summary = { row, col: 2 };
  put({ row, col: 0, style: 'summaryLabel', value: '校验结果' }, 1, 2);
  put({ ...summary, style: 'summary', formula: summaryFormula(checks) }, 1, 8);
  rowHeights.set(row, 24);
  row += 2;

  return {
    cells,
    marks: planMarks(cells, checks, at),
    merges,
    colWidths: [...LAYOUT.widths],
    rowHeights,
    names,
    tables,
    checks,
    summary,
    findings: { row, col: 0, header: FINDINGS_HEADER, formula: FINDINGS_FORMULA, area: { row, col: 0, rows: 2, cols: FINDINGS_HEADER.length } },
    org: org_,
    year: year_,
    checkCount: checks.length,
  };
}

const LINE_HEIGHT = 14;

/** Display width in Excel's column units: a CJK character takes about two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

/** Gives wrapped labels the rows they need, so nothing prints cut off. */
function fitRowHeights(cells: PlannedCell[], merges: Merge[], heights: Map<number, number>): void {
  for (const cell of cells) {
    if (typeof cell.value !== 'string' || cell.style === 'title' || cell.style === 'heading') continue;
    const m = merges.find((x) => x.r1 === cell.row && x.c1 === cell.col);
    const rows = m ? m.r2 - m.r1 + 1 : 1;
    const c2 = m ? m.c2 : cell.col;
    let width = 0;
    for (let c = cell.col; c <= c2; c++) width += LAYOUT.widths[c] ?? 9;
    const lines = Math.ceil(textWidth(cell.value) / Math.max(width - 1, 1));
    const perRow = Math.ceil((lines * LINE_HEIGHT + 4) / rows);
    for (let r = cell.row; r < cell.row + rows; r++) heights.set(r, Math.max(heights.get(r) ?? 15, perRow));
  }
}

/** "✓ 全部勾稽关系通过（42条）" or "✗ 3 条勾稽关系不成立". */
function summaryFormula(checks: CheckCell[]): string {
  const passed = compactRefs(checks).map((ref) => `COUNTIF(${ref},"${PASS_MARK}")`).join('+');
  const n = checks.length;
  return `IF(${passed}=${n},"${PASS_MARK} 全部勾稽关系通过（${n}条）","✗ "&(${n}-(${passed}))&" 条勾稽关系不成立或含文本")`;
}

/**
 * The template's conditional formats, errors before warnings (the first that holds wins):
 * each input cell by its own value, each total whose check fails, each check cell.
 * A failing equation marks its check cell and, for a total against its parts, that total only:
 * never every operand, which would paint half a table red for one stale total.
 */
function planMarks(cells: readonly PlannedCell[], checks: readonly CheckCell[], at: (id: CellId) => { row: number; col: number }): PlannedMark[] {
  const marks: PlannedMark[] = [];
  const add = (area: Area, severity: MarkSeverity, test: MarkTest, rules: string[]): void => {
    marks.push({ area, severity, test, rules, formula: markFormula(test, severity, (dr, dc) => a1(area.row + dr, area.col + dc)) });
  };
  const inputs = (kind: InputKind) => cells.filter((c) => c.input && c.kind === kind);
  const checkRules = [...new Set(checks.map((c) => c.rule))];
  const checkAreas = rectangles(checks);
  // Totals by the offset of their check cell: one format covers a run with the same offset.
  const totals = new Map<string, { dRow: number; dCol: number; rule: Set<string>; cells: { row: number; col: number }[] }>();
  for (const c of checks) {
    const rule = EQUATION_RULES.find((r) => r.id === c.rule);
    if (!rule?.recomputesTotal) continue;
    const total = at(c.equation.lhs[0].cell);
    const dRow = c.row - total.row;
    const dCol = c.col - total.col;
    const k = `${dRow},${dCol}`;
    const group = totals.get(k) ?? { dRow, dCol, rule: new Set<string>(), cells: [] };
    group.rule.add(c.rule);
    group.cells.push(total);
    totals.set(k, group);
  }
  for (const severity of ['error', 'warning'] as const) {
    for (const kind of ['count', 'amount'] as const) {
      for (const area of rectangles(inputs(kind))) add(area, severity, { type: 'input', kind }, INPUT_MARK_RULES[kind][severity]);
    }
    if (severity === 'error') {
      for (const g of totals.values()) for (const area of rectangles(g.cells)) add(area, 'error', { type: 'total', dRow: g.dRow, dCol: g.dCol }, [...g.rule]);
    }
    for (const area of checkAreas) {
      const rules = checkRules.filter((r) => checks.some((c) => c.rule === r && c.row >= area.row && c.row < area.row + area.rows && c.col >= area.col && c.col < area.col + area.cols));
      add(area, severity, { type: 'check', text: TEXT_MARK }, rules);
    }
  }
  return marks;
}

/** The findings block's header, and what the add-in's custom function fills in below it. */
export const FINDINGS_HEADER: readonly string[] = ['规则', '位置', '说明'];

/** What the findings block shows where the add-in is not running: a colleague's Excel, WPS, LibreOffice. */
export const FINDINGS_FALLBACK = '此处由年报加载项列出问题；未加载加载项时，请看上方“校验结果”和各表旁的校验格（红色为不成立）';

/**
 * The findings block's formula. IFERROR (Excel 2007) turns the #NAME? of a missing add-in into
 * the sentence above; the custom function itself returns findings as text, never an error value,
 * so with the add-in everything it spills passes through unchanged.
 */
export const FINDINGS_FORMULA = `IFERROR(NIANBAO.CHECK(${TABLE_IDS.map(tableName).join(',')}),"${FINDINGS_FALLBACK}")`;

/**
 * What the findings block puts into `plan.findings.area` when the user adds it (the header row,
 * then the formula), or takes out again when removed (blanks): one grid for every writer.
 */
export function findingsBlockGrid(plan: SheetPlan, present = true): string[][] {
  const { cols } = plan.findings.area;
  const blank = (): string[] => Array.from({ length: cols }, () => '');
  if (!present) return [blank(), blank()];
  const header = blank().map((_, i) => plan.findings.header[i] ?? '');
  const formula = blank();
  formula[0] = `=${plan.findings.formula.replace(/^=/, '')}`;
  return [header, formula];
}

/** Where an input cell sits in the plan. */
export function inputPosition(plan: SheetPlan, id: CellId): { row: number; col: number } {
  const cell = inputCell(id);
  const origin = plan.tables[cell.table];
  return { row: origin.row + cell.r, col: origin.col + cell.c };
}
