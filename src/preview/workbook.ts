/**
 * The preview's workbook: what Excel holds for the pane, kept in the page. A sheet is either
 * blank (the workbook a person starts with) or a template sheet drawn from the core's sheet
 * plan, which holds only what a person can type: the 200 input cells, the body and the year,
 * each as the text typed. Everything else on the sheet (labels, check cells, title, summary)
 * follows from these and the plan, so nothing here can drift from the template.
 *
 * Host-free apart from an optional Storage for acknowledgements: tested in Node.
 */
import { Finding } from '../core/findings';
import { GridValue, parseYear, reportFromGrids } from '../core/grid';
import type { CellValue } from '../core/report';
import { a1, inputPosition, sheetPlan, sheetTitle, tableName, SheetPlan } from '../core/sheet';
import { CellId, INPUT_CELLS, TABLE_IDS, TABLES, TableId, isCellId } from '../core/tables';
import { uniqueSheetName } from '../excel/template';
import type { Acknowledgement, InsertOutcome, InsertRequest, LedgerCell, LedgerGrid, LedgerInsertOutcome, LedgerInsertRequest, LedgerSheetInfo, SheetRead, TemplateSheetInfo } from '../host/contract';
import { ledgerHeaderIndex } from '../host/ledger-probe';
import { LedgerSheetPlan, REGISTER_SHEET, ledgerPlan } from '../ledger/sheet';
import { shownText, typedValue } from './typing';

export type MetaField = 'org' | 'year';

export interface PreviewSheet {
  readonly name: string;
  /** A register sheet (台账) holds any cell as typed, in `grid`. */
  readonly kind: 'blank' | 'template' | 'register';
  /** Input cells as typed (or as the pane wrote them); a cell not in the map is empty. */
  readonly texts: Map<CellId, string>;
  readonly meta: Record<MetaField, string>;
  /** The cells the pane selected, the first one active. Wrong cells are marked by the template's own marks (see grid.ts). */
  selected: CellId[];
  /** Whether the findings block (=NIANBAO.CHECK under the tables) is on the sheet: only when the user added it, as in Excel. */
  findingsBlock: boolean;
  /** A register sheet's cells as typed, by "row,col" (0-based). */
  readonly grid: Map<string, string>;
  /** The register row the pane selected (1-based worksheet row), or null. */
  selectedRow: number | null;
  /** The register sheet's plan (columns, formats), for drawing it. */
  readonly plan?: LedgerSheetPlan;
}

/** What changed, for the grid (to redraw) and the host (to tell the pane about people's edits). */
export type BookEvent =
  | { type: 'cells'; sheet: string; cells: CellId[]; meta: MetaField[]; source: 'user' | 'host' }
  /** Cells of a register sheet changed ("row,col" keys). */
  | { type: 'grid'; sheet: string; keys: string[]; source: 'user' | 'host' }
  | { type: 'sheets' }
  /** The findings block was added to or removed from a sheet. */
  | { type: 'block'; sheet: string }
  | { type: 'active'; sheet: string }
  /** The selection changed; `focus` when the pane asked to bring the selection into view. */
  | { type: 'marks'; sheet: string; focus: boolean };

/** The template's fixed layout; the body and year change only the title and meta values, never a position. */
export const PLAN: SheetPlan = sheetPlan();

/** The first sheet of a new workbook, as Excel names it. */
export const FIRST_SHEET = 'Sheet1';

const ACK_KEY = 'nianbao.preview.acknowledgements';

export class PreviewWorkbook {
  private readonly list: PreviewSheet[] = [];
  private activeName: string;
  private readonly listeners = new Set<(e: BookEvent) => void>();
  private acks: Acknowledgement[];

  constructor(private readonly storage: Storage | null = null) {
    this.list.push(blankSheet(FIRST_SHEET));
    this.activeName = FIRST_SHEET;
    this.acks = loadAcks(storage);
  }

