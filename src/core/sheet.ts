/**
 * The template worksheet as a plan: where every table, label, input, name and check cell goes.
 *
 * The exceljs writer and the add-in's inserter both draw this plan and nothing else, so a file
 * written by the command line and a sheet inserted by the add-in are the same sheet. Check cells
 * hold native formulas compiled from the intra-report equations, so the sheet checks itself in
 * any spreadsheet program.
 */
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

/**
 * A conditional format written once with the template (issue 11): Excel, WPS and LibreOffice
 * evaluate it, so a wrong cell turns red with or without the add-in and no runtime write is needed.
 */
export interface PlannedMark {
  /** The cells the format covers. */
  area: Area;
  /** A formula without the leading "=", relative to the top-left cell of `area`; true means marked. */
  formula: string;
  /** 'error' is the red fill; 'warning' the lighter one. */
  severity: 'error' | 'warning';
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
  /** Where the add-in's findings block (NIANBAO.CHECK) starts: its header row. */
  findings: { row: number; col: number };
  /** The org and year input cells. */
  org: { row: number; col: number };
  year: { row: number; col: number };
  /** Number of native check cells, i.e. intra-report rule instances. */
  checkCount: number;
}

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
    marks: [],
    merges,
    colWidths: [...LAYOUT.widths],
    rowHeights,
    names,
    tables,
    checks,
    summary,
    findings: { row, col: 0 },
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

/** Where an input cell sits in the plan. */
export function inputPosition(plan: SheetPlan, id: CellId): { row: number; col: number } {
  const cell = inputCell(id);
  const origin = plan.tables[cell.table];
  return { row: origin.row + cell.r, col: origin.col + cell.c };
}
