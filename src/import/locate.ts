/**
 * The locator: places the official tables' input cells in a document of paragraphs and tables,
 * by their labels, whatever the importer (Word, HTML, text) the rows came from.
 *
 * Rows are read as one stream across all tables of the document, because a published table is
 * often several (T2 as four small tables, T3 broken across pages with its header repeated). Each
 * row is attributed to 表二/表三/表四 by the labels it carries; a data row is identified by its row
 * label — the most specific one: a detail ("1.属于国家秘密") before its sub-item before its item —
 * and its figures are the cells after that label. Every official row not found, and every row that
 * cannot be placed, becomes a finding naming the label; a table with such a gap is marked
 * unreadable, so the engine does not read its missing cells as 0.
 */
import { Finding } from '../core/findings';
import { CellValue, KnownSum, MAX_TEXT } from '../core/report';
import { CellId, InputCell, T3_COLUMNS, T3_ITEMS, T3_LEGAL_PERSONS, T3_NOTE, T3_RESULTS, T3_ROW, T4_GROUPS, TABLES, TABLE_IDS, TableId } from '../core/tables';
import { LabelSet, MatchLevel, isValueLike, labelKey } from './labels';
import { Block, LocRow, expandTable } from './model';

// ---- the official rows, derived from the table declarations ------------------------------------

interface RowSpec {
  table: TableId;
  row: number;
  /** The label named in findings. */
  label: string;
  inputs: InputCell[];
}

const inputsOf = (table: TableId, row: number): InputCell[] => TABLES[table].inputs.filter((c) => c.row === row).sort((a, b) => a.col - b.col);

const T2_ROWS: RowSpec[] = [...new Set(TABLES.T2.inputs.map((c) => c.row))].map((row) => ({ table: 'T2', row, label: inputsOf('T2', row)[0].rowName, inputs: inputsOf('T2', row) }));

interface T3Sub {
  label: string;
  /** The row of a sub-item without details. */
  row: number | null;
  details: { label: string; row: number }[];
}

const T3_SUBS: T3Sub[] = (() => {
  let row = T3_ROW.firstResult;
  return T3_RESULTS.map(([label, details]) => {
    if (details.length === 0) return { label, row: row++, details: [] };
    return { label, row: null, details: details.map((d) => ({ label: d, row: row++ })) };
  });
})();

/** The sub-item "（六）其他处理": one row in the 2019 format, three in the current one. */
const T3_OTHER = T3_SUBS.find((s) => s.details.length > 0 && s.details.some((d) => d.row === T3_ROW.lastResult))!;
const OTHER_ROWS = T3_OTHER.details.map((d) => d.row);
/** The single （六） row's key among the rows found but not placed. */
const OTHER_KEY = 'T3.other';

const T3_ROW_LABEL = new Map<number, string>();
T3_ROW_LABEL.set(T3_ROW.received, T3_ITEMS.received).set(T3_ROW.carriedIn, T3_ITEMS.carriedIn).set(T3_ROW.carriedOut, T3_ITEMS.carriedOut);
for (const s of T3_SUBS) {
  if (s.row !== null) T3_ROW_LABEL.set(s.row, s.label);
  for (const d of s.details) T3_ROW_LABEL.set(d.row, `${s.label}${d.label}`);
}

const T3_ITEM_LABELS = new LabelSet<number | 'results'>([
  [T3_ITEMS.received, T3_ROW.received],
  [T3_ITEMS.carriedIn, T3_ROW.carriedIn],
  [T3_ITEMS.results, 'results'],
  [T3_ITEMS.carriedOut, T3_ROW.carriedOut],
]);
const T3_SUB_LABELS = new LabelSet<T3Sub>(T3_SUBS.map((s) => [s.label, s] as const));
const T3_DETAIL_LABELS = new LabelSet<number>(T3_SUBS.flatMap((s) => s.details.map((d) => [d.label, d.row] as const)));
const T3_DETAIL_TEXT = new Map<number, string>(T3_SUBS.flatMap((s) => s.details.map((d) => [d.row, d.label] as const)));
const T2_ROW_LABELS = new LabelSet<RowSpec>(T2_ROWS.map((r) => [r.label, r] as const));

