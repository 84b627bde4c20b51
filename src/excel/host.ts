/// <reference types="office-js" />
/**
 * The pane's workbook host in Excel: WorkbookHost (src/host/contract.ts) over Office.js.
 *
 * Thin on purpose: inserting and reading templates are src/excel/template.ts and read.ts, the
 * one-time upgrade of an earlier version's template is upgrade.ts; this file adds what a live
 * pane needs — edits gathered into bursts and mapped to input cells, our own writes kept out of
 * them, and acknowledgements kept in a custom XML part.
 *
 * It never touches sheet protection or conditional formats itself (template.ts, upgrade.ts and
 * findings-block.ts do, each only when the user asks): the red cells are the template's own
 * conditional formats, so checking writes nothing. A write (a quick fix, a suggestion, an
 * import) writes input cells only. Where Excel lacks ExcelUndoApiAll, even reads may cost the
 * undo history, so the pane reads only when asked there (src/taskpane/parts/check-mode.ts).
 *
 * Round trips: `read` is one sync (the names and their ranges in one batch); `write` is two
 * (events off with the write, back on after).
 */
import { a1, compactRefs, ORG_NAME, tableName, YEAR_NAME } from '../core/sheet';
import { CellId, TABLE_IDS, TABLES } from '../core/tables';
import { parseYear } from '../core/grid';
import type {
  Acknowledgement,
  CellWrite,
  EditBurst,
  FindingsBlockOutcome,
  InsertOutcome,
  InsertRequest,
  LedgerGrid,
  LedgerInsertOutcome,
  LedgerInsertRequest,
  LedgerSheetInfo,
  MetaWrite,
  SelfTestPlan,
  SheetRead,
  TemplateSheetInfo,
  UpgradeOutcome,
  UpgradeState,
  WorkbookHost,
} from '../host/contract';
import { blockArea, findingsBlockState, setFindingsBlock } from './findings-block';
import { Bursts } from '../host/bursts';
import { ACK_NAMESPACE, acknowledgementsXml, parseAcknowledgementsXml } from './acknowledgements';
import { Ref, SheetReadWithAreas, TemplateAreas, queueTemplateRead, refOnSheet } from './read';
import { asText, insertTemplate } from './template';
import { upgradeState, upgradeTemplate } from './upgrade';

/** Excel.run, in the two forms used here: a new context, or the context an event handler was added with. */
export interface ExcelRun {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface ExcelHostOptions {
  /** A change within this many ms of the previous one continues a burst (the first is delivered at once). */
  debounceMs?: number;
  /**
   * The requirement sets this Excel supports: Office.context.requirements.isSetSupported. When
   * not given, only what manifest.xml requires (ExcelApi 1.9) is taken as there.
   */
  isSetSupported?: (name: string, version?: string) => boolean;
  /**
   * Called after a template is inserted: sets Office.DisableTrustUX in the workbook so that
   * colleagues without the add-in get no trust prompt (src/excel/office.ts disableTrustUX).
   */
  disableTrustUX?: () => Promise<unknown>;
  /** The add-in's startup behaviour (src/excel/office.ts): read, and set only when the user asks. */
  startup?: { get: () => Promise<boolean | null>; set: (on: boolean) => Promise<void> };
  /** The pane shown again (Office.addin.onVisibilityModeChanged, src/excel/office.ts). */
  paneShown?: (listener: () => void) => Promise<() => Promise<void>>;
  /** The 环境自检 for this Excel (src/excel/selftest.ts), built by the page that has Office. */
  selfTest?: () => SelfTestPlan;
}

/** The register code (and the plan it draws) loads on first use: it is not part of the pane's first screen. */
const ledger = () => import(/* webpackChunkName: "ledger-host" */ './ledger');

/** What manifest.xml requires, and so every Excel that loads the add-in has. */
const MANIFEST_SETS: Record<string, string> = { ExcelApi: '1.9', SharedRuntime: '1.1' };
const manifestOnly = (name: string, version = '1.1'): boolean => {
  const have = MANIFEST_SETS[name]?.split('.').map(Number);
  const want = version.split('.').map(Number);
  return have !== undefined && (have[0] !== want[0] ? have[0] > want[0] : have[1] >= (want[1] ?? 0));
};

/**
 * Range.values takes a string as if it were typed: "=…" becomes a formula, "12" a number, "1/2" a
 * date. Text from an imported report goes in as text (see asText), so the cell holds exactly the
 * source's text; numbers go in as numbers.
 */
const asTyped = (value: number | string): number | string => (typeof value === 'string' ? asText(value) : value);

interface Position {
  row: number;
  col: number;
}

/** What the last read taught about a sheet: where things are, to map edits and write cells. */
interface Layout {
  id: string;
  name: string;
  areas: TemplateAreas;
  /** Input cell at "row,col", merged spans included. */
  at: Map<string, CellId>;
  positions: Map<CellId, Position>;
}

export class ExcelHost implements WorkbookHost {
  readonly kind = 'excel' as const;
  private readonly layouts = new Map<string, Layout>();
  /** Register sheets read, by worksheet id: their edits reach the pane too. */
  private readonly registers = new Map<string, { name: string; col: number; cols: number }>();
  private readonly debounceMs: number;
  private readonly isSetSupported: (name: string, version?: string) => boolean;
  /** The 环境自检, where the page that made this host has one (src/excel/selftest.ts). */
  readonly selfTest?: () => SelfTestPlan;

