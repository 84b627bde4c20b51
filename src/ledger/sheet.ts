/**
 * The standard register (依申请公开登记台账) and its native summary as a plan: two worksheets
 * described as data — cells, merges, column formats, validation, names, print settings and the
 * formulas of the summary — that the xlsx writer, the Excel and WPS add-ins and the preview each
 * draw with their own API. Nothing here knows a host: formulas are A1 text without "=", relative
 * to the sheet they sit on (the summary names the register sheet explicitly).
 *
 * The register's columns, applicant types and result categories come from ./columns; the summary
 * is 表三 as src/core/tables.ts lays it out, every data cell a formula of Excel 2007 functions
 * (COUNTIFS, SUM) over the register, by the year in its year cell:
 *   本年新收   received in the year;
 *   上年结转   received before the year and not answered before it;
 *   办理结果   answered in the year, by category;
 *   （七）总计  the sum of the 21 categories;
 *   结转下年度  received by the end of the year and not answered by then;
 * and the 总计 column the sum of the six applicant columns. A row whose applicant type or result
 * is blank or not one of the list's entries counts nowhere; the add-in and `nianbao ledger` name it.
 */
import { CellStyle, a1, absA1, areaA1, columnLetter, textWidth } from '../core/sheet';
import type { Area } from '../core/sheet';
import { quoteSheet } from '../core/refs';
import { FONT, LOOKS, Look } from '../core/looks';
import { Merge, T3_COLUMNS, T3_ROW, TABLES } from '../core/tables';
import { APPLICANT_TYPES, LEDGER_COLUMNS, LedgerKey, LedgerKind, RESULT_CATEGORIES } from './columns';

// ---- plan types --------------------------------------------------------------------------------

/** How a planned cell looks: the template's styles, plus the summary's computed figures. */
export type LedgerStyle = CellStyle | 'figure' | 'listHeader' | 'listItem';

export const LEDGER_LOOKS: Readonly<Record<LedgerStyle, Look>> = {
  ...LOOKS,
  figure: { font: { name: FONT, size: 10.5 }, horizontal: 'Center', vertical: 'Center', wrap: false, border: true, numberFormat: 'General' },
  listHeader: { font: { name: FONT, size: 9, bold: true, color: '#595959' }, horizontal: 'Left', vertical: 'Center', wrap: false },
  listItem: { font: { name: FONT, size: 9, color: '#595959' }, horizontal: 'Left', vertical: 'Center', wrap: false },
};

export interface LedgerPlannedCell {
  /** 0-based row and column on its sheet. */
  row: number;
  col: number;
  style: LedgerStyle;
  value?: string | number;
  /** A formula without the leading "=", in A1 relative to this cell's sheet. */
  formula?: string;
  /** Overrides the look's number format (the summary's period cells are dates). */
  numberFormat?: string;
}

/** A data-validation rule, as data; each host spells it its own way. */
export type LedgerRule =
  /** A list given inline: Excel keeps inline lists under 255 characters, so only short ones are. */
  | { type: 'list'; items: readonly string[] }
  /** A list read from a defined name (a range on the summary sheet: Excel 2007 lists cannot point at another sheet directly). */
  | { type: 'listName'; name: string }
  /** A date between two days, ISO yyyy-mm-dd. */
  | { type: 'date'; from: string; to: string }
  | { type: 'decimal'; min: number }
  | { type: 'whole'; min: number; max: number };

export interface LedgerValidation {
  area: Area;
  rule: LedgerRule;
  /** The error dialog's title and text (Chinese). */
  title: string;
  message: string;
}

export interface LedgerColumnFormat {
  /** Width in characters. */
  width: number;
  /** The number format of the whole column, so rows typed below the prepared ones keep it. */
  numberFormat: string;
  /** Wrap long text (申请内容, 备注). */
  wrap?: boolean;
  horizontal: 'Left' | 'Center' | 'Right';
}

export interface LedgerPrint {
  orientation: 'landscape' | 'portrait';
  /** A4, fitted to one page wide, as many pages tall as needed. */
  paper: 'A4';
  /** Rows repeated at the top of every printed page, 0-based inclusive. */
  titleRows?: { from: number; to: number };
  /** Print the gridlines, so every filled register row prints ruled without pre-drawn borders. */
  gridlines: boolean;
  /** The print area; none means what the sheet holds. */
  area?: Area;
}