export const T4_DATA_LABEL = T4_GROUPS.map((g) => g.name).join('、');

/** What a table's header is made of: every label that is not a row label. */
const headerLabels = (t: TableId): string[] => [...new Set(TABLES[t].labels.filter((l) => l.role !== 'label').map((l) => l.text))];
const HEADER_LABELS: Record<TableId, LabelSet<string>> = {
  T2: new LabelSet(headerLabels('T2').map((l) => [l, l] as const)),
  T3: new LabelSet(headerLabels('T3').map((l) => [l, l] as const)),
  T4: new LabelSet(headerLabels('T4').map((l) => [l, l] as const)),
};

// ---- 表三's columns, as its header names them ------------------------------------------------

/**
 * A column of 表三 as printed: an official one (its index in T3_COLUMNS), or a subtotal of the
 * legal persons ("法人或其他组织小计") some bodies add, which is no input and is skipped.
 */
type T3Column = number | 'subtotal';
const T3_COLUMN_LABELS = new LabelSet<number>(T3_COLUMNS.map((c, i) => [c, i] as const));
const SUBTOTAL = /小计$/;
const LEGAL_GROUP = '法人或其他组织';
const LEGAL_INDEXES = T3_LEGAL_PERSONS.map((p) => T3_COLUMNS.indexOf(p));

/** A header cell of 表三 read as a column; '其他' is a column only among the legal persons. */
function t3Column(text: string): T3Column | 'group' | undefined {
  const key = labelKey(text);
  if (SUBTOTAL.test(key)) return 'subtotal';
  if (key === labelKey(LEGAL_GROUP)) return 'group';
  return T3_COLUMN_LABELS.match(text, 'exact');
}

// ---- the 2019 format (国办公开办函〔2019〕60号): what only it has -------------------------------

/** Labels of the 2019 format's 表二 that the current format does not have. */
export const FORMAT_2019_LABELS = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '其他对外管理服务事项', '第二十条第（九）项', '政府集中采购', '采购项目数量', '采购总金额'] as const;
const FORMAT_2019 = new LabelSet<string>(FORMAT_2019_LABELS.map((l) => [l, l] as const));

// ---- which table a row belongs to -------------------------------------------------------------

/** Labels that name one table only: a row carrying one says which table it is in. */
const SIGNALS: Record<TableId, LabelSet<true>> = (() => {
  const keysOf = (t: TableId) => new Set(TABLES[t].labels.map((l) => labelKey(l.text)));
  const all = TABLE_IDS.map((t) => ({ t, keys: keysOf(t) }));
  // A word as short as "其他" says nothing of the table it stands in (表四's "其他结果" is printed "其他" / "结果" in a PDF's text).
  const own = (t: TableId) => [...keysOf(t)].filter((k) => k.length > 2 && all.every((o) => o.t === t || !o.keys.has(k)));
  return {
    T2: new LabelSet([...own('T2'), ...FORMAT_2019_LABELS].map((k) => [k, true as const] as const)),
    T3: new LabelSet([...own('T3'), T3_NOTE].map((k) => [k, true as const] as const)),
    T4: new LabelSet(own('T4').map((k) => [k, true as const] as const)),
  };
})();
const SIGNAL_LEVEL: MatchLevel = 'core';

const TITLES = new LabelSet<TableId>(TABLE_IDS.map((t) => [TABLES[t].title, t] as const));
const PART_HEADING = /^[一二三四五六七八九十]+\.\S{2,40}$/;

// ---- reading a cell ---------------------------------------------------------------------------