  constructor(
    private readonly run: ExcelRun,
    private readonly options: ExcelHostOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 100;
    this.isSetSupported = options.isSetSupported ?? manifestOnly;
    if (options.selfTest) this.selfTest = options.selfTest;
  }

  private supports(version: string): boolean {
    return this.isSetSupported('ExcelApi', version);
  }

  /** Without ExcelUndoApiAll, any write by an add-in clears the user's undo history ("Undo capabilities with the Excel JavaScript API"). */
  writesKeepUndo(): boolean {
    return this.isSetSupported('ExcelUndoApiAll', '1.0');
  }

  // ---- templates ---------------------------------------------------------------------------

  /** Two syncs: the sheets and the workbook's names, then each sheet's own names. */
  async templates(): Promise<{ sheets: TemplateSheetInfo[]; active: string | null }> {
    const found = await this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name,items/id');
      const active = context.workbook.worksheets.getActiveWorksheet().load('name');
      const globals = context.workbook.names.load('items/name,items/formula');
      await context.sync();

      const wanted = new Set([...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME]);
      const globalRef = new Map<string, string>();
      for (const n of globals.items) if (wanted.has(n.name.toUpperCase())) globalRef.set(n.name.toUpperCase(), String(n.formula));
      const value = (name: string) => context.workbook.names.getItemOrNullObject(name).getRangeOrNullObject().load('values,address');
      const globalValues = { org: value(ORG_NAME), year: value(YEAR_NAME) };
      // A sheet's own names, each counted only when it points into that sheet: Excel on the web
      // lists the workbook's names here too (office-js#1011).
      const probes = sheets.items.map((ws) => ({
        name: ws.name,
        tables: TABLE_IDS.map((t) => ws.names.getItemOrNullObject(tableName(t)).load('name,formula')),
        org: ws.names.getItemOrNullObject(ORG_NAME).getRangeOrNullObject().load('values,address'),
        year: ws.names.getItemOrNullObject(YEAR_NAME).getRangeOrNullObject().load('values,address'),
      }));
      await context.sync();

      const here = (r: Excel.Range, sheet: string): boolean => !r.isNullObject && refOnSheet(r.address, sheet) !== null;
      const first = (r: Excel.Range, sheet: string): unknown => (here(r, sheet) ? r.values?.[0]?.[0] : null);
      const out: TemplateSheetInfo[] = [];
      for (const p of probes) {
        const own = p.tables.some((n) => !n.isNullObject && refOnSheet(String(n.formula), p.name) !== null);
        const global = [...globalRef.entries()].some(([name, formula]) => name.startsWith('NB_T') && refOnSheet(formula, p.name) !== null);
        if (!own && !global) continue;
        const org = own ? first(p.org, p.name) : refOnSheet(globalRef.get(ORG_NAME) ?? '', p.name) ? first(globalValues.org, p.name) : null;
        const year = own ? first(p.year, p.name) : refOnSheet(globalRef.get(YEAR_NAME) ?? '', p.name) ? first(globalValues.year, p.name) : null;
        out.push({ name: p.name, year: parseYear(year as never), org: org === null || org === undefined ? '' : String(org).trim() });
      }
      const activeName = active.name;
      return { sheets: out, active: out.some((s) => s.name === activeName) ? activeName : null };
    });
    return found;
  }

  /**
   * Inserts the template without the findings block, then marks the workbook so that colleagues
   * without the add-in get no trust prompt (Office.DisableTrustUX). The startup behaviour is
   * left alone: only the user changes it (setOpensWithWorkbook).
   */
  async insertTemplate(request: InsertRequest): Promise<InsertOutcome> {
    const outcome = await this.run((context) => insertTemplate(context, request));
    if (outcome.status === 'inserted') await this.options.disableTrustUX?.().catch(() => undefined);
    return outcome;
  }

  // ---- the findings block, the startup behaviour, the pane's visibility ----------------------

  async findingsBlock(sheet: string): Promise<boolean> {
    const layout = await this.layoutOf(sheet);
    const area = blockArea(layout.areas);
    if (!area) return false;
    return this.run((context) => findingsBlockState(context, layout.id, area));
  }

  async setFindingsBlock(sheet: string, present: boolean): Promise<FindingsBlockOutcome> {
    const layout = await this.layoutOf(sheet);
    const area = blockArea(layout.areas);
    if (!area) throw new Error(`工作表“${sheet}”中找不到表四，无法确定问题清单的位置`);
    const outcome = await this.run((context) => setFindingsBlock(context, layout.id, area, present));
    // A workbook that calls the custom function asks for the same trust setting as an inserted one.
    if (outcome.present) await this.options.disableTrustUX?.().catch(() => undefined);
    return outcome;
  }

  async opensWithWorkbook(): Promise<boolean | null> {
    return this.options.startup ? this.options.startup.get() : null;
  }

  async setOpensWithWorkbook(on: boolean): Promise<void> {
    if (!this.options.startup) throw new Error('此版本的 Excel 不支持随工作簿启动加载项');
    await this.options.startup.set(on);
    if (on) await this.options.disableTrustUX?.().catch(() => undefined);
  }

  async onPaneShown(listener: () => void): Promise<() => Promise<void>> {
    return this.options.paneShown ? this.options.paneShown(listener) : async () => undefined;
  }


  async activate(sheet: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(this.key(sheet)).activate();
      await context.sync();
    });
  }

  // ---- reading ----------------------------------------------------------------------------

  /** The worksheet key for a name: its id when known, so a renamed sheet is still found. */
  private key(sheet: string): string {
    for (const l of this.layouts.values()) if (l.name === sheet) return l.id;
    return sheet;
  }

  async read(sheet: string): Promise<SheetRead> {
    return this.run(async (context) => {
      const { finish } = queueTemplateRead(context, this.key(sheet));
      await context.sync();
      const read = finish();
      this.remember(read);
      return { sheet: read.sheet, isTemplate: read.isTemplate, report: read.report, findings: read.findings, unreadable: read.unreadable, addresses: read.addresses };
    });
  }

  private remember(read: SheetReadWithAreas): void {
    for (const [id, l] of this.layouts) if (l.name === read.sheet && id !== read.sheetId) this.layouts.delete(id);
    const at = new Map<string, CellId>();
    const positions = new Map<CellId, Position>();
    for (const t of TABLE_IDS) {
      const origin = read.areas[t];
      if (!origin || read.unreadable.includes(t)) continue;
      const merges = TABLES[t].merges;
      for (const input of TABLES[t].inputs) {
        const row = origin.row + input.r;
        const col = origin.col + input.c;
        positions.set(input.id, { row, col });
        const m = merges.find((x) => x.r1 === input.r && x.c1 === input.c);
        for (let r = row; r <= (m ? origin.row + m.r2 : row); r++) for (let c = col; c <= (m ? origin.col + m.c2 : col); c++) at.set(`${r},${c}`, input.id);
      }
    }
    this.layouts.set(read.sheetId, { id: read.sheetId, name: read.sheet, areas: read.areas, at, positions });
  }

  private layout(sheet: string): Layout | undefined {
    for (const l of this.layouts.values()) if (l.name === sheet) return l;
    return undefined;
  }

  private async layoutOf(sheet: string): Promise<Layout> {
    const known = this.layout(sheet);
    if (known) return known;
    const read = await this.read(sheet);
    return this.layout(read.sheet)!;
  }

  // ---- writing ----------------------------------------------------------------------------

  async write(sheet: string, changes: readonly CellWrite[], meta: MetaWrite = {}): Promise<void> {
    const metaCells = (['org', 'year'] as const).filter((k) => meta[k] !== undefined);
    if (changes.length === 0 && metaCells.length === 0) return;
    const layout = await this.layoutOf(sheet);
    const missing = changes.filter((c) => !layout.positions.has(c.cell));
    if (missing.length > 0) throw new Error(`工作表“${sheet}”中找不到 ${missing.map((c) => c.cell).join('、')}`);
    const noMeta = metaCells.filter((k) => !layout.areas[k === 'org' ? 'ORG' : 'YEAR']);
    if (noMeta.length > 0) throw new Error(`工作表“${sheet}”中找不到${noMeta.map((k) => (k === 'org' ? '机关名称' : '报告年度')).join('、')}格`);
    await this.run(async (context) => {
      // Our own write must not come back to us as an edit: events off for this add-in while it
      // lands (hosts with ExcelApi 1.14 also tag the event as ours, see onEdit).
      context.runtime.enableEvents = false;
      try {
        const ws = context.workbook.worksheets.getItem(layout.id);
        for (const c of changes) {
          const p = layout.positions.get(c.cell)!;
          ws.getRange(a1(p.row, p.col)).values = [[asTyped(c.value)]];
        }
        if (meta.org !== undefined) ws.getRange(a1(layout.areas.ORG!.row, layout.areas.ORG!.col)).values = [[asTyped(meta.org)]];
        if (meta.year !== undefined) ws.getRange(a1(layout.areas.YEAR!.row, layout.areas.YEAR!.col)).values = [[meta.year]];
        await context.sync();
      } finally {
        context.runtime.enableEvents = true;
        await context.sync();
      }
    });
  }

  async select(sheet: string, cells: readonly CellId[]): Promise<void> {
    const layout = await this.layoutOf(sheet);
    const positions = cells.map((c) => layout.positions.get(c)).filter((p): p is Position => p !== undefined);
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(layout.id);
      ws.activate();
      if (positions.length > 0) {
        const refs = [a1(positions[0].row, positions[0].col), ...compactRefs(positions.slice(1))];
        const all = compactRefs(positions);
        if (all.length === 1) ws.getRange(all[0]).select();
        // Several areas at once need RangeAreas.select (ExcelApi 1.18); before it, the first cell.
        else if (this.supports('1.18')) ws.getRanges(refs.join(',')).select();
        else ws.getRange(refs[0]).select();
      }
      await context.sync();
    });
  }

  // ---- registers (台账) -------------------------------------------------------------------

  async insertLedger(request?: LedgerInsertRequest): Promise<LedgerInsertOutcome> {
    const { insertLedger } = await ledger();
    return this.run((context) => insertLedger(context, request));
  }

  async ledgerSheets(): Promise<LedgerSheetInfo[]> {
    const { ledgerSheets } = await ledger();
    return this.run((context) => ledgerSheets(context));
  }

  /** One sync: the used range's values. The sheet is followed by id from then on (a rename keeps it). */
  async readGrid(sheet: string): Promise<LedgerGrid> {
    const key = [...this.registers].find(([, r]) => r.name === sheet)?.[0] ?? sheet;
    const { readLedgerGrid } = await ledger();
    const read = await this.run((context) => readLedgerGrid(context, key));
    for (const [other, r] of this.registers) if (r.name === read.sheet && other !== read.id) this.registers.delete(other);
    this.registers.set(read.id, { name: read.sheet, col: read.col, cols: read.cols });
    return read.grid;
  }

  async selectRow(sheet: string, row: number): Promise<void> {
    const known = [...this.registers].find(([, r]) => r.name === sheet);
    const { selectLedgerRow } = await ledger();
    await this.run((context) => selectLedgerRow(context, known?.[0] ?? sheet, row, known?.[1] ?? { col: 0, cols: 1 }));
  }

  // ---- the one-time upgrade of an earlier version's template ----------------------------------

  async upgradeState(sheet: string): Promise<UpgradeState> {
    const layout = await this.layoutOf(sheet);
    return this.run((context) => upgradeState(context, layout.id));
  }

  async upgrade(sheet: string): Promise<UpgradeOutcome> {
    const layout = await this.layoutOf(sheet);
    return this.run((context) => upgradeTemplate(context, layout.id));
  }

  // ---- edits ------------------------------------------------------------------------------

  /**
   * One callback per burst and sheet (src/host/bursts.ts): the first change is delivered at the
   * next task, changes that keep coming within `debounceMs` of each other are gathered. Events
   * from this add-in are dropped (triggerSource, ExcelApi 1.14); our writes also turn events off.
   * Without worksheet events (ExcelApi 1.9) nothing is watched.
   */
  async onEdit(listener: (burst: EditBurst) => void): Promise<() => Promise<void>> {
    if (!this.supports('1.9')) return async () => undefined;
    const bursts = new Bursts<{ id: string; address: string }>(
      (changes) => {
        const pending = new Map<string, string[]>();
        for (const c of changes) pending.set(c.id, [...(pending.get(c.id) ?? []), c.address]);
        for (const [id, addresses] of pending) {
          const register = this.registers.get(id);
          if (register) listener({ sheet: register.name, cells: 'unknown' });
          const layout = this.layouts.get(id);
          // A sheet never read is neither shown nor last year's: nothing to re-check.
          if (!layout) continue;
          listener({ sheet: layout.name, cells: cellsAt(layout, addresses) });
        }
      },
      { quietMs: this.debounceMs },
    );
    const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      // triggerSource is ExcelApi 1.14; before it our writes are kept out by turning events off.
      if (this.supports('1.14') && event.triggerSource === 'ThisLocalAddin') return;
      bursts.add({ id: event.worksheetId, address: event.address });
    };
    const registration = await this.run(async (context) => {
      const r = context.workbook.worksheets.onChanged.add(handler);
      await context.sync();
      return r;
    });
    return async () => {
      bursts.dispose();
      await this.run(registration.context as Excel.RequestContext, async (context) => {
        registration.remove();
        await context.sync();
      });
    };
  }

  /** Calls back with the sheet's name when the user brings another sheet into view. */
  async onActivate(listener: (sheet: string) => void): Promise<() => Promise<void>> {
    if (!this.supports('1.7')) return async () => undefined;
    const handler = async (event: Excel.WorksheetActivatedEventArgs): Promise<void> => {
      const known = this.layouts.get(event.worksheetId);
      if (known) {
        listener(known.name);
        return;
      }
      const name = await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(event.worksheetId).load('name');
        await context.sync();
        return ws.name;
      }).catch(() => null);
      if (name !== null) listener(name);
    };
    const registration = await this.run(async (context) => {
      const r = context.workbook.worksheets.onActivated.add(handler);
      await context.sync();
      return r;
    });
    return async () => {
      await this.run(registration.context as Excel.RequestContext, async (context) => {
        registration.remove();
        await context.sync();
      });
    };
  }

  // ---- acknowledgements --------------------------------------------------------------------

  async loadAcknowledgements(): Promise<Acknowledgement[]> {
    return this.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(ACK_NAMESPACE).load('items/id');
      await context.sync();
      if (parts.items.length === 0) return [];
      const xmls = parts.items.map((p) => p.getXml());
      await context.sync();
      return xmls.flatMap((x) => parseAcknowledgementsXml(x.value));
    });
  }

  async saveAcknowledgements(acks: readonly Acknowledgement[]): Promise<void> {
    await this.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(ACK_NAMESPACE).load('items/id');
      await context.sync();
      const xml = acknowledgementsXml(acks);
      const [first, ...extra] = parts.items;
      if (first) first.setXml(xml);
      else context.workbook.customXmlParts.add(xml);
      // A copied sheet or an old version may have left more than one part: one is kept.
      for (const p of extra) p.delete();
      await context.sync();
    });
  }
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d+)$/i;