/**
 * A conditional format of the register: a row's own mistake turns red as it is typed, with or
 * without the add-in (Excel, WPS, LibreOffice evaluate it). Validation stops most mistakes at the
 * keyboard; pasted values pass validation, so the marks catch those too.
 */
export interface LedgerMark {
  /** One rectangle of cells. */
  area: Area;
  /** A formula without "=", relative to the area's top-left cell; true means marked. */
  formula: string;
  severity: 'error' | 'warning';
  /** The ledger rules (src/ledger/rules.ts) the mark stands for. */
  rules: string[];
}

export interface LedgerSheetPlan {
  /** The worksheet's name. */
  name: string;
  cells: LedgerPlannedCell[];
  merges: Merge[];
  columns: LedgerColumnFormat[];
  /** Rows taller than one line, in points. */
  rowHeights: Map<number, number>;
  validations: LedgerValidation[];
  /** Conditional formats, first wins. */
  marks: LedgerMark[];
  /** Rows (from the top) kept in view while scrolling. */
  frozenRows: number;
  print: LedgerPrint;
  /** The header row's filter buttons. */
  autoFilter?: Area;
  /** Lock labels and formulas (no password; the user can lift it). The register stays open for sorting and inserting. */
  protect: boolean;
}

/** A defined name: `scope` is the sheet it is local to, `sheet` the sheet its area lies on. */
export interface LedgerName {
  name: string;
  scope: 'register' | 'summary';
  sheet: 'register' | 'summary';
  area: Area;
}

export interface LedgerPlan {
  register: LedgerSheetPlan;
  summary: LedgerSheetPlan;
  names: LedgerName[];
  /** Where each register column is (0-based column) and its data rows (0-based, inclusive of `firstRow`). */
  columnOf: Readonly<Record<LedgerKey, number>>;
  headerRow: number;
  firstRow: number;
  /** Prepared (formatted and validated) data rows; the summary counts any row typed below them too. */
  preparedRows: number;
  /** The summary's year cell and its 表三 grid (the official layout of TABLES.T3). */
  year: { row: number; col: number };
  t3: Area;
  /**
   * The summary's own check: how many entries that concern the year the counts above leave out
   * (a type or result not from the list, a date typed as text, an answer date without a result),
   * and beside it a sentence saying so. 0 when everything counts.
   */
  uncounted: { row: number; col: number };
  /** Where the summary puts 表三's cell T3.R<row>.C<col>. */
  cellAt: (row: number, col: number) => { row: number; col: number };
}

export interface LedgerPlanOptions {
  /** The year the summary counts; none leaves the year cell for the user. */
  year?: number | null;
  /** The body whose register it is, for the titles. */
  org?: string;
  /** Sheet names, when the defaults are taken (the add-ins insert beside existing sheets). */
  registerName?: string;
  summaryName?: string;
  preparedRows?: number;
}

// ---- names and words ---------------------------------------------------------------------------

export const REGISTER_SHEET = '依申请公开台账';
export const SUMMARY_SHEET = '台账汇总';
export const LEDGER_TITLE = '依申请公开登记台账';
export const SUMMARY_TITLE = '台账汇总（表三 收到和处理政府信息公开申请情况）';
/** Enough prepared rows for a busy year; rows typed below them are still counted. */
export const PREPARED_ROWS = 1000;
export const DATE_FORMAT = 'yyyy-mm-dd';
export const MONEY_FORMAT = '0.00';
/** The earliest and latest dates the register accepts. */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';

export const LEDGER_NAME = 'NB_LEDGER';
export const LEDGER_YEAR_NAME = 'NB_LEDGER_YEAR';
export const LEDGER_T3_NAME = 'NB_LEDGER_T3';
export const LEDGER_RESULTS_NAME = 'NB_LEDGER_RESULTS';

export const REGISTER_NOTE =
  '每件申请填写一行。日期请填为日期（如 2025-03-04）；申请人类型、办理结果及“是否”各栏请从下拉列表选择；未答复的申请请将答复日期和办理结果留空。' +
  `工作表“${SUMMARY_SHEET}”按年度自动汇总出表三。申请人和申请内容属于个人信息，只留在本表，不随年报导出。`;

