/**
 * The three fixed tables of 国办公开办函〔2021〕30号, as data.
 *
 * Everything that draws, reads or checks a table — the xlsx writer, the Excel template,
 * the custom functions, the pane, the importers — derives from the declarations below.
 * Labels are the official wording character for character (full-width brackets as published).
 * Coordinates are 0-based within a table's own grid; the sheet layout places the grids.
 */

export type TableId = 'T2' | 'T3' | 'T4';
export type InputKind = 'count' | 'amount';
/** A public, fixed cell id such as `T3.R1.C7`. */
export type CellId = string;

export interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface LabelCell {
  r: number;
  c: number;
  text: string;
  role: 'heading' | 'header' | 'label' | 'note';
}

export interface InputCell {
  id: CellId;
  table: TableId;
  /** Row and column in the public id (1-based). */
  row: number;
  col: number;
  /** Position in the table grid (0-based). */
  r: number;
  c: number;
  kind: InputKind;
  /** Column heading and row label, for messages: 表三 自然人/（七）总计. */
  colName: string;
  rowName: string;
}

export interface TableLayout {
  id: TableId;
  /** 表二 / 表三 / 表四. */
  name: string;
  /** The part heading printed above the table. */
  title: string;
  rows: number;
  cols: number;
  labels: LabelCell[];
  merges: Merge[];
  inputs: InputCell[];
}

export const cellId = (table: TableId, row: number, col: number): CellId => `${table}.R${row}.C${col}`;

class GridBuilder {
  readonly labels: LabelCell[] = [];
  readonly merges: Merge[] = [];
  readonly inputs: InputCell[] = [];

  label(r: number, c: number, text: string, role: LabelCell['role'], r2 = r, c2 = c): void {
    this.labels.push({ r, c, text, role });
    this.merge(r, c, r2, c2);
  }

  input(cell: Omit<InputCell, 'id'>, r2 = cell.r, c2 = cell.c): void {
    this.inputs.push({ ...cell, id: cellId(cell.table, cell.row, cell.col) });
    this.merge(cell.r, cell.c, r2, c2);
  }

  private merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r2 > r1 || c2 > c1) this.merges.push({ r1, c1, r2, c2 });
  }
}

// ---------------------------------------------------------------------------------------------
// 表二 主动公开政府信息情况

interface T2Block {
  heading: string;
  columns: string[];
  rows: string[];
  kind: InputKind;
}

export const T2_BLOCKS: readonly T2Block[] = [
  { heading: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['规章', '行政规范性文件'], kind: 'count' },
  { heading: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['行政许可'], kind: 'count' },
  { heading: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['行政处罚', '行政强制'], kind: 'count' },
  { heading: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['行政事业性收费'], kind: 'amount' },
];

function buildT2(): TableLayout {
  const g = new GridBuilder();
  const cols = 4;
  let r = 0;
  let row = 0;
  for (const block of T2_BLOCKS) {
    g.label(r, 0, block.heading, 'heading', r, cols - 1);
    r++;
    g.label(r, 0, '信息内容', 'header');
    const wide = block.columns.length === 1;
    block.columns.forEach((text, i) => (wide ? g.label(r, 1, text, 'header', r, cols - 1) : g.label(r, 1 + i, text, 'header')));
    r++;
    for (const rowName of block.rows) {
      row++;
      g.label(r, 0, rowName, 'label');
      block.columns.forEach((colName, i) => {
        const cell = { table: 'T2' as const, row, col: i + 1, r, c: 1 + i, kind: block.kind, colName, rowName };
        if (wide) g.input(cell, r, cols - 1);
        else g.input(cell);
      });
      r++;
    }
  }
  return { id: 'T2', name: '表二', title: '二、主动公开政府信息情况', rows: r, cols, ...g };
}

// ---------------------------------------------------------------------------------------------
// 表三 收到和处理政府信息公开申请情况

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const T3_LEGAL_PERSONS = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;
export const T3_COLUMNS = ['自然人', ...T3_LEGAL_PERSONS, '总计'] as const;