function letters(col: string): number {
  let n = 0;
  for (const ch of col.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** An event address part ("D7", "D7:F9") as an area; null for whole rows or columns ("A:A", "3:5"). */
function areaOf(part: string): Ref | null {
  const bare = part.slice(part.lastIndexOf('!') + 1).trim();
  const [from, to = from] = bare.split(':');
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) return null;
  const r1 = Number(a[2]) - 1;
  const r2 = Number(b[2]) - 1;
  const c1 = letters(a[1]);
  const c2 = letters(b[1]);
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1, address: bare };
}

function intersect(a: Ref, b: Ref): Ref | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const r2 = Math.min(a.row + a.rows, b.row + b.rows);
  const c2 = Math.min(a.col + a.cols, b.col + b.cols);
  return r2 > row && c2 > col ? { row, col, rows: r2 - row, cols: c2 - col, address: '' } : null;
}

/**
 * The input cells some edited addresses cover. 'unknown' when an edit reaches past the input
 * cells into what the checks also read — a table's labels, the body or the year — or when the
 * address is a whole row or column: then everything is checked again.
 */
export function cellsAt(layout: Pick<Layout, 'areas' | 'at'>, addresses: readonly string[]): CellId[] | 'unknown' {
  const found = new Set<CellId>();
  for (const part of addresses.flatMap((a) => a.split(','))) {
    const area = areaOf(part);
    if (!area) return 'unknown';
    for (const key of ['T2', 'T3', 'T4', 'ORG', 'YEAR'] as const) {
      const target = layout.areas[key];
      if (!target) continue;
      const hit = intersect(area, target);
      if (!hit) continue;
      for (let r = hit.row; r < hit.row + hit.rows; r++) {
        for (let c = hit.col; c < hit.col + hit.cols; c++) {
          const id = layout.at.get(`${r},${c}`);
          if (id === undefined) return 'unknown';
          found.add(id);
        }
      }
    }
  }
  return [...found];
}