export const SUMMARY_NOTE =
  '本年新收：收到日期在本年度内；上年结转：本年度之前收到、且未在本年度之前答复；办理结果：答复日期在本年度内，按办理结果分类；' +
  '结转下年度：本年度末之前收到、且未在本年度内答复。申请人类型或办理结果未填、不在下拉列表中的行不计入，请用年报加载项或 nianbao ledger 检查台账。';

const YES_NO = ['是', '否'] as const;

export const UNCOUNTED_NONE = '✓ 台账中与本年度有关的登记均已计入上表';
export const UNCOUNTED_SOME = ' 处登记未计入上表（申请人类型或办理结果不在下拉列表中、日期不是日期格式，或有答复日期而无办理结果），请用年报加载项或 nianbao ledger 检查台账';

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

// ---- the register ------------------------------------------------------------------------------

const WIDTH: Record<LedgerKind, number> = { serial: 6, text: 14, date: 12, applicant: 13, yesno: 8, result: 26, money: 10 };
const WIDE: Partial<Record<LedgerKey, number>> = { content: 30, remarks: 16, method: 10, applicant: 16 };

function columnFormat(key: LedgerKey, kind: LedgerKind): LedgerColumnFormat {
  const width = WIDE[key] ?? WIDTH[kind];
  switch (kind) {
    case 'date':
      return { width, numberFormat: DATE_FORMAT, horizontal: 'Center' };
    case 'money':
      return { width, numberFormat: MONEY_FORMAT, horizontal: 'Right' };
    case 'serial':
    case 'yesno':
      return { width, numberFormat: 'General', horizontal: 'Center' };
    case 'applicant':
    case 'result':
      return { width, numberFormat: '@', horizontal: 'Left' };
    case 'text':
      // Text, so an application number such as 2025-001 is never turned into a date.
      return { width, numberFormat: '@', horizontal: 'Left', ...(key === 'content' || key === 'remarks' ? { wrap: true } : {}) };
  }
}

function ruleFor(kind: LedgerKind): Omit<LedgerValidation, 'area'> | undefined {
  switch (kind) {
    case 'date':
      return { rule: { type: 'date', from: FIRST_DATE, to: LAST_DATE }, title: '请填写日期', message: '请填写日期，如 2025-03-04（2000 年至 2100 年之间）' };
    case 'applicant':
      return { rule: { type: 'list', items: APPLICANT_TYPES.map((t) => t.name) }, title: '请选择申请人类型', message: `申请人类型请从下拉列表选择：${APPLICANT_TYPES.map((t) => t.name).join('、')}` };
    case 'yesno':
      return { rule: { type: 'list', items: YES_NO }, title: '请选择是或否', message: '请填写“是”或“否”，也可留空（视为否）' };
    case 'result':
      return { rule: { type: 'listName', name: LEDGER_RESULTS_NAME }, title: '请选择办理结果', message: '办理结果请从下拉列表选择（对应表三第三项的21种情形）；未答复请留空' };
    case 'money':
      return { rule: { type: 'decimal', min: 0 }, title: '请填写金额', message: '收费金额以元为单位，应为不小于0的数字；未收费请填0或留空' };
    default:
      return undefined;
  }
}

// ---- the plan ----------------------------------------------------------------------------------