/** 三、本年度办理结果: each sub-item with its detail rows (none: the sub-item is one row). */
export const T3_RESULTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['（一）予以公开', []],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', []],
  ['（三）不予公开', ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']],
  ['（四）无法提供', ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']],
  ['（五）不予处理', ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息']],
  ['（六）其他处理', ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']],
  ['（七）总计', []],
];

export const T3_ITEMS = {
  received: '一、本年新收政府信息公开申请数量',
  carriedIn: '二、上年结转政府信息公开申请数量',
  results: '三、本年度办理结果',
  carriedOut: '四、结转下年度继续办理',
} as const;

/** T3 row numbers with a meaning of their own in the rules. */
export const T3_ROW = { received: 1, carriedIn: 2, firstResult: 3, lastResult: 23, total: 24, carriedOut: 25 } as const;
export const T3_HEADER_ROWS = 3;
export const T3_LABEL_COLS = 3;

/** The 25 data rows: the label a reader sees for each, in order. */
export const T3_ROW_NAMES: readonly string[] = (() => {
  const names: string[] = [T3_ITEMS.received, T3_ITEMS.carriedIn];
  for (const [sub, details] of T3_RESULTS) {
    if (details.length === 0) names.push(sub);
    else for (const d of details) names.push(`${sub}${d}`);
  }
  names.push(T3_ITEMS.carriedOut);
  return names;
})();

function buildT3(): TableLayout {
  const g = new GridBuilder();
  const H = T3_HEADER_ROWS;
  const L = T3_LABEL_COLS;
  const cols = L + T3_COLUMNS.length;
  g.label(0, 0, T3_NOTE, 'note', H - 1, L - 1);
  g.label(0, L, '申请人情况', 'header', 0, cols - 1);
  g.label(1, L, '自然人', 'header', 2, L);
  g.label(1, L + 1, '法人或其他组织', 'header', 1, L + T3_LEGAL_PERSONS.length);
  T3_LEGAL_PERSONS.forEach((name, i) => g.label(2, L + 1 + i, name, 'header'));
  g.label(1, cols - 1, '总计', 'header', 2, cols - 1);

  const dataRow = (row: number): number => H + row - 1;
  g.label(dataRow(1), 0, T3_ITEMS.received, 'label', dataRow(1), L - 1);
  g.label(dataRow(2), 0, T3_ITEMS.carriedIn, 'label', dataRow(2), L - 1);
  g.label(dataRow(T3_ROW.firstResult), 0, T3_ITEMS.results, 'label', dataRow(T3_ROW.total), 0);
  let row = T3_ROW.firstResult;
  for (const [sub, details] of T3_RESULTS) {
    if (details.length === 0) {
      g.label(dataRow(row), 1, sub, 'label', dataRow(row), 2);
      row++;
    } else {
      g.label(dataRow(row), 1, sub, 'label', dataRow(row + details.length - 1), 1);
      for (const d of details) g.label(dataRow(row++), 2, d, 'label');
    }
  }
  g.label(dataRow(T3_ROW.carriedOut), 0, T3_ITEMS.carriedOut, 'label', dataRow(T3_ROW.carriedOut), L - 1);

  T3_ROW_NAMES.forEach((rowName, i) => {
    T3_COLUMNS.forEach((colName, j) => {
      g.input({ table: 'T3', row: i + 1, col: j + 1, r: dataRow(i + 1), c: L + j, kind: 'count', colName, rowName });
    });
  });
  return { id: 'T3', name: '表三', title: '三、收到和处理政府信息公开申请情况', rows: H + T3_ROW_NAMES.length, cols, ...g };
}

// ---------------------------------------------------------------------------------------------
// 表四 政府信息公开行政复议、行政诉讼情况

export const T4_OUTCOMES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export const T4_GROUPS = [
  { name: '行政复议', parent: null },
  { name: '未经复议直接起诉', parent: '行政诉讼' },
  { name: '复议后起诉', parent: '行政诉讼' },
] as const;

function buildT4(): TableLayout {
  const g = new GridBuilder();
  const n = T4_OUTCOMES.length;
  const cols = n * T4_GROUPS.length;
  g.label(0, 0, '行政复议', 'header', 0, n - 1);
  g.label(0, n, '行政诉讼', 'header', 0, cols - 1);
  T4_GROUPS.forEach((group, gi) => {
    const c0 = gi * n;
    if (group.parent === null) {
      T4_OUTCOMES.forEach((o, i) => g.label(1, c0 + i, o, 'header', 2, c0 + i));
    } else {
      g.label(1, c0, group.name, 'header', 1, c0 + n - 1);
      T4_OUTCOMES.forEach((o, i) => g.label(2, c0 + i, o, 'header'));
    }
    T4_OUTCOMES.forEach((o, i) => {
      g.input({ table: 'T4', row: 1, col: c0 + i + 1, r: 3, c: c0 + i, kind: 'count', colName: o, rowName: group.name });
    });
  });
  return { id: 'T4', name: '表四', title: '四、政府信息公开行政复议、行政诉讼情况', rows: 4, cols, ...g };
}

export const TABLES: Readonly<Record<TableId, TableLayout>> = { T2: buildT2(), T3: buildT3(), T4: buildT4() };
export const TABLE_IDS: readonly TableId[] = ['T2', 'T3', 'T4'];

export const INPUT_CELLS: readonly InputCell[] = TABLE_IDS.flatMap((t) => TABLES[t].inputs);
export const CELL_IDS: readonly CellId[] = INPUT_CELLS.map((c) => c.id);
const BY_ID = new Map(INPUT_CELLS.map((c) => [c.id, c]));

export function inputCell(id: CellId): InputCell {
  const cell = BY_ID.get(id);
  if (!cell) throw new Error(`unknown cell id ${id}`);
  return cell;
}

export const isCellId = (id: string): boolean => BY_ID.has(id);

/** 表三 自然人/（七）总计 — how a cell is named to a user. */
export function cellName(id: CellId): string {
  const cell = inputCell(id);
  const table = TABLES[cell.table].name;
  return cell.table === 'T3' ? `${table} ${cell.colName}/${cell.rowName}` : `${table} ${cell.rowName}/${cell.colName}`;
}