/** A figure as the report model keeps it: a clean number as a number, anything else as typed. */
export function cellValue(text: string): CellValue {
  const t = text.replace(/\s*\n\s*/g, '').trim();
  if (t === '') return null;
  if (/^[+-]?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

// ---- the locator ------------------------------------------------------------------------------

export interface Located {
  cells: Partial<Record<CellId, CellValue>>;
  findings: Finding[];
  /** Tables the engine must skip: not found, or with rows that could not be placed. */
  unreadable: TableId[];
  /** Which format the tables follow. */
  edition: '2021' | '2019';
  /** What shows the 2019 format, in Chinese, for the message. */
  evidence: string[];
  /** 表二 is in the 2019 format and was not read. */
  t2Outdated: boolean;
  /** 表三's （六）其他处理 is a single row (2019 format): its three current rows are unknown, its figures their sums. */
  t3SingleOther: boolean;
  /** Cells the document does not give one by one (the three current （六） rows beside a single one). */
  unknown: CellId[];
  /** What the document says about those cells: the single （六） row's figures, as the sums of each column's three. */
  sums: KnownSum[];
}

type Cells = LocRow['cells'];

class Locator {
  private region: TableId | null = null;
  private readonly seen = new Set<TableId>();
  private readonly values = new Map<CellId, CellValue>();
  /** Official rows read, by "T3.5", with their figures as found. */
  private readonly rowsRead = new Map<string, string[]>();
  /** Official rows that were found but could not be placed. */
  private readonly rowsUnplaced = new Set<string>();
  private findings: Finding[] = [];
  private readonly headersSeen: Record<TableId, Set<string>> = { T2: new Set(), T3: new Set(), T4: new Set() };
  private readonly evidence2019 = new Set<string>();
  private t3Context: T3Sub | null = null;
  private t3SingleOther = false;
  /** 表三's figure columns in the order printed, when its header shows one we do not have (a 小计 column); else null. */
  private t3Columns: T3Column[] | null = null;
  /** Where a 小计 stood in a header row above the legal persons' one: before or after the group. */
  private t3SubtotalSide: 'before' | 'after' | null = null;
  /** The figures of the 2019 format's single （六）其他处理 row, as found. */
  private otherCombined: string[] | null = null;

  paragraph(text: string): void {
    const key = labelKey(text);
    if (PART_HEADING.test(key)) {
      const title = TITLES.match(text);
      // "三、本年度办理结果" (or "一、本年新收政府信" wrapped) printed apart from its row, as in a PDF's text, is no part heading.
      if (title === undefined && this.region === 'T3' && T3_ITEM_LABELS.match(text) !== undefined) return;
      this.region = title ?? null;
      return;
    }
    // Header cells printed on one line apart from the table (a PDF's text): "行政复议    行政诉讼".
    if (this.region) this.noteHeaders(this.region, text.split(/\s+/).filter((t) => t !== '').map((t) => ({ text: t, continued: false })));
  }

  row(cells: Cells): void {
    if (cells.every((c) => c.text === '')) return;
    const region = this.regionOf(cells);
    if (region) {
      this.region = region;
      this.seen.add(region);
    }
    if (!this.region) return;
    this.noteHeaders(this.region, cells);
    if (this.region === 'T2') this.rowT2(cells);
    else if (this.region === 'T3') this.rowT3(cells);
    else this.rowT4(cells);
  }

  /** The table whose own labels the row carries most of; null when it carries none. */
  private regionOf(cells: Cells): TableId | null {
    let best: TableId | null = null;
    let bestCount = 0;
    for (const t of TABLE_IDS) {
      const count = cells.filter((c) => c.text !== '' && SIGNALS[t].match(c.text, SIGNAL_LEVEL)).length;
      if (count > bestCount || (count === bestCount && count > 0 && t === this.region)) {
        best = t;
        bestCount = count;
      }
    }
    return best;
  }

  private noteHeaders(t: TableId, cells: Cells): void {
    if (t === 'T3') this.noteT3Columns(cells);
    for (const c of cells) {
      if (c.text === '') continue;
      const h = HEADER_LABELS[t].match(c.text, 'suffix');
      if (h) this.headersSeen[t].add(h);
      // Header cells copied one space apart: "信息内容 本年处理决定数量".
      else if (/\s/.test(c.text.trim())) this.noteHeaders(t, c.text.trim().split(/\s+/).map((text) => ({ text, continued: false })));
      if (t === 'T2') {
        const old = FORMAT_2019.match(c.text, 'core');
        if (old) this.evidence2019.add(old);
      }
    }
  }

  /**
   * Reads 表三's column order from a header row. The row naming the legal persons gives it; 自然人
   * and 总计 stand in the row above when the header is copied without its merged cells. Only an
   * order with a 小计 is kept: the official order needs nothing.
   */
  private noteT3Columns(cells: Cells): void {
    const texts = cells.flatMap((c) => (c.text.trim() === '' ? [] : /\s/.test(c.text.trim()) && t3Column(c.text) === undefined ? c.text.trim().split(/\s+/) : [c.text]));
    const columns: (T3Column | 'group')[] = [];
    for (const text of texts) {
      const col = t3Column(text);
      if (col !== undefined && columns[columns.length - 1] !== col) columns.push(col);
    }
    const legal = columns.filter((c): c is number => typeof c === 'number' && LEGAL_INDEXES.includes(c));
    if (new Set(legal).size < 3) {
      // A row above the legal persons: 自然人 | 法人或其他组织 | 法人或其他组织小计 | 总计.
      const sub = columns.indexOf('subtotal');
      const group = columns.indexOf('group');
      if (sub >= 0 && group >= 0) this.t3SubtotalSide = sub < group ? 'before' : 'after';
      else if (sub >= 0 && this.t3SubtotalSide === null) this.t3SubtotalSide = 'after';
      return;
    }
    let order: T3Column[] = columns.filter((c): c is T3Column => c !== 'group');
    if (!order.includes('subtotal')) {
      if (this.t3SubtotalSide === null) {
        this.t3Columns = null;
        return;
      }
      const first = order.findIndex((c) => typeof c === 'number' && LEGAL_INDEXES.includes(c));
      const last = order.length - 1 - [...order].reverse().findIndex((c) => typeof c === 'number' && LEGAL_INDEXES.includes(c));
      order = this.t3SubtotalSide === 'before' ? [...order.slice(0, first), 'subtotal', ...order.slice(first)] : [...order.slice(0, last + 1), 'subtotal', ...order.slice(last + 1)];
    }
    const natural = 0;
    const total = T3_COLUMNS.length - 1;
    if (!order.includes(natural)) order = [natural, ...order];
    if (!order.includes(total)) order = [...order, total];
    // Every official column once, and one subtotal: anything else is not a header we understand.
    const official = order.filter((c) => c !== 'subtotal');
    if (official.length !== T3_COLUMNS.length || new Set(official).size !== T3_COLUMNS.length || order.length !== T3_COLUMNS.length + 1) return;
    this.t3Columns = order;
  }

  /** 表三's figures after the label, in the official order: a 小计 column the header names is skipped (and checked). */
  private t3Figures(cells: Cells, index: number, label: string, row: number | null): string[] | { found: number } {
    const columns = this.t3Columns;
    if (columns === null) return this.valuesAfter(cells, index, T3_COLUMNS.length);
    const printed = this.valuesAfter(cells, index, columns.length);
    if (!Array.isArray(printed)) {
      const plain = this.valuesAfter(cells, index, T3_COLUMNS.length);
      return Array.isArray(plain) ? plain : printed;
    }
    const figures = new Array<string>(T3_COLUMNS.length).fill('');
    let subtotal = '';
    columns.forEach((c, i) => {
      if (c === 'subtotal') subtotal = printed[i];
      else figures[c] = printed[i];
    });
    const parts = LEGAL_INDEXES.map((i) => cellValue(figures[i]));
    const shown = cellValue(subtotal);
    if (typeof shown === 'number' && parts.every((v) => typeof v === 'number')) {
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (sum !== shown && !this.findings.some((f) => f.rule === 'import.subtotal' && f.params?.label === label)) {
        const ids = row === null ? [] : LEGAL_INDEXES.map((i) => inputsOf('T3', row)[i].id);
        this.findings.push({ rule: 'import.subtotal', severity: 'warning', table: 'T3', cells: ids, params: { label, subtotal: String(shown), sum: String(sum) } });
      }
    }
    return figures;
  }

  private rowT2(cells: Cells): void {
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c.text === '' || isValueLike(c.text)) continue;
      const spec = T2_ROW_LABELS.match(c.text);
      if (spec) {
        this.place(spec, this.valuesAfter(cells, i, spec.inputs.length));
        return;
      }
    }
    if (!cells.some((c) => c.text !== '' && FORMAT_2019.match(c.text, 'core'))) this.unknownRow('T2', cells);
  }

  private rowT3(cells: Cells): void {
    let detail: { row: number; index: number } | null = null;
    let sub: { sub: T3Sub; index: number } | null = null;
    let item: { row: number; index: number } | null = null;
    let results = false;
    const unmatched: number[] = [];
    for (let i = 0; i < cells.length; i++) {
      const text = cells[i].text;
      if (text === '' || isValueLike(text)) continue;
      const d = T3_DETAIL_LABELS.match(text);
      const s = d === undefined ? T3_SUB_LABELS.match(text) : undefined;
      const it = d === undefined && s === undefined ? T3_ITEM_LABELS.match(text) : undefined;
      if (d !== undefined) detail = { row: d, index: i };
      else if (s !== undefined) sub = { sub: s, index: i };
      else if (it === 'results') results = true;
      else if (it !== undefined) item = { row: it, index: i };
      else unmatched.push(i);
    }
    if (sub) this.t3Context = sub.sub;
    // A short detail ("其他") is matched within the sub-item it stands under.
    const context = this.t3Context;
    if (!detail && context && context.details.length > 0) {
      const local = new LabelSet(context.details.map((x) => [x.label, x.row] as const));
      for (const i of unmatched) {
        const d = local.matchRelaxedExactly(cells[i].text);
        if (d !== undefined) detail = { row: d, index: i };
      }
    }
    const hasFigures = cells.some((c) => c.text !== '' && isValueLike(c.text));
    // A detail label with a typo: read as the official one it clearly is, and said.
    if (!detail && !(sub && sub.sub.row !== null) && !item && hasFigures) {
      for (const i of unmatched) {
        const close = T3_DETAIL_LABELS.closest(cells[i].text);
        if (close === undefined) continue;
        detail = { row: close.value, index: i };
        this.findings.push({ rule: 'import.labelVariant', severity: 'warning', table: 'T3', cells: inputsOf('T3', close.value).map((c) => c.id), params: { label: cells[i].text.replace(/\s+/g, ''), official: T3_DETAIL_TEXT.get(close.value)! } });
        break;
      }
    }
    let row: number | null = null;
    let index = -1;
    if (detail) ({ row, index } = detail);
    else if (sub && sub.sub.row !== null) ({ row, index } = { row: sub.sub.row, index: sub.index });
    else if (sub && sub.sub === T3_OTHER && hasFigures) {
      this.singleOther(cells, sub.index);
      return;
    } else if (item) ({ row, index } = item);
    if (row === null) {
      if (hasFigures && (unmatched.length > 0 || sub || results)) this.unknownRow('T3', cells);
      return;
    }
    const spec: RowSpec = { table: 'T3', row, label: T3_ROW_LABEL.get(row)!, inputs: inputsOf('T3', row) };
    this.place(spec, this.t3Figures(cells, index, spec.label, row));
  }

  /**
   * The 2019 format's single （六）其他处理 row: its figures are the sums of our three rows, which
   * stay unknown. Kept apart so a 总计 = sum rule can still use them.
   */
  private singleOther(cells: Cells, index: number): void {
    this.t3SingleOther = true;
    const figures = this.t3Figures(cells, index, T3_OTHER.label, null);
    const ids = OTHER_ROWS.flatMap((r) => inputsOf('T3', r).map((c) => c.id));
    if (Array.isArray(figures)) {
      if (this.otherCombined === null) {
        this.otherCombined = figures;
        this.rowsUnplaced.delete(OTHER_KEY);
        this.findings = this.findings.filter((f) => !(f.rule === 'import.unplaced' && f.params?.label === T3_OTHER.label));
      } else if (!this.otherCombined.every((v, i) => cellValue(v) === cellValue(figures[i])) && !this.findings.some((f) => f.rule === 'import.duplicate' && f.params?.label === T3_OTHER.label)) {
        this.findings.push({ rule: 'import.duplicate', severity: 'warning', table: 'T3', cells: ids, params: { label: T3_OTHER.label } });
      }
    } else if (this.otherCombined === null && !this.rowsUnplaced.has(OTHER_KEY)) {
      this.rowsUnplaced.add(OTHER_KEY);
      this.findings.push({ rule: 'import.unplaced', severity: 'error', table: 'T3', cells: ids, params: { label: T3_OTHER.label, found: figures.found, expected: T3_COLUMNS.length } });
    }
  }

  private rowT4(cells: Cells): void {
    if (cells.some((c) => c.text !== '' && HEADER_LABELS.T4.match(c.text, 'core'))) return;
    const texts = cells.map((c) => c.text);
    const figures = texts.filter((t) => isValueLike(t)).length;
    if (texts.length < 5 || figures < texts.length * 0.6 || texts.every((t) => t === '')) return;
    const spec: RowSpec = { table: 'T4', row: 1, label: T4_DATA_LABEL, inputs: inputsOf('T4', 1) };
    // Once the row is read, a later row of figures is only a repeat if it has the same shape.
    if (this.rowsRead.has('T4.1') && texts.length !== spec.inputs.length) return;
    this.place(spec, this.valuesAfter(cells, -1, spec.inputs.length));
  }

  /** The figures of a row after its label cell: all of them, else the trailing figures, else with blank ends trimmed. */
  private valuesAfter(cells: Cells, index: number, n: number): string[] | { found: number } {
    const after = cells.slice(index + 1).map((c) => c.text);
    if (after.length === n) return after;
    let k = cells.length;
    while (k > index + 1 && isValueLike(cells[k - 1].text)) k--;
    const trailing = cells.slice(k).map((c) => c.text);
    if (trailing.length === n) return trailing;
    let trimmed = after;
    while (trimmed.length > n && trimmed[trimmed.length - 1] === '') trimmed = trimmed.slice(0, -1);
    while (trimmed.length > n && trimmed[0] === '') trimmed = trimmed.slice(1);
    if (trimmed.length === n) return trimmed;
    return { found: after.length };
  }

  private place(spec: RowSpec, figures: string[] | { found: number }): void {
    const key = `${spec.table}.${spec.row}`;
    const ids = spec.inputs.map((c) => c.id);
    if (!Array.isArray(figures)) {
      if (this.rowsRead.has(key)) return;
      this.rowsUnplaced.add(key);
      this.findings.push({ rule: 'import.unplaced', severity: 'error', table: spec.table, cells: ids, params: { label: spec.label, found: figures.found, expected: ids.length } });
      return;
    }
    const previous = this.rowsRead.get(key);
    if (previous) {
      const same = previous.every((v, i) => cellValue(v) === cellValue(figures[i]));
      if (!same && !this.findings.some((f) => f.rule === 'import.duplicate' && f.params?.label === spec.label)) {
        this.findings.push({ rule: 'import.duplicate', severity: 'warning', table: spec.table, cells: ids, params: { label: spec.label } });
      }
      return;
    }
    this.rowsRead.set(key, figures);
    this.rowsUnplaced.delete(key);
    this.findings = this.findings.filter((f) => !(f.rule === 'import.unplaced' && f.table === spec.table && f.params?.label === spec.label));
    spec.inputs.forEach((c, i) => this.values.set(c.id, cellValue(figures[i])));
  }

  private unknownRow(table: TableId, cells: Cells): void {
    const label = cells
      .filter((c) => !c.continued && c.text !== '' && !isValueLike(c.text))
      .map((c) => c.text.replace(/\s+/g, ''))
      .join(' ');
    if (label === '' || !cells.some((c) => c.text !== '' && isValueLike(c.text))) return;
    this.findings.push({ rule: 'import.unknownRow', severity: 'warning', table, cells: [], params: { label: label.length > 60 ? `${label.slice(0, 59)}…` : label } });
  }

  result(): Located {
    const findings: Finding[] = [];
    const unreadable = new Set<TableId>();
    const t2Outdated = this.evidence2019.size > 0;
    const evidence: string[] = [];
    if (t2Outdated) evidence.push(`表二有${[...this.evidence2019].map((l) => `“${l}”`).join('')}`);
    // With a current 表二, one old row is a slip within a current report (import.otherCombined), not the old format.
    if (this.t3SingleOther && t2Outdated) evidence.push(`表三“${T3_OTHER.label}”只有一行`);

    for (const t of TABLE_IDS) {
      if (t === 'T2' && t2Outdated) {
        unreadable.add('T2');
        continue;
      }
      const official = t === 'T2' ? T2_ROWS.map((r) => r.row) : t === 'T3' ? [...T3_ROW_LABEL.keys()].sort((a, b) => a - b) : [1];
      const read = official.filter((r) => this.rowsRead.has(`${t}.${r}`));
      if (!this.seen.has(t) && read.length === 0) {
        findings.push({ rule: 'layout.missing', severity: 'error', table: t, cells: [], params: { detail: `文件中没有找到“${TABLES[t].title}”的表格` } });
        unreadable.add(t);
        continue;
      }
      findings.push(...this.findings.filter((f) => f.table === t));
      if (this.rowsUnplaced.size > 0 && [...this.rowsUnplaced].some((k) => k.startsWith(`${t}.`))) unreadable.add(t);
      for (const r of official) {
        const key = `${t}.${r}`;
        if (this.rowsRead.has(key) || this.rowsUnplaced.has(key)) continue;
        if (t === 'T3' && this.t3SingleOther && T3_OTHER.details.some((d) => d.row === r)) continue;
        const inputs = inputsOf(t, r);
        const label = t === 'T2' ? inputs[0].rowName : t === 'T3' ? T3_ROW_LABEL.get(r)! : T4_DATA_LABEL;
        findings.push({ rule: 'import.missingRow', severity: 'error', table: t, cells: inputs.map((c) => c.id), params: { label } });
        unreadable.add(t);
      }
      const missingHeaders = headerLabels(t).filter((l) => !this.headersSeen[t].has(l));
      if (missingHeaders.length > 0) {
        findings.push({ rule: 'import.header', severity: 'warning', table: t, cells: [], params: { labels: missingHeaders.map((l) => `“${l}”`).join('') } });
      }
    }

    const cells: Partial<Record<CellId, CellValue>> = {};
    for (const [id, v] of this.values) if (!(t2Outdated && id.startsWith('T2.'))) cells[id] = v;
    // Rows the 2019 format does not have are unknown: blank in the cells (a writer leaves them empty), never 0.
    const unknown: CellId[] = [];
    const sums: KnownSum[] = [];
    if (this.t3SingleOther && !unreadable.has('T3')) {
      for (const r of OTHER_ROWS) {
        for (const c of inputsOf('T3', r)) {
          if (c.id in cells) continue;
          cells[c.id] = null;
          unknown.push(c.id);
        }
      }
      const combined = this.otherCombined;
      if (combined !== null) {
        T3_COLUMNS.forEach((_, i) => {
          const parts = OTHER_ROWS.map((r) => inputsOf('T3', r)[i].id);
          if (parts.every((id) => unknown.includes(id))) sums.push({ cells: parts, value: cellValue(combined[i]) });
        });
        if (!t2Outdated) {
          const shown = cellValue(combined[T3_COLUMNS.length - 1]);
          findings.push({ rule: 'import.otherCombined', severity: 'warning', table: 'T3', cells: unknown, params: { total: shown === null ? '空白' : String(shown) } });
        }
      }
    }
    return {
      cells,
      findings,
      unreadable: TABLE_IDS.filter((t) => unreadable.has(t)),
      edition: evidence.length > 0 ? '2019' : '2021',
      evidence,
      t2Outdated,
      t3SingleOther: this.t3SingleOther,
      unknown,
      sums,
    };
  }
}

/** Places the official tables' cells in a document's blocks. */
export function locate(blocks: readonly Block[]): Located {
  const locator = new Locator();
  for (const block of blocks) {
    if (block.kind === 'para') locator.paragraph(block.text);
    else for (const row of expandTable(block.table)) locator.row(row.cells);
  }
  return locator.result();
}