export function ledgerPlan(options: LedgerPlanOptions = {}): LedgerPlan {
  const org = options.org?.trim() ?? '';
  const year = options.year ?? null;
  const registerName = options.registerName ?? REGISTER_SHEET;
  const summaryName = options.summaryName ?? SUMMARY_SHEET;
  const preparedRows = options.preparedRows ?? PREPARED_ROWS;

  // Register: title, note, header, data.
  const headerRow = 2;
  const firstRow = headerRow + 1;
  const width = LEDGER_COLUMNS.length;
  const columnOf = Object.fromEntries(LEDGER_COLUMNS.map((c, i) => [c.key, i])) as Record<LedgerKey, number>;
  const columns = LEDGER_COLUMNS.map((c) => columnFormat(c.key, c.kind));
  const registerCells: LedgerPlannedCell[] = [
    { row: 0, col: 0, style: 'title', value: `${org}${LEDGER_TITLE}` },
    { row: 1, col: 0, style: 'note', value: REGISTER_NOTE },
    ...LEDGER_COLUMNS.map((c, i): LedgerPlannedCell => ({ row: headerRow, col: i, style: 'header', value: c.label })),
  ];
  const lineWidth = columns.reduce((s, c) => s + c.width, 0);
  const register: LedgerSheetPlan = {
    name: registerName,
    cells: registerCells,
    merges: [
      { r1: 0, c1: 0, r2: 0, c2: width - 1 },
      { r1: 1, c1: 0, r2: 1, c2: width - 1 },
    ],
    columns,
    rowHeights: new Map([
      [0, 30],
      [1, Math.ceil(textWidth(REGISTER_NOTE) / lineWidth + 0.5) * 13 + 4],
      [headerRow, Math.max(...LEDGER_COLUMNS.map((c, i) => Math.ceil(textWidth(c.label) / Math.max(columns[i].width - 1, 1)))) * 14 + 6],
    ]),
    validations: LEDGER_COLUMNS.flatMap((c, i) => {
      const rule = ruleFor(c.kind);
      return rule ? [{ area: { row: firstRow, col: i, rows: preparedRows, cols: 1 }, ...rule }] : [];
    }),
    marks: registerMarks(columnOf, firstRow, preparedRows),
    frozenRows: firstRow,
    print: { orientation: 'landscape', paper: 'A4', titleRows: { from: headerRow, to: headerRow }, gridlines: true },
    autoFilter: { row: headerRow, col: 0, rows: 1, cols: width },
    protect: false,
  };

  // Summary: title, year and period, note, 表三, and the result list the register's validation reads.
  const t3 = TABLES.T3;
  const yearCell = { row: 1, col: 1 };
  const from = { row: 1, col: 3 };
  const to = { row: 1, col: 6 };
  const noteRow = 2;
  const headingRow = 3;
  const origin = { row: headingRow + 1, col: 0 };
  const listCol = t3.cols + 1;
  const listFirst = origin.row + 1;
  const summaryCells: LedgerPlannedCell[] = [];
  const merges: Merge[] = [];
  const put = (cell: LedgerPlannedCell, rows = 1, cols = 1): void => {
    summaryCells.push(cell);
    if (rows > 1 || cols > 1) merges.push({ r1: cell.row, c1: cell.col, r2: cell.row + rows - 1, c2: cell.col + cols - 1 });
  };
  const Y = absA1(yearCell.row, yearCell.col);
  const S = absA1(from.row, from.col);
  const E = absA1(to.row, to.col);
  put({ row: 0, col: 0, style: 'title', value: `${org}${SUMMARY_TITLE}` }, 1, t3.cols);
  put({ row: 1, col: 0, style: 'metaLabel', value: '统计年度' });
  put({ ...yearCell, style: 'metaInput', ...(year === null ? {} : { value: year }) });
  put({ row: 1, col: 2, style: 'metaLabel', value: '统计期限' });
  put({ ...from, style: 'summary', formula: `IF(ISNUMBER(${Y}),DATE(${Y},1,1),"")`, numberFormat: DATE_FORMAT }, 1, 2);
  put({ row: 1, col: 5, style: 'summary', value: '至' });
  put({ ...to, style: 'summary', formula: `IF(ISNUMBER(${Y}),DATE(${Y},12,31),"")`, numberFormat: DATE_FORMAT }, 1, 2);
  put({ row: noteRow, col: 0, style: 'note', value: SUMMARY_NOTE }, 1, t3.cols);
  put({ row: headingRow, col: 0, style: 'heading', value: t3.title }, 1, t3.cols);

  const mergeAt = (r: number, c: number) => t3.merges.find((m) => m.r1 === r && m.c1 === c);
  for (const l of t3.labels) {
    const m = mergeAt(l.r, l.c);
    put({ row: origin.row + l.r, col: origin.col + l.c, style: l.role === 'heading' ? 'header' : l.role, value: l.text }, m ? m.r2 - m.r1 + 1 : 1, m ? m.c2 - m.c1 + 1 : 1);
  }
  const at = new Map<string, { row: number; col: number }>();
  for (const input of t3.inputs) at.set(`${input.row},${input.col}`, { row: origin.row + input.r, col: origin.col + input.c });
  const cellAt = (row: number, col: number) => at.get(`${row},${col}`)!;

  const range = (key: LedgerKey): string => `${quoteSheet(registerName)}!$${columnLetter(columnOf[key])}:$${columnLetter(columnOf[key])}`;
  const R = range('received');
  const A = range('answered');
  const T = range('applicantType');
  const K = range('result');
  const end = `(${E}+1)`;
  const guard = (f: string) => `IF(ISNUMBER(${S}),${f},"")`;
  const totalCol = T3_COLUMNS.length;
  for (const type of APPLICANT_TYPES) {
    const t = `${T},${quote(type.name)}`;
    const open = (before: string) => `COUNTIFS(${t},${R},"<"&${before})-COUNTIFS(${t},${R},"<"&${before},${A},"<"&${before})`;
    const formulas = new Map<number, string>([
      [T3_ROW.received, `COUNTIFS(${t},${R},">="&${S},${R},"<"&${end})`],
      [T3_ROW.carriedIn, open(S)],
      [T3_ROW.carriedOut, open(end)],
    ]);
    // Received by the year's end too: an answer without a receipt date counts nowhere, as in the core.
    for (const c of RESULT_CATEGORIES) formulas.set(c.row, `COUNTIFS(${t},${K},${quote(c.choice)},${A},">="&${S},${A},"<"&${end},${R},"<"&${end})`);
    const first = cellAt(T3_ROW.firstResult, type.col);
    const last = cellAt(T3_ROW.lastResult, type.col);
    formulas.set(T3_ROW.total, `SUM(${a1(first.row, first.col)}:${a1(last.row, last.col)})`);
    for (const [row, f] of formulas) put({ ...cellAt(row, type.col), style: 'figure', formula: row === T3_ROW.total ? f : guard(f) });
  }
  for (let row = T3_ROW.received; row <= T3_ROW.carriedOut; row++) {
    const first = cellAt(row, 1);
    const last = cellAt(row, APPLICANT_TYPES.length);
    put({ ...cellAt(row, totalCol), style: 'figure', formula: `SUM(${a1(first.row, first.col)}:${a1(last.row, last.col)})` });
  }

  put({ row: origin.row, col: listCol, style: 'listHeader', value: '办理结果下拉选项（台账“办理结果”栏可选的值，请勿修改）' });
  RESULT_CATEGORIES.forEach((c, i) => put({ row: listFirst + i, col: listCol, style: 'listItem', value: c.choice }));
  const t3Area: Area = { ...origin, rows: t3.rows, cols: t3.cols };

  // What the counts leave out, so a summary that misses a row says so instead of passing silently.
  const checkRow = origin.row + t3.rows;
  const uncounted = { row: checkRow, col: origin.col + 3 };
  const ref = (row: number, col: number) => a1(cellAt(row, col).row, cellAt(row, col).col);
  const concerned = `COUNTIFS(${R},"<"&${end})-COUNTIFS(${R},"<"&${end},${A},"<"&${S})`;
  const answeredInYear = `COUNTIFS(${A},">="&${S},${A},"<"&${end})`;
  const textIn = (range: string) => `(COUNTA(${range})-COUNT(${range})-1)`;
  put({ row: checkRow, col: 0, style: 'checkLabel', value: '核对：与本年度有关而未计入上表的登记' }, 1, 3);
  put({
    ...uncounted,
    style: 'figure',
    formula: guard(`${concerned}-${ref(T3_ROW.received, totalCol)}-${ref(T3_ROW.carriedIn, totalCol)}+${answeredInYear}-${ref(T3_ROW.total, totalCol)}+${textIn(R)}+${textIn(A)}`),
  });
  const n = a1(uncounted.row, uncounted.col);
  put(
    {
      row: checkRow,
      col: uncounted.col + 1,
      style: 'note',
      formula: `IF(${n}="","",IF(${n}=0,"${UNCOUNTED_NONE}","✗ "&${n}&"${UNCOUNTED_SOME}"))`,
    },
    1,
    t3.cols - uncounted.col - 1,
  );

  const summary: LedgerSheetPlan = {
    name: summaryName,
    cells: summaryCells,
    merges,
    columns: [
      ...[16, 18, 36, 9, 9, 9, 9, 9, 9, 9].map((w) => ({ width: w, numberFormat: 'General', horizontal: 'Center' as const })),
      { width: 3, numberFormat: 'General', horizontal: 'Left' },
      { width: 40, numberFormat: '@', horizontal: 'Left' },
    ],
    rowHeights: new Map([
      [0, 30],
      [noteRow, Math.ceil(textWidth(SUMMARY_NOTE) / 120 + 0.5) * 13 + 4],
      [headingRow, 24],
      ...summaryLabelHeights(t3Area),
      [checkRow, 30],
    ]),
    validations: [{ area: { ...yearCell, rows: 1, cols: 1 }, rule: { type: 'whole', min: 2000, max: 2100 }, title: '请填写年度', message: '统计年度应为四位数字，如 2025' }],
    marks: [],
    frozenRows: 0,
    print: { orientation: 'portrait', paper: 'A4', gridlines: false, area: { row: 0, col: 0, rows: checkRow + 1, cols: t3.cols } },
    protect: true,
  };

  return {
    register,
    summary,
    names: [
      { name: LEDGER_NAME, scope: 'register', sheet: 'register', area: { row: headerRow, col: 0, rows: preparedRows + 1, cols: width } },
      { name: LEDGER_RESULTS_NAME, scope: 'register', sheet: 'summary', area: { row: listFirst, col: listCol, rows: RESULT_CATEGORIES.length, cols: 1 } },
      { name: LEDGER_YEAR_NAME, scope: 'summary', sheet: 'summary', area: { ...yearCell, rows: 1, cols: 1 } },
      { name: LEDGER_T3_NAME, scope: 'summary', sheet: 'summary', area: t3Area },
    ],
    columnOf,
    headerRow,
    firstRow,
    preparedRows,
    year: yearCell,
    t3: t3Area,
    uncounted,
    cellAt,
  };
}

