/// <reference types="et-jsapi-declare" />
/**
 * The pane's workbook host in WPS 表格 (ET): WorkbookHost (src/host/contract.ts) over ET's
 * synchronous, VBA-like object model (`window.Application`).
 *
 * Thin on purpose: inserting and reading are ./template.ts and ./read.ts, acknowledgements
 * ./acknowledgements.ts. This file adds what a live pane needs: SheetChange events gathered into
 * bursts and mapped to input cells, our own writes kept out of them (EnableEvents off around
 * them), and cells selected.
 *
 * Cost: ET calls are in-process, no round trips; a read is one Value2 per table (three tables,
 * the body and the year), never cell by cell.
 */
import { ORG_NAME, YEAR_NAME, a1, compactRefs, tableName } from '../core/sheet';
import { CellId, TABLE_IDS, TABLES } from '../core/tables';
import { cellsAt } from '../excel/host';
import type { TemplateAreas } from '../excel/read';
import type { Acknowledgement, CellWrite, EditBurst, InsertOutcome, InsertRequest, LedgerGrid, LedgerInsertOutcome, LedgerInsertRequest, LedgerSheetInfo, MetaWrite, SelfTestPlan, SheetRead, TemplateSheetInfo, WorkbookHost } from '../host/contract';
import { parseYear } from '../core/grid';
import { loadAcknowledgements, saveAcknowledgements } from './acknowledgements';
import { EtApplication, activeSheet, activeWorkbook, asGrid, isVisible, nameOf, namesOnSheet, quietly, sheetOrThrow, worksheets } from './book';
import { WpsSheetRead, readTemplateSheet } from './read';

const META = new Set([...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME]);
import { insertTemplate } from './template';

/** The register code (and the plan it draws) loads on first use: it is not part of the pane's first screen. */
const ledger = () => import(/* webpackChunkName: "ledger-host" */ './ledger');

export interface WpsHostOptions {
  /** Quiet time that ends a burst of edits, in ms. */
  debounceMs?: number;
  /** The 环境自检 the pane offers (./selftest.ts, given by the pane's page so this file needs none of it). */
  selfTest?: () => SelfTestPlan;
}

/**
 * Range.Value2 takes a string as if it were typed: "=…" becomes a formula, "12" a number, "1/2" a
 * date. Text from an imported report goes in behind a leading apostrophe, which ET keeps as the
 * cell's prefix, not as part of the value, so the cell holds exactly the source's text.
 */
const asTyped = (value: number | string): number | string => (typeof value === 'string' ? `'${value}` : value);

/** A1-style references longer than this are refused by Range() (VBA's 255-character limit). */
const MAX_REF = 255;

interface Position {
  row: number;
  col: number;
}

interface Layout {
  name: string;
  areas: TemplateAreas;
  /** Input cell at "row,col", merged spans included. */
  at: Map<string, CellId>;
  positions: Map<CellId, Position>;
}

type SheetChange = (sheet: Et.Worksheet, target: unknown) => void;
type SheetActivate = (sheet: unknown) => void;

export class WpsHost implements WorkbookHost {
  readonly kind = 'wps' as const;
  private readonly layouts = new Map<string, Layout>();
  /** Every ApiEvent listener this host added and has not removed: dispose() removes them. */
  private readonly listening = new Set<{ event: string; handler: (...args: never[]) => void }>();
  /** Register sheets read, by lower-case name: their edits reach the pane too. */
  private readonly registers = new Map<string, { name: string; col: number; cols: number }>();
  private readonly debounceMs: number;

  constructor(
    private readonly app: EtApplication,
    private readonly options: WpsHostOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
  }

  /** Present only where the page gave one (WpsHostOptions.selfTest). */
  get selfTest(): (() => SelfTestPlan) | undefined {
    return this.options.selfTest;
  }

  private get book(): Et.Workbook {
    const book = activeWorkbook(this.app);
    if (!book) throw new Error('没有打开的工作簿');
    return book;
  }

  // ---- templates ---------------------------------------------------------------------------