  on(listener: (e: BookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: BookEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  get sheets(): readonly PreviewSheet[] {
    return this.list;
  }

  get active(): PreviewSheet {
    return this.sheet(this.activeName);
  }

  /** A sheet by name, compared without case as Excel compares sheet names. */
  sheet(name: string): PreviewSheet {
    const s = this.find(name);
    if (!s) throw new Error(`工作表“${name}”不存在`);
    return s;
  }

  find(name: string): PreviewSheet | undefined {
    return this.list.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  activate(name: string): void {
    const s = this.sheet(name);
    if (s.name === this.activeName) return;
    this.activeName = s.name;
    this.emit({ type: 'active', sheet: s.name });
  }

  /** The template sheets and their body and year, as the year cell holds it. */
  templates(): TemplateSheetInfo[] {
    return this.list.filter((s) => s.kind === 'template').map((s) => ({ name: s.name, year: parseYear(typedValue(s.meta.year) as GridValue), org: s.meta.org.trim() }));
  }

  /** Adds the template on a new sheet and shows it, as the Excel inserter does: never overwrites, a taken name gets "(2)". */
  insertTemplate(request: InsertRequest): InsertOutcome {
    const same = request.year === null ? undefined : this.templates().find((t) => t.year === request.year);
    if (same && !request.force) return { status: 'exists', sheet: same.name };
    const name = uniqueSheetName(
      this.list.map((s) => s.name),
      sheetTitle(request.year),
    );
    const sheet: PreviewSheet = { ...blankSheet(name), kind: 'template', meta: { org: request.org.trim(), year: request.year === null ? '' : String(request.year) } };
    this.list.push(sheet);
    this.emit({ type: 'sheets' });
    this.activate(name);
    return { status: 'inserted', sheet: name };
  }

  /** Adds or removes the findings block on a template sheet (the pane's explicit choice). */
  setFindingsBlock(sheet: string, present: boolean): void {
    const s = this.sheet(sheet);
    if (s.kind !== 'template') throw new Error(`工作表“${sheet}”不是年报模板`);
    if (s.findingsBlock === present) return;
    s.findingsBlock = present;
    this.emit({ type: 'block', sheet: s.name });
  }

  /**
   * Adds the standard register (src/ledger/sheet.ts: its register sheet; the preview has no
   * formula engine for the native summary, the pane shows its 表三) on a new sheet and shows it;
   * never overwrites, a taken name gets "(2)".
   */
  insertLedger(request: LedgerInsertRequest = {}): LedgerInsertOutcome {
    const name = uniqueSheetName(
      this.list.map((s) => s.name),
      REGISTER_SHEET,
    );
    const plan = ledgerPlan({ org: request.org ?? '', year: request.year ?? null, registerName: name }).register;
    const sheet: PreviewSheet = { ...blankSheet(name), kind: 'register', plan };
    for (const c of plan.cells) sheet.grid.set(`${c.row},${c.col}`, String(c.value ?? ''));
    this.list.push(sheet);
    this.emit({ type: 'sheets' });
    this.activate(name);
    return { status: 'inserted', sheet: name };
  }

  /** The register sheets: those whose first rows hold a register's header row. */
  ledgerSheets(): LedgerSheetInfo[] {
    const out: LedgerSheetInfo[] = [];
    for (const s of this.list) {
      if (s.kind !== 'register') continue;
      const index = ledgerHeaderIndex(this.readGrid(s.name));
      if (index !== null) out.push({ name: s.name, headerRow: index + 1 });
    }
    return out;
  }

  /** Sets cells of a register sheet as typed, in one change; `user` changes are a person's edits. */
  setGrid(sheet: string, changes: ReadonlyMap<string, string>, source: 'user' | 'host'): void {
    const s = this.sheet(sheet);
    if (s.kind !== 'register') throw new Error(`工作表“${s.name}”不是台账`);
    const keys: string[] = [];
    for (const [key, text] of changes) {
      if ((s.grid.get(key) ?? '') === text) continue;
      if (text === '') s.grid.delete(key);
      else s.grid.set(key, text);
      keys.push(key);
    }
    if (keys.length > 0) this.emit({ type: 'grid', sheet: s.name, keys, source });
  }

  /**
   * A sheet's used range from A1 as Excel's values give it: numbers as numbers, a date typed as a
   * date ("2025-03-04", "2025/3/4") as its serial, as Excel makes it a date cell; other text as typed.
   */
  readGrid(sheet: string): LedgerGrid {
    const s = this.sheet(sheet);
    const grid: LedgerGrid = [];
    for (const [key, text] of s.grid) {
      const comma = key.indexOf(',');
      const r = Number(key.slice(0, comma));
      const c = Number(key.slice(comma + 1));
      while (grid.length <= r) grid.push([]);
      const row = grid[r];
      while (row.length <= c) row.push(null);
      row[c] = typedCell(text);
    }
    return grid;
  }

  /** Shows a register sheet with one row selected (1-based). */
  selectRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    this.activate(s.name);
    s.selectedRow = row;
    this.emit({ type: 'marks', sheet: s.name, focus: true });
  }

  text(sheet: string, cell: CellId): string {
    return this.sheet(sheet).texts.get(cell) ?? '';
  }

  value(sheet: string, cell: CellId): CellValue {
    return typedValue(this.text(sheet, cell));
  }

  metaValue(sheet: string, field: MetaField): CellValue {
    return typedValue(this.sheet(sheet).meta[field]);
  }

  /**
   * Sets input cells and meta fields of a template sheet in one change. `user` changes are a
   * person's edits (the host reports them to the pane); `host` changes are the pane's own writes.
   */
  set(sheet: string, changes: { cells?: ReadonlyMap<CellId, string>; meta?: Partial<Record<MetaField, string>> }, source: 'user' | 'host'): void {
    const s = this.sheet(sheet);
    if (s.kind !== 'template') throw new Error(`工作表“${s.name}”不是年报模板`);
    const cells: CellId[] = [];
    for (const [id, text] of changes.cells ?? []) {
      if (!isCellId(id)) throw new Error(`${id} 不是输入单元格`);
      if ((s.texts.get(id) ?? '') === text) continue;
      if (text === '') s.texts.delete(id);
      else s.texts.set(id, text);
      cells.push(id);
    }
    const meta: MetaField[] = [];
    for (const field of ['org', 'year'] as const) {
      const text = changes.meta?.[field];
      if (text === undefined || s.meta[field] === text) continue;
      s.meta[field] = text;
      meta.push(field);
    }
    if (cells.length > 0 || meta.length > 0) this.emit({ type: 'cells', sheet: s.name, cells, meta, source });
  }

  /**
   * Writes what the pane gives: numbers (the quick fixes) and text as an imported report has it,
   * kept text as Excel's leading apostrophe keeps it; the body and year where given. Not an edit by a person.
   */
  write(sheet: string, changes: readonly { cell: CellId; value: CellValue }[], meta: { org?: string; year?: number } = {}): void {
    const fields: Partial<Record<MetaField, string>> = {};
    if (meta.org !== undefined) fields.org = asText(meta.org);
    if (meta.year !== undefined) fields.year = String(meta.year);
    this.set(sheet, { cells: new Map(changes.map((c) => [c.cell, typeof c.value === 'string' ? asText(c.value) : shownText(c.value)])), meta: fields }, 'host');
  }

  /**
   * Reads a sheet the way src/excel/read.ts reads one from Excel: the three tables as value
   * grids (labels in place, as the template draws them) handed to the core, which checks shape
   * and labels and builds the report.
   */
  read(sheet: string): SheetRead {
    const s = this.sheet(sheet);
    if (s.kind !== 'template') {
      const findings: Finding[] = TABLE_IDS.map((t) => ({ rule: 'layout.missing', severity: 'error', table: t, cells: [], params: { detail: `工作表“${s.name}”中没有名称 ${tableName(t)}` } }));
      return { sheet: s.name, isTemplate: false, report: { format: 'nianbao/report@1', org: '', year: null, cells: {} }, findings, unreadable: [...TABLE_IDS], addresses: {} };
    }
    const read = reportFromGrids(this.grids(s.name), this.metaValue(s.name, 'org'), this.metaValue(s.name, 'year'));
    return { sheet: s.name, isTemplate: true, ...read, addresses: ADDRESSES };
  }

  /** Selects input cells (the first one active) and brings them into view; cells that are not inputs are left out. */
  select(sheet: string, cells: readonly CellId[]): void {
    const s = this.sheet(sheet);
    this.activate(s.name);
    s.selected = cells.filter(isCellId);
    this.emit({ type: 'marks', sheet: s.name, focus: true });
  }

  /** The value grids of the three tables of a template sheet, labels in place: what the names NB_T2…NB_T4 cover in Excel. */
  grids(sheet: string): Record<TableId, GridValue[][]> {
    const s = this.sheet(sheet);
    const grids = {} as Record<TableId, GridValue[][]>;
    for (const t of TABLE_IDS) {
      const layout = TABLES[t];
      const grid: GridValue[][] = Array.from({ length: layout.rows }, () => Array.from({ length: layout.cols }, (): GridValue => null));
      for (const l of layout.labels) grid[l.r][l.c] = l.text;
      for (const input of layout.inputs) grid[input.r][input.c] = this.value(s.name, input.id);
      grids[t] = grid;
    }
    return grids;
  }

  loadAcknowledgements(): Acknowledgement[] {
    return this.acks.map((a) => ({ ...a }));
  }

  saveAcknowledgements(acks: readonly Acknowledgement[]): void {
    this.acks = acks.map((a) => ({ ...a }));
    try {
      this.storage?.setItem(ACK_KEY, JSON.stringify(this.acks));
    } catch {
      /* storage full or switched off: they stay for this page's life */
    }
  }
}

/** Text that typing would turn into something else ("12", "'x") goes in behind an apostrophe, as in Excel. */
const asText = (text: string): string => (typedValue(text) === text ? text : `'${text}`);

function blankSheet(name: string): PreviewSheet {
  return { name, kind: 'blank', texts: new Map(), meta: { org: '', year: '' }, selected: [], findingsBlock: false, grid: new Map(), selectedRow: null };
}

const DATE_TEXT = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/** Excel's serial of a calendar day (1900 date system, days after 1900-03-01). */
const dateSerial = (y: number, m: number, d: number): number => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);

/** A register cell's value as Excel keeps what was typed: a date typed as one becomes its serial. */
export function typedCell(text: string): LedgerCell {
  const d = DATE_TEXT.exec(text.trim());
  if (d && !text.startsWith("'")) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const date = new Date(Date.UTC(y, m - 1, day));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === day && y >= 1901) return dateSerial(y, m, day);
  }
  return typedValue(text);
}

/** Where each input sits on a template sheet, as a user finds it: D24. */
const ADDRESSES: Partial<Record<CellId, string>> = Object.fromEntries(
  INPUT_CELLS.map((c) => {
    const p = inputPosition(PLAN, c.id);
    return [c.id, a1(p.row, p.col)];
  }),
);

/** Acknowledgements from an earlier visit; anything malformed is dropped rather than trusted. */
function loadAcks(storage: Storage | null): Acknowledgement[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(ACK_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (a): a is Acknowledgement =>
        typeof a === 'object' && a !== null && ['fingerprint', 'sheet', 'reason', 'at'].every((k) => typeof (a as Record<string, unknown>)[k] === 'string'),
    );
  } catch {
    return [];
  }
}