/** The register's marks over its prepared rows: text in a date column, an answer before its receipt, an answer date and a result without the other. */
function registerMarks(columnOf: Readonly<Record<LedgerKey, number>>, firstRow: number, rows: number): LedgerMark[] {
  const column = (key: LedgerKey): Area => ({ row: firstRow, col: columnOf[key], rows, cols: 1 });
  const cell = (key: LedgerKey, absoluteColumn = false): string => `${absoluteColumn ? '$' : ''}${columnLetter(columnOf[key])}${firstRow + 1}`;
  const marks: LedgerMark[] = LEDGER_COLUMNS.filter((c) => c.kind === 'date').map((c) => ({
    area: column(c.key),
    formula: `ISTEXT(${cell(c.key)})`,
    severity: 'error' as const,
    rules: ['ledger.date'],
  }));
  marks.push({
    area: column('answered'),
    formula: `AND(ISNUMBER(${cell('answered')}),ISNUMBER(${cell('received', true)}),${cell('answered')}<${cell('received', true)})`,
    severity: 'error',
    rules: ['ledger.answerBeforeReceipt'],
  });
  // 答复日期 and 办理结果 sit side by side in the standard register: one format marks both.
  if (columnOf.result === columnOf.answered + 1) {
    marks.push({
      area: { row: firstRow, col: columnOf.answered, rows, cols: 2 },
      formula: `(${cell('answered', true)}="")<>(${cell('result', true)}="")`,
      severity: 'error',
      rules: ['ledger.dateWithoutResult', 'ledger.resultWithoutDate'],
    });
  }
  return marks;
}

/** Row heights for 表三's wrapped labels on the summary, as the template gives them. */
function summaryLabelHeights(t3: Area): [number, number][] {
  const widths = [16, 18, 36];
  const out: [number, number][] = [];
  const table = TABLES.T3;
  for (const l of table.labels) {
    const m = table.merges.find((x) => x.r1 === l.r && x.c1 === l.c);
    if (m && m.r2 > m.r1) continue;
    let w = 0;
    for (let c = l.c; c <= (m ? m.c2 : l.c); c++) w += widths[c] ?? 9;
    const lines = Math.ceil(textWidth(l.text) / Math.max(w - 1, 1));
    if (lines > 1) out.push([t3.row + l.r, lines * 14 + 4]);
  }
  return out;
}

/** A sheet-qualified absolute reference to a planned name's area, as a defined name holds it. */
export function nameReference(plan: LedgerPlan, n: LedgerName): string {
  return `${quoteSheet(plan[n.sheet].name)}!${areaA1(n.area, true)}`;
}