  async templates(): Promise<{ sheets: TemplateSheetInfo[]; active: string | null }> {
    const book = activeWorkbook(this.app);
    if (!book) return { sheets: [], active: null };
    const out: TemplateSheetInfo[] = [];
    for (const ws of worksheets(book)) {
      if (!isVisible(ws)) continue;
      const names = namesOnSheet(book, ws, META);
      if (!TABLE_IDS.some((t) => names.has(tableName(t)))) continue;
      const value = (name: string) => {
        const n = names.get(name);
        return n ? asGrid(ws.Range(n.address.split(':')[0]).Value2)[0][0] : null;
      };
      const org = value(ORG_NAME);
      out.push({ name: nameOf(ws), year: parseYear(value(YEAR_NAME)), org: org === null || org === undefined ? '' : String(org).trim() });
    }
    const shown = activeSheet(this.app);
    const active = shown ? nameOf(shown) : null;
    return { sheets: out, active: out.some((s) => s.name === active) ? active : null };
  }

  async insertTemplate(request: InsertRequest): Promise<InsertOutcome> {
    return insertTemplate(this.app, request);
  }

  async activate(sheet: string): Promise<void> {
    sheetOrThrow(this.book, sheet).Activate();
  }

  // ---- reading ----------------------------------------------------------------------------

  async read(sheet: string): Promise<SheetRead> {
    const read = readTemplateSheet(this.book, sheetOrThrow(this.book, sheet));
    this.remember(read);
    const { areas: _areas, ...out } = read;
    return out;
  }

  private remember(read: WpsSheetRead): void {
    const at = new Map<string, CellId>();
    const positions = new Map<CellId, Position>();
    for (const t of TABLE_IDS) {
      const origin = read.areas[t];
      if (!origin || read.unreadable.includes(t)) continue;
      for (const input of TABLES[t].inputs) {
        const row = origin.row + input.r;
        const col = origin.col + input.c;
        positions.set(input.id, { row, col });
        const m = TABLES[t].merges.find((x) => x.r1 === input.r && x.c1 === input.c);
        for (let r = row; r <= (m ? origin.row + m.r2 : row); r++) for (let c = col; c <= (m ? origin.col + m.c2 : col); c++) at.set(`${r},${c}`, input.id);
      }
    }
    this.layouts.set(read.sheet.toLowerCase(), { name: read.sheet, areas: read.areas, at, positions });
  }

  private layoutOf(sheet: string): Layout {
    const known = this.layouts.get(sheet.toLowerCase());
    if (known) return known;
    this.remember(readTemplateSheet(this.book, sheetOrThrow(this.book, sheet)));
    return this.layouts.get(sheet.toLowerCase())!;
  }

  // ---- writing ----------------------------------------------------------------------------

  /**
   * Writes only input cells (and the body and year), which the template leaves unlocked, so a
   * protected template takes them without lifting its protection. Events are off meanwhile: our
   * write is not an edit.
   */
  async write(sheet: string, changes: readonly CellWrite[], meta: MetaWrite = {}): Promise<void> {
    const metaCells = (['org', 'year'] as const).filter((k) => meta[k] !== undefined);
    if (changes.length === 0 && metaCells.length === 0) return;
    const layout = this.layoutOf(sheet);
    const missing = changes.filter((c) => !layout.positions.has(c.cell));
    if (missing.length > 0) throw new Error(`工作表“${sheet}”中找不到 ${missing.map((c) => c.cell).join('、')}`);
    const noMeta = metaCells.filter((k) => !layout.areas[k === 'org' ? 'ORG' : 'YEAR']);
    if (noMeta.length > 0) throw new Error(`工作表“${sheet}”中找不到${noMeta.map((k) => (k === 'org' ? '机关名称' : '报告年度')).join('、')}格`);
    const ws = sheetOrThrow(this.book, sheet);
    try {
      quietly(this.app, () => {
        for (const c of changes) {
          const p = layout.positions.get(c.cell)!;
          ws.Range(a1(p.row, p.col)).Value2 = [[asTyped(c.value)]];
        }
        if (meta.org !== undefined) ws.Range(layout.areas.ORG!.address).Value2 = [[asTyped(meta.org)]];
        if (meta.year !== undefined) ws.Range(layout.areas.YEAR!.address).Value2 = [[meta.year]];
      });
    } catch (e) {
      throw ws.ProtectContents ? new Error('工作表受保护，无法写入；请先撤销工作表保护') : e;
    }
  }

  async select(sheet: string, cells: readonly CellId[]): Promise<void> {
    const layout = this.layoutOf(sheet);
    const ws = sheetOrThrow(this.book, sheet);
    const positions = cells.map((c) => layout.positions.get(c)).filter((p): p is Position => p !== undefined);
    ws.Activate();
    if (positions.length === 0) return;
    // The first cell first, so it is the active cell; the rest as few areas as they make.
    const first = a1(positions[0].row, positions[0].col);
    const rest = compactRefs(positions.slice(1)).filter((r) => r !== first);
    const all = [first, ...rest].join(',');
    ws.Range(all.length <= MAX_REF ? all : first).Select();
  }

  // ---- registers (台账) -------------------------------------------------------------------

  async insertLedger(request?: LedgerInsertRequest): Promise<LedgerInsertOutcome> {
    const { insertLedger } = await ledger();
    return insertLedger(this.app, request);
  }

  async ledgerSheets(): Promise<LedgerSheetInfo[]> {
    const { ledgerSheets } = await ledger();
    const book = this.app.ActiveWorkbook;
    return book ? ledgerSheets(book) : [];
  }

  async readGrid(sheet: string): Promise<LedgerGrid> {
    const { readLedgerGrid } = await ledger();
    const ws = sheetOrThrow(this.book, sheet);
    const read = readLedgerGrid(ws);
    this.registers.set(ws.Name.toLowerCase(), { name: ws.Name, col: read.col, cols: read.cols });
    return read.grid;
  }

  async selectRow(sheet: string, row: number): Promise<void> {
    const { selectLedgerRow } = await ledger();
    selectLedgerRow(sheetOrThrow(this.book, sheet), row, this.registers.get(sheet.toLowerCase()) ?? { col: 0, cols: 1 });
  }

  // ---- edits ------------------------------------------------------------------------------

  /**
   * One callback per burst and sheet: SheetChange events within `debounceMs` of each other are
   * one burst. Our own writes never arrive: events are off while we write. Edits on sheets never
   * read (neither shown nor last year's) are dropped.
   */
  async onEdit(listener: (burst: EditBurst) => void): Promise<() => Promise<void>> {
    const pending = new Map<string, string[]>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      const bursts = [...pending];
      pending.clear();
      for (const [key, addresses] of bursts) {
        const register = this.registers.get(key);
        if (register) listener({ sheet: register.name, cells: 'unknown' });
        const layout = this.layouts.get(key);
        if (layout) listener({ sheet: layout.name, cells: cellsAt(layout, addresses) });
      }
    };
    const handler: SheetChange = (sheet, target) => {
      // The typings give Target as a worksheet; ET hands a Range.
      const range = target as Et.Range;
      const key = nameOf(sheet).toLowerCase();
      pending.set(key, [...(pending.get(key) ?? []), String(range.Address(false, false))]);
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, this.debounceMs);
    };
    const stop = this.listen('SheetChange', handler);
    return async () => {
      if (timer !== undefined) clearTimeout(timer);
      stop();
    };
  }

  /** ApiEvent with event names as strings (the typings list them as literal types). */
  private get events(): { AddApiEventListener(event: string, f: (...args: never[]) => void): void; RemoveApiEventListener(event: string, f: (...args: never[]) => void): void } {
    return this.app.ApiEvent as never;
  }

  /** Adds an ApiEvent listener; returns what removes exactly this one (always with its callback: without one, WPS may remove every listener of that event). */
  private listen(event: string, handler: (...args: never[]) => void): () => void {
    const entry = { event, handler };
    this.events.AddApiEventListener(event, handler);
    this.listening.add(entry);
    return () => {
      if (!this.listening.delete(entry)) return;
      this.events.RemoveApiEventListener(event, handler);
    };
  }

  /**
   * Removes every listener this host added. The pane calls it on `pagehide`: a pane reloaded or
   * closed would otherwise leave its handlers registered with WPS, calling into a dead page.
   */
  dispose(): void {
    const all = [...this.listening];
    this.listening.clear();
    for (const { event, handler } of all) {
      try {
        this.events.RemoveApiEventListener(event, handler);
      } catch {
        /* WPS is closing the page: nothing left to tell */
      }
    }
  }

  async onActivate(listener: (sheet: string) => void): Promise<() => Promise<void>> {
    const handler: SheetActivate = (sheet) => listener(nameOf(sheet as Et.Worksheet));
    const stop = this.listen('SheetActivate', handler);
    return async () => stop();
  }

  // ---- acknowledgements --------------------------------------------------------------------

  async loadAcknowledgements(): Promise<Acknowledgement[]> {
    const book = activeWorkbook(this.app);
    return book ? loadAcknowledgements(book) : [];
  }

  async saveAcknowledgements(acks: readonly Acknowledgement[]): Promise<void> {
    saveAcknowledgements(this.app, acks);
  }
}

