/// <reference types="office-js" />
/**
 * An in-memory fake of the subset of the Excel JavaScript API that nianbao uses, written for
 * these tests. It keeps Office.js's batching contract: proxy calls only queue operations,
 * `context.sync()` runs them in order against the model, and a property is readable only after
 * it was loaded and synced. A failing operation rejects the sync and leaves earlier operations
 * of the batch applied, as Excel does. Locked cells of a protected sheet refuse writes.
 *
 * At least as strict as Microsoft's documentation (see ../shared/notes/excel-real-host.md):
 * - undo: the calls "Undo capabilities with the Excel JavaScript API" lists (protect, unprotect,
 *   Worksheet.delete…) clear the user's undo history, and so does every write unless the fake
 *   is configured with ExcelUndoApiAll; `undoClears` counts them;
 * - a conditional format's id is its priority in the collection it came from: add() puts a new
 *   one at the top and shifts the others, delete() shifts the ones below;
 * - 'web': worksheet.names also lists the workbook's names (office-js#1011);
 * - a formula calling a custom function by a name not registered for the display language
 *   evaluates to #NAME? (office-js#891);
 * - a call above the configured ExcelApi version (1.9, what manifest.xml asks for) fails the
 *   batch with ApiNotFound, and event arguments lack what the version lacks (triggerSource);
 * - error messages are in the display language and say nothing beyond their code's generic
 *   text: code must branch on `code`, never on the message (the fake's own detail is in debugInfo);
 * - strings written through values or formulas are taken as typed: "-3" is a number, "+x",
 *   "-x" and "@x" are formulas, only a leading apostrophe makes text.
 *
 * Tests drive it through `FakeExcel` (model access, user edits, sync accounting) and hand
 * `fake.context` (or `fake.run`) to the code under test as an `Excel.RequestContext`.
 */

import { readFileSync } from 'fs';
import { join } from 'path';
import { balance, sumcheck } from '../../src/functions/functions';
import { ZH_CN } from '../../src/functions/metadata-zh-cn';

// ---------------------------------------------------------------------------------------------
// Addresses

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses "A1", "$A$1:$B$2" or "Sheet!A1:B2" (the sheet part is ignored) into an area. */
export function parseAddress(address: string): Area {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [from, to = from] = bare.split(':');
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) throw new FakeOfficeError('InvalidArgument', `bad address ${address}`);
  const r1 = Number(a[2]) - 1;
  const c1 = colIndex(a[1]);
  const r2 = Number(b[2]) - 1;
  const c2 = colIndex(b[1]);
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function areaAddress(area: Area): string {
  const tl = `${colLetters(area.col)}${area.row + 1}`;
  if (area.rows === 1 && area.cols === 1) return tl;
  return `${tl}:${colLetters(area.col + area.cols - 1)}${area.row + area.rows}`;
}

const overlaps = (a: Area, b: Area): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

function* cellsOf(area: Area): Generator<[number, number]> {
  for (let r = area.row; r < area.row + area.rows; r++) for (let c = area.col; c < area.col + area.cols; c++) yield [r, c];
}

/**
 * A value written through Range.values or Range.formulas, as Excel takes it: as if typed. A
 * leading apostrophe makes the rest text (kept as the cell's prefix, not in its value); "=…" is a
 * formula, and so is "+…", "-…" or "@…" unless it is a plain number ("-3" is the number -3); a
 * number in text is a number.
 */
export function asTyped(v: Scalar): { formula: Scalar; value: Scalar } {
  if (typeof v !== 'string') return { formula: v, value: v };
  if (v.startsWith("'")) return { formula: v.slice(1), value: v.slice(1) };
  const number = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()) ? Number(v.trim()) : null;
  if (number !== null) return { formula: number, value: number };
  if (v.length > 1 && v.startsWith('=')) return { formula: v, value: '' };
  if (v.length > 1 && /^[+\-@]/.test(v)) return { formula: `=${v.startsWith('@') ? v.slice(1) : v}`, value: '' };
  return { formula: v, value: v };
}

// ---------------------------------------------------------------------------------------------
// Errors

export type DisplayLanguage = 'en-US' | 'zh-CN';

/** Excel's generic text for an error code, by display language (the real messages are localized and undocumented beyond that). */
const MESSAGES: Record<string, Record<DisplayLanguage, string>> = {
  AccessDenied: { 'en-US': 'You cannot perform the requested operation.', 'zh-CN': '无法执行所请求的操作。' },
  ApiNotFound: { 'en-US': 'The API you are trying to use could not be found. It may be available in a newer version of Excel.', 'zh-CN': '找不到你尝试使用的 API。它可能在较新版本的 Excel 中提供。' },
  GeneralException: { 'en-US': 'There was an internal error while processing the request.', 'zh-CN': '处理请求时出现内部错误。' },
  InvalidArgument: { 'en-US': 'The argument is invalid or missing or has an incorrect format.', 'zh-CN': '参数无效、缺失或格式不正确。' },
  InvalidOperation: { 'en-US': 'The requested operation is invalid.', 'zh-CN': '请求的操作无效。' },
  ItemAlreadyExists: { 'en-US': 'The resource being created already exists.', 'zh-CN': '正在创建的资源已存在。' },
  ItemNotFound: { 'en-US': "The requested resource doesn't exist.", 'zh-CN': '请求的资源不存在。' },
  PropertyNotLoaded: {
    'en-US': "The property isn't available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
    'zh-CN': '该属性不可用。读取属性值之前，请对所属对象调用 load 方法，并对关联的请求上下文调用“context.sync()”。',
  },
};

/** The language errors are made in: the language of the fake that runs the batch (set while it runs). */
let errorLanguage: DisplayLanguage = 'en-US';

export class FakeOfficeError extends Error {
  /** What the fake knows about the failure, for people reading a test's output (Office.js has debugInfo too). */
  readonly debugInfo: { code: string; message: string };

  constructor(
    public code: string,
    detail: string,
    language: DisplayLanguage = errorLanguage,
  ) {
    super(MESSAGES[code]?.[language] ?? MESSAGES.GeneralException[language]);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message: detail };
  }
}

// ---------------------------------------------------------------------------------------------
// The model

export type Scalar = string | number | boolean;

export interface CellModel {
  value: Scalar;
  /** The formula as written ("=SUM(A1)"), or the constant for a constant cell. */
  formula: Scalar;
  numberFormat: string;
  locked: boolean;
  /** Formatting by API path: "font.bold", "fill.color", "borders.EdgeTop.style", "horizontalAlignment". */
  format: Record<string, unknown>;
}

export interface NameModel {
  name: string;
  area: Area;
  /** The sheet the reference points to. */
  sheet: SheetModel;
  comment: string;
}

export interface ValidationModel {
  area: Area;
  rule?: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks?: boolean;
}

export interface ConditionalFormatModel {
  /** The first area it applies to (the only one, unless added through RangeAreas). */
  area: Area;
  /** Every area it applies to. */
  areas: Area[];
  type: string;
  /** Properties set on it, by API path: "custom.rule.formula", "custom.format.font.color". */
  props: Record<string, unknown>;
}

export interface ChangedEvent {
  type: 'WorksheetChanged';
  address: string;
  worksheetId: string;
  changeType: 'RangeEdited';
  source: 'Local';
  /** Absent before ExcelApi 1.14. */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

type Handler = (event: ChangedEvent) => unknown;

export interface ActivatedEvent {
  type: 'WorksheetActivated';
  worksheetId: string;
}

type ActivationHandler = (event: ActivatedEvent) => unknown;

export interface CustomXmlPartModel {
  id: string;
  namespaceUri: string;
  xml: string;
}

export class SheetModel {
  readonly cells = new Map<string, CellModel>();
  readonly merges: Area[] = [];
  readonly names = new Map<string, NameModel>();
  readonly validations: ValidationModel[] = [];
  /** In priority order: the first is on top. Its position in a collection is its id there. */
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  /** Sheet-level settings by API path: "showGridlines", "pageLayout.orientation", "freezeRows". */
  readonly settings: Record<string, unknown> = {};
  protection: { protected: boolean; options?: Record<string, unknown>; password?: string } = { protected: false };
  readonly handlers: Handler[] = [];

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  private key(r: number, c: number): string {
    return `${r},${c}`;
  }

  cellAt(r: number, c: number): CellModel | undefined {
    return this.cells.get(this.key(r, c));
  }

  /** The cell, created blank (and locked, as Excel's cells are) on first touch. */
  touch(r: number, c: number): CellModel {
    let cell = this.cells.get(this.key(r, c));
    if (!cell) {
      cell = { value: '', formula: '', numberFormat: 'General', locked: true, format: {} };
      this.cells.set(this.key(r, c), cell);
    }
    return cell;
  }

  /** A1 access for assertions. */
  cell(address: string): CellModel {
    const a = parseAddress(address);
    return this.cellAt(a.row, a.col) ?? { value: '', formula: '', numberFormat: 'General', locked: true, format: {} };
  }

  mergeAt(r: number, c: number): Area | undefined {
    return this.merges.find((m) => r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols);
  }

  isLocked(r: number, c: number): boolean {
    return this.cellAt(r, c)?.locked ?? true;
  }

  /** A deep, comparable picture of everything a sheet holds. */
  snapshot(): unknown {
    return JSON.parse(
      JSON.stringify({
        name: this.name,
        cells: [...this.cells.entries()].sort(),
        merges: this.merges,
        names: [...this.names.values()].map((n) => ({ name: n.name, area: n.area, sheet: n.sheet.name })),
        validations: this.validations,
        conditionalFormats: this.conditionalFormats,
        colWidths: [...this.colWidths.entries()],
        rowHeights: [...this.rowHeights.entries()],
        settings: this.settings,
        protection: this.protection,
      }),
    );
  }
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly names = new Map<string, NameModel>();
  activeSheetId = '';
  enableEvents = true;
  /** Custom XML parts of the workbook, in order of addition. */
  readonly customXmlParts: CustomXmlPartModel[] = [];
  private nextId = 1;
  private nextObjectId = 1;

  /** A fresh id for a conditional format or custom XML part. */
  objectId(kind: string): string {
    return `{${kind}-${this.nextObjectId++}}`;
  }

  newSheet(name: string): SheetModel {
    checkSheetName(name, this.sheets);
    const sheet = new SheetModel(`{sheet-${this.nextId++}}`, name);
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  find(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
}

function checkSheetName(name: string, sheets: SheetModel[]): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new FakeOfficeError('InvalidArgument', `invalid sheet name "${name}"`);
  }
  if (sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new FakeOfficeError('ItemAlreadyExists', `a sheet named "${name}" exists`);
  }
}

function checkDefinedName(name: string): void {
  const valid = /^[A-Za-z_\\\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) && name.length <= 255;
  const looksLikeCell = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
  if (!valid || looksLikeCell) throw new FakeOfficeError('InvalidArgument', `invalid name "${name}"`);
}

// ---------------------------------------------------------------------------------------------
// Batching

interface Op {
  kind: 'read' | 'write' | 'control';
  what: string;
  run: () => void;
}

export interface Batch {
  /** Each queued operation, in order: "write values Sheet1!A1:B2". */
  ops: string[];
  writes: number;
  error?: string;
}

class PropertyNotLoaded extends FakeOfficeError {
  constructor(what: string) {
    super('PropertyNotLoaded', `${what} was not loaded (call load() and sync() first)`);
  }
}

/** Base of every proxy: a load()ed snapshot that becomes readable after sync. */
class Loadable {
  protected loaded: Record<string, unknown> = {};

  constructor(protected readonly ctx: FakeContext) {}

  protected snap(): Record<string, unknown> {
    return {};
  }

  protected describe(): string {
    return this.constructor.name;
  }

  load(props?: string | string[] | Record<string, unknown>): this {
    const wanted = typeof props === 'string' ? props.split(',').map((p) => p.trim()) : Array.isArray(props) ? props : props ? Object.keys(props) : [];
    this.ctx.queue({
      kind: 'read',
      what: `load ${this.describe()} ${wanted.join(',')}`,
      run: () => {
        const all = this.snap();
        const keys = wanted.length ? wanted : Object.keys(all);
        for (const k of keys) {
          if (!(k in all)) throw new FakeOfficeError('InvalidArgument', `${this.describe()} has no loadable property ${k}`);
          this.loaded[k] = all[k];
        }
      },
    });
    return this;
  }

  protected read<T>(prop: string): T {
    if (!(prop in this.loaded)) throw new PropertyNotLoaded(`${this.describe()}.${prop}`);
    return this.loaded[prop] as T;
  }

  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

/** A property bag (format, font, fill, rule…): setting a listed property queues a write. */
function bag(ctx: FakeContext, path: string, props: readonly string[], children: Record<string, unknown>, write: (path: string, value: unknown) => void): Record<string, unknown> {
  const target: Record<string, unknown> = { ...children };
  return new Proxy(target, {
    set(_t, prop: string, value) {
      if (!props.includes(prop)) throw new Error(`fake Excel: ${path}.${prop} is not part of the modelled API`);
      ctx.queue({ kind: 'write', what: `write ${path}.${prop}`, run: () => write(prop, value) });
      return true;
    },
    get(t, prop: string) {
      if (prop in t) return t[prop];
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      throw new Error(`fake Excel: ${path}.${prop} is not part of the modelled API (or is not readable without load)`);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Proxies

type SheetRef = () => SheetModel;

const FONT_PROPS = ['bold', 'italic', 'size', 'color', 'name', 'underline'] as const;
const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];

const WHOLE_SHEET: Area = { row: 0, col: 0, rows: 1048576, cols: 16384 };

class RangeProxy extends Loadable {
  readonly format: Record<string, unknown>;
  readonly dataValidation: Record<string, unknown>;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  private readonly where: Area | (() => Area | undefined);
  private nullState: boolean | undefined;
  private readonly orNull: boolean;

  /**
   * `area` may be given late (a name's range is resolved when the batch runs); with `orNull` the
   * range is a null object when it cannot be resolved, as getRangeOrNullObject() gives it.
   */
  constructor(
    ctx: FakeContext,
    private readonly sheetRef: SheetRef,
    area: Area | (() => Area | undefined),
    orNull = false,
  ) {
    super(ctx);
    this.where = area;
    this.orNull = orNull;
    if (orNull) {
      ctx.queue({
        kind: 'read',
        what: 'resolve range',
        run: () => {
          try {
            this.nullState = this.sheetRef() === undefined || (typeof this.where === 'function' && this.where() === undefined);
          } catch {
            this.nullState = true;
          }
        },
      });
    }
    const styleWrite = (path: string) => (prop: string, value: unknown) => this.applyFormat(`${path}${prop}`, value);
    const font = bag(ctx, 'format.font', FONT_PROPS, {}, styleWrite('font.'));
    const fill = bag(ctx, 'format.fill', ['color', 'pattern'], { clear: () => undefined }, styleWrite('fill.'));
    const protection = bag(ctx, 'format.protection', ['locked', 'formulaHidden'], {}, (prop, value) => {
      this.requireUnprotected('format.protection');
      for (const [r, c] of cellsOf(this.area)) {
        const cell = this.sheet().touch(r, c);
        if (prop === 'locked') cell.locked = Boolean(value);
        else cell.format[`protection.${prop}`] = value;
      }
    });
    const borders = {
      getItem: (index: string) => {
        if (!BORDER_INDEXES.includes(index)) throw new Error(`fake Excel: no border ${index}`);
        return bag(ctx, `format.borders.${index}`, ['style', 'weight', 'color'], {}, styleWrite(`borders.${index}.`));
      },
    };
    this.format = bag(
      ctx,
      'format',
      ['horizontalAlignment', 'verticalAlignment', 'wrapText', 'columnWidth', 'rowHeight', 'indentLevel', 'shrinkToFit'],
      { font, fill, protection, borders, autofitRows: () => undefined, autofitColumns: () => undefined },
      (prop, value) => {
        if (prop === 'columnWidth') {
          this.requireUnprotected('columnWidth', 'allowFormatColumns');
          for (let c = this.area.col; c < this.area.col + this.area.cols; c++) this.sheet().colWidths.set(c, value as number);
        } else if (prop === 'rowHeight') {
          this.requireUnprotected('rowHeight', 'allowFormatRows');
          for (let r = this.area.row; r < this.area.row + this.area.rows; r++) this.sheet().rowHeights.set(r, value as number);
        } else {
          this.applyFormat(prop, value);
        }
      },
    );
    const validation = (): ValidationModel => {
      const sheet = this.sheet();
      let v = sheet.validations.find((x) => areaAddress(x.area) === areaAddress(this.area));
      if (!v) {
        if (sheet.validations.some((x) => overlaps(x.area, this.area))) throw new FakeOfficeError('InvalidOperation', 'data validation overlaps another');
        v = { area: this.area };
        sheet.validations.push(v);
      }
      return v;
    };
    this.dataValidation = bag(
      ctx,
      'dataValidation',
      ['rule', 'errorAlert', 'prompt', 'ignoreBlanks'],
      {
        clear: () =>
          ctx.queue({
            kind: 'write',
            what: `write dataValidation.clear ${this.describe()}`,
            run: () => {
              const list = this.sheet().validations;
              for (let i = list.length - 1; i >= 0; i--) if (overlaps(list[i].area, this.area)) list.splice(i, 1);
            },
          }),
      },
      (prop, value) => {
        this.requireUnprotected('dataValidation');
        (validation() as unknown as Record<string, unknown>)[prop] = value;
      },
    );
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, () => this.sheet(), () => [this.area], () => this.describe());
  }

  get area(): Area {
    const a = typeof this.where === 'function' ? this.where() : this.where;
    if (!a) throw new FakeOfficeError('ItemNotFound', 'the range does not exist');
    return a;
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    if (this.nullState === undefined) throw new PropertyNotLoaded('range.isNullObject');
    return this.nullState;
  }

  override load(props?: string | string[] | Record<string, unknown>): this {
    if (!this.orNull) return super.load(props);
    // A null object loads nothing and does not fail the batch.
    const wanted = typeof props === 'string' ? props.split(',').map((p) => p.trim()) : Array.isArray(props) ? props : props ? Object.keys(props) : [];
    this.ctx.queue({
      kind: 'read',
      what: `load range ${wanted.join(',')}`,
      run: () => {
        if (this.nullState) return;
        const all = this.snap();
        for (const k of wanted.length ? wanted : Object.keys(all)) {
          if (!(k in all)) throw new FakeOfficeError('InvalidArgument', `range has no loadable property ${k}`);
          this.loaded[k] = all[k];
        }
      },
    });
    return this;
  }

  private sheet(): SheetModel {
    return this.sheetRef();
  }

  protected override describe(): string {
    let name = '?';
    try {
      name = this.sheet().name;
    } catch {
      /* a sheet not yet added */
    }
    let where = '?';
    try {
      where = areaAddress(this.area);
    } catch {
      /* a name's range, resolved when the batch runs */
    }
    return `${name}!${where}`;
  }

  private requireUnprotected(what: string, allow?: string): void {
    const p = this.sheet().protection;
    if (p.protected && !(allow && p.options?.[allow])) throw new FakeOfficeError('InvalidOperation', `${what}: the sheet is protected`);
  }

  private applyFormat(path: string, value: unknown): void {
    this.requireUnprotected(`format ${path}`, 'allowFormatCells');
    for (const [r, c] of cellsOf(this.area)) this.sheet().touch(r, c).format[path] = value;
  }

  private grid<T>(value: unknown, what: string): T[][] {
    if (!Array.isArray(value) || value.length !== this.area.rows || value.some((row) => !Array.isArray(row) || row.length !== this.area.cols)) {
      throw new FakeOfficeError('InvalidArgument', `${what} for ${this.describe()} must be ${this.area.rows}×${this.area.cols}`);
    }
    return value as T[][];
  }

  private writeCells(what: 'values' | 'formulas', value: unknown): void {
    const grid = this.grid<Scalar>(value, what);
    this.ctx.queue({
      kind: 'write',
      what: `write ${what} ${this.describe()}`,
      run: () => {
        const sheet = this.sheet();
        for (const [r, c] of cellsOf(this.area)) {
          const v = grid[r - this.area.row][c - this.area.col];
          const m = sheet.mergeAt(r, c);
          if (m && (m.row !== r || m.col !== c) && v !== '' && v !== null) throw new FakeOfficeError('InvalidOperation', `${areaAddress({ row: r, col: c, rows: 1, cols: 1 })} is inside a merged area`);
          if (sheet.protection.protected && sheet.isLocked(r, c)) throw new FakeOfficeError('InvalidOperation', `${sheet.name}!${areaAddress({ row: r, col: c, rows: 1, cols: 1 })} is locked on a protected sheet`);
        }
        for (const [r, c] of cellsOf(this.area)) {
          const v = grid[r - this.area.row][c - this.area.col];
          if (v === null || v === undefined) continue; // null leaves a cell as it is, as in Office.js
          const cell = sheet.touch(r, c);
          const typed = asTyped(v);
          cell.formula = typed.formula;
          cell.value = typed.formula === typed.value ? typed.value : this.ctx.fake.evaluate(String(typed.formula));
          if (typed.formula !== typed.value) this.ctx.fake.calculateLater(cell);
        }
        this.ctx.changed(sheet, this.area);
      },
    });
  }

  set values(v: unknown) {
    this.writeCells('values', v);
  }
  get values(): unknown {
    return this.read('values');
  }

  set formulas(v: unknown) {
    this.writeCells('formulas', v);
  }
  get formulas(): unknown {
    return this.read('formulas');
  }

  set numberFormat(v: unknown) {
    const grid = this.grid<string>(v, 'numberFormat');
    this.ctx.queue({
      kind: 'write',
      what: `write numberFormat ${this.describe()}`,
      run: () => {
        this.requireUnprotected('numberFormat', 'allowFormatCells');
        for (const [r, c] of cellsOf(this.area)) this.sheet().touch(r, c).numberFormat = grid[r - this.area.row][c - this.area.col];
      },
    });
  }
  get numberFormat(): unknown {
    return this.read('numberFormat');
  }

  /** Range.columnHidden (ExcelApi 1.2): hides the range's whole columns. */
  set columnHidden(v: boolean) {
    this.ctx.queue({
      kind: 'write',
      what: `write columnHidden ${this.describe()}`,
      run: () => {
        this.requireUnprotected('columnHidden', 'allowFormatColumns');
        for (let c = this.area.col; c < this.area.col + this.area.cols; c++) this.sheet().settings[`hidden.${c}`] = v;
      },
    });
  }

  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }

  protected override snap(): Record<string, unknown> {
    const sheet = this.sheet();
    const rows = (f: (cell: CellModel | undefined, r: number, c: number) => unknown) =>
      Array.from({ length: this.area.rows }, (_, i) => Array.from({ length: this.area.cols }, (_, j) => f(sheet.cellAt(this.area.row + i, this.area.col + j), this.area.row + i, this.area.col + j)));
    return {
      values: rows((cell) => cell?.value ?? ''),
      formulas: rows((cell) => cell?.formula ?? ''),
      numberFormat: rows((cell) => cell?.numberFormat ?? 'General'),
      address: `${quoteSheet(sheet.name)}!${areaAddress(this.area)}`,
      rowIndex: this.area.row,
      columnIndex: this.area.col,
      rowCount: this.area.rows,
      columnCount: this.area.cols,
    };
  }

  merge(across = false): void {
    this.ctx.queue({
      kind: 'write',
      what: `write merge ${this.describe()}`,
      run: () => {
        this.requireUnprotected('merge');
        if (across) throw new Error('fake Excel: merge(across) is not modelled');
        const sheet = this.sheet();
        if (sheet.merges.some((m) => overlaps(m, this.area))) throw new FakeOfficeError('InvalidOperation', `merge ${this.describe()} overlaps a merged area`);
        // Excel keeps only the top-left value of a merged area.
        for (const [r, c] of cellsOf(this.area)) {
          if (r === this.area.row && c === this.area.col) continue;
          const cell = sheet.cellAt(r, c);
          if (cell) {
            cell.value = '';
            cell.formula = '';
          }
        }
        sheet.merges.push({ ...this.area });
      },
    });
  }

  select(): void {
    this.ctx.queue({
      kind: 'control',
      what: `select ${this.describe()}`,
      run: () => {
        this.ctx.fake.selection = { sheet: this.sheet().name, address: areaAddress(this.area) };
      },
    });
  }

  getCell(r: number, c: number): RangeProxy {
    return new RangeProxy(this.ctx, this.sheetRef, { row: this.area.row + r, col: this.area.col + c, rows: 1, cols: 1 });
  }
}


// Conditional formats: a collection over the areas of a range (or RangeAreas). A format's id is
// its priority in that collection, as the reference says of ConditionalFormat.id: add() puts a
// new format on top and every id below it moves; a stored id may name another format later.

const intersectsAny = (cf: ConditionalFormatModel, areas: Area[]): boolean => cf.areas.some((a) => areas.some((b) => overlaps(a, b)));

class ConditionalFormatProxy extends Loadable {
  readonly custom: { rule: Record<string, unknown>; format: Record<string, unknown> };
  readonly textComparison: { rule: undefined; format: Record<string, unknown> };
  private customLoaded: { isNullObject: boolean; rule: { formula: unknown } } | undefined;
  private nullState: boolean | undefined;

  constructor(
    ctx: FakeContext,
    private readonly lookup: () => ConditionalFormatModel | undefined,
    private readonly sheet: () => SheetModel,
    /** The collection it was reached through: its position there is its id. */
    private readonly collection: () => ConditionalFormatModel[],
    private readonly label: string,
    private readonly orNull = false,
    /** The areas of the range whose collection it was reached through. */
    private readonly via: () => Area[] = () => [],
  ) {
    super(ctx);
    if (orNull) ctx.queue({ kind: 'read', what: `resolve conditional format ${label}`, run: () => (this.nullState = this.lookup() === undefined) });
    const set = (path: string) => (prop: string, value: unknown) => {
      const m = this.model();
      if (this.sheet().protection.protected) throw new FakeOfficeError('InvalidOperation', 'conditional format: the sheet is protected');
      m.props[`${path}${prop}`] = value;
    };
    const format = (path: string) =>
      bag(ctx, `${path}format`, [], { font: bag(ctx, `${path}format.font`, FONT_PROPS, {}, set(`${path}format.font.`)), fill: bag(ctx, `${path}format.fill`, ['color'], {}, set(`${path}format.fill.`)) }, set(`${path}format.`));
    this.custom = { rule: bag(ctx, 'custom.rule', ['formula'], {}, set('custom.rule.')), format: format('custom.') };
    this.textComparison = { rule: undefined, format: format('textComparison.') };
  }

  private model(): ConditionalFormatModel {
    const m = this.lookup();
    if (!m) throw new FakeOfficeError('ItemNotFound', `no conditional format ${this.label}`);
    return m;
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    if (this.nullState === undefined) throw new PropertyNotLoaded(`conditional format ${this.label}.isNullObject`);
    return this.nullState;
  }

  protected override describe(): string {
    return `conditional format ${this.label}`;
  }

  protected override snap(): Record<string, unknown> {
    const m = this.model();
    const at = this.collection().indexOf(m);
    return { id: String(at), type: m.type, priority: at, stopIfTrue: false };
  }

  /** Loads a path such as "customOrNullObject/rule/formula"; "custom/…" fails on another type, as in Excel (office-js#2180). */
  loadPath(path: string): void {
    const m = this.model();
    const [head] = path.split('/');
    if (head === 'custom' || head === 'customOrNullObject') {
      if (m.type !== 'Custom' && head === 'custom') throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
      this.customLoaded = m.type === 'Custom' ? { isNullObject: false, rule: { formula: m.props['custom.rule.formula'] } } : { isNullObject: true, rule: { formula: undefined } };
      return;
    }
    const all = this.snap();
    if (!(path in all)) throw new FakeOfficeError('InvalidArgument', `conditional format has no loadable property ${path}`);
    this.loaded[path] = all[path];
  }

  get customOrNullObject(): { isNullObject: boolean; rule: { formula: unknown } } {
    if (!this.customLoaded) throw new PropertyNotLoaded('conditionalFormat.customOrNullObject');
    return this.customLoaded;
  }

  get id(): string {
    return this.read('id');
  }
  get type(): string {
    return this.read('type');
  }
  get priority(): number {
    return this.read('priority');
  }

  override load(props?: string | string[] | Record<string, unknown>): this {
    const wanted = typeof props === 'string' ? props.split(',').map((p) => p.trim()) : Array.isArray(props) ? props : props ? Object.keys(props) : ['id', 'type'];
    this.ctx.queue({
      kind: 'read',
      what: `load ${this.describe()} ${wanted.join(',')}`,
      run: () => {
        if (this.orNull && this.nullState) return;
        for (const w of wanted) this.loadPath(w);
      },
    });
    return this;
  }

  /** The range it applies to (ExcelApi 1.6); Excel refuses for a format on several areas. */
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => this.sheet(), () => {
      const m = this.model();
      if (m.areas.length > 1) throw new FakeOfficeError('InvalidOperation', 'conditional format applies to several areas');
      return m.area;
    });
  }

  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, () => this.sheet(), () => {
      const m = this.lookup();
      return m && m.areas.length === 1 ? m.area : undefined;
    }, true);
  }

  /**
   * Deleting a format reached through another range's collection (the whole sheet's, say) throws
   * ItemNotFound when another format shares a cell with it (office-js#5222); through the
   * collection of its own range it works.
   */
  delete(): void {
    this.ctx.queue({
      kind: 'write',
      what: `write delete ${this.describe()}`,
      run: () => {
        if (this.orNull && this.nullState) return;
        const sheet = this.sheet();
        if (sheet.protection.protected) throw new FakeOfficeError('InvalidOperation', 'conditionalFormats: the sheet is protected');
        const list = sheet.conditionalFormats;
        const m = this.model();
        const via = this.via();
        const own = via.length > 0 && via.every((v) => m.areas.some((a) => a.row === v.row && a.col === v.col && a.rows === v.rows && a.cols === v.cols));
        const shared = list.some((other) => other !== m && other.areas.some((a) => m.areas.some((b) => overlaps(a, b))));
        if (!own && shared) throw new FakeOfficeError('ItemNotFound', 'conditional format reached through another range shares a cell with another format (office-js#5222)');
        list.splice(list.indexOf(m), 1);
      },
    });
  }
}

class ConditionalFormatCollectionProxy extends Loadable {
  private itemsLoaded: ConditionalFormatProxy[] | undefined;

  constructor(
    ctx: FakeContext,
    private readonly sheet: () => SheetModel,
    private readonly areas: () => Area[],
    private readonly where: () => string,
  ) {
    super(ctx);
  }

  protected override describe(): string {
    return `conditionalFormats ${this.where()}`;
  }

  /** The formats this collection holds, in priority order. */
  private list(): ConditionalFormatModel[] {
    return this.sheet().conditionalFormats.filter((cf) => intersectsAny(cf, this.areas()));
  }

  /** Adds a format at the top priority, as the reference says: every other format's id moves down one. */
  add(type: string): ConditionalFormatProxy {
    let made: ConditionalFormatModel | undefined;
    this.ctx.queue({
      kind: 'write',
      what: `write conditionalFormats.add(${type}) ${this.where()}`,
      run: () => {
        const sheet = this.sheet();
        if (sheet.protection.protected) throw new FakeOfficeError('InvalidOperation', 'conditionalFormats: the sheet is protected');
        const areas = this.areas().map((a) => ({ ...a }));
        made = { area: areas[0], areas, type, props: {} };
        sheet.conditionalFormats.unshift(made);
      },
    });
    return new ConditionalFormatProxy(this.ctx, () => made, this.sheet, () => this.list(), `(new ${type})`, false, () => this.areas());
  }

  /** The format at that priority when the batch runs, whichever it is by then. */
  private at(id: string): () => ConditionalFormatModel | undefined {
    return () => (/^\d+$/.test(id) ? this.list()[Number(id)] : undefined);
  }

  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.ctx, this.at(id), this.sheet, () => this.list(), id, false, () => this.areas());
  }

  getItemAt(index: number): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.ctx, this.at(String(index)), this.sheet, () => this.list(), `#${index}`, false, () => this.areas());
  }

  getItemOrNullObject(id: string): ConditionalFormatProxy {
    this.ctx.requires('1.14', 'ConditionalFormatCollection.getItemOrNullObject');
    return new ConditionalFormatProxy(this.ctx, this.at(id), this.sheet, () => this.list(), id, true, () => this.areas());
  }

  getCount(): { value: number } {
    const result = { value: NaN };
    this.ctx.queue({ kind: 'read', what: `count ${this.describe()}`, run: () => (result.value = this.list().length) });
    return result;
  }

  clearAll(): void {
    this.ctx.queue({
      kind: 'write',
      what: `write conditionalFormats.clearAll ${this.where()}`,
      run: () => {
        const list = this.sheet().conditionalFormats;
        for (let i = list.length - 1; i >= 0; i--) if (intersectsAny(list[i], this.areas())) list.splice(i, 1);
      },
    });
  }

  override load(props?: string | string[] | Record<string, unknown>): this {
    const wanted = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : []).map((p) => p.trim().replace(/^items\//, '')).filter((p) => p !== '' && p !== 'items');
    this.ctx.queue({
      kind: 'read',
      what: `load ${this.describe()} items ${wanted.join(',')}`,
      run: () => {
        const sheet = this.sheet();
        // An item is addressed by its id, that is its position: a later batch reaches whatever sits there then.
        this.itemsLoaded = this.list().map((m, i) => {
          const item = new ConditionalFormatProxy(this.ctx, this.at(String(i)), () => sheet, () => this.list(), String(i), false, () => this.areas());
          for (const w of wanted.length ? wanted : ['id', 'type']) item.loadPath(w);
          return item;
        });
      },
    });
    return this;
  }

  get items(): ConditionalFormatProxy[] {
    if (!this.itemsLoaded) throw new PropertyNotLoaded('conditionalFormats.items');
    return this.itemsLoaded;
  }
}

/** Several areas of one sheet ("D7, F9:F12"), as worksheet.getRanges() gives them (ExcelApi 1.9; select() 1.18). */
class RangeAreasProxy extends Loadable {
  readonly conditionalFormats: ConditionalFormatCollectionProxy;

  constructor(
    ctx: FakeContext,
    private readonly sheetRef: SheetRef,
    readonly areas: Area[],
  ) {
    super(ctx);
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, sheetRef, () => this.areas, () => this.describe());
  }

  private get address(): string {
    return this.areas.map(areaAddress).join(',');
  }

  protected override describe(): string {
    let name = '?';
    try {
      name = this.sheetRef().name;
    } catch {
      /* not yet added */
    }
    return `${name}!${this.address}`;
  }

  protected override snap(): Record<string, unknown> {
    const sheet = this.sheetRef();
    return { address: this.areas.map((a) => `${quoteSheet(sheet.name)}!${areaAddress(a)}`).join(','), areaCount: this.areas.length, cellCount: this.areas.reduce((n, a) => n + a.rows * a.cols, 0) };
  }

  select(): void {
    this.ctx.requires('1.18', 'RangeAreas.select');
    this.ctx.queue({
      kind: 'control',
      what: `select ${this.describe()}`,
      run: () => {
        this.ctx.fake.selection = { sheet: this.sheetRef().name, address: this.address };
      },
    });
  }
}

// Custom XML parts (ExcelApi 1.5): the workbook's own data, kept in the file.

const namespaceOf = (xml: string): string => {
  const root = /<(?!\?)(?!!)[^\s>/]+([^>]*)>/.exec(xml);
  if (!root) throw new FakeOfficeError('InvalidArgument', 'not XML');
  return /\sxmlns="([^"]*)"/.exec(root[1])?.[1] ?? '';
};

/**
 * A part written with an XML declaration: setXml failed in Word until it was removed
 * (office-js#1643) and Microsoft's Excel samples write none, so the fake refuses it.
 */
function refuseDeclaration(xml: string): void {
  if (/^\s*<\?xml/.test(xml)) throw new FakeOfficeError('InvalidArgument', 'custom XML part with an XML declaration (office-js#1643)');
}

class CustomXmlPartProxy extends Loadable {
  private nullState: boolean | undefined;

  constructor(
    ctx: FakeContext,
    private readonly lookup: () => CustomXmlPartModel | undefined,
    private readonly label: string,
    private readonly orNull = false,
  ) {
    super(ctx);
    if (orNull) ctx.queue({ kind: 'read', what: `resolve custom XML part ${label}`, run: () => (this.nullState = this.lookup() === undefined) });
  }

  private model(): CustomXmlPartModel {
    const m = this.lookup();
    if (!m) throw new FakeOfficeError('ItemNotFound', `no custom XML part ${this.label}`);
    return m;
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    if (this.nullState === undefined) throw new PropertyNotLoaded(`custom XML part ${this.label}.isNullObject`);
    return this.nullState;
  }

  protected override describe(): string {
    return `custom XML part ${this.label}`;
  }

  protected override snap(): Record<string, unknown> {
    const m = this.model();
    return { id: m.id, namespaceUri: m.namespaceUri };
  }

  get id(): string {
    return this.read('id');
  }
  get namespaceUri(): string {
    return this.read('namespaceUri');
  }

  getXml(): { value: string } {
    const result = { value: undefined as unknown as string };
    this.ctx.queue({ kind: 'read', what: `getXml ${this.describe()}`, run: () => (result.value = this.model().xml) });
    return result;
  }

  setXml(xml: string): void {
    this.ctx.queue({
      kind: 'write',
      what: `write setXml ${this.describe()}`,
      run: () => {
        refuseDeclaration(xml);
        const m = this.model();
        m.xml = xml;
        m.namespaceUri = namespaceOf(xml);
      },
    });
  }

  delete(): void {
    this.ctx.queue({
      kind: 'write',
      what: `write delete ${this.describe()}`,
      run: () => {
        const parts = this.ctx.fake.model.customXmlParts;
        parts.splice(parts.indexOf(this.model()), 1);
      },
    });
  }
}

class CustomXmlPartCollectionProxy extends Loadable {
  private itemsLoaded: CustomXmlPartProxy[] | undefined;

  /** `namespace` set: the scoped collection getByNamespace() gives. */
  constructor(
    ctx: FakeContext,
    private readonly namespace: string | null = null,
  ) {
    super(ctx);
  }

  private list(): CustomXmlPartModel[] {
    return this.ctx.fake.model.customXmlParts.filter((p) => this.namespace === null || p.namespaceUri === this.namespace);
  }

  protected override describe(): string {
    return this.namespace === null ? 'customXmlParts' : `customXmlParts(${this.namespace})`;
  }

  add(xml: string): CustomXmlPartProxy {
    if (this.namespace !== null) throw new Error('fake Excel: add() is on the workbook collection only');
    let made: CustomXmlPartModel | undefined;
    this.ctx.queue({
      kind: 'write',
      what: 'write customXmlParts.add',
      run: () => {
        refuseDeclaration(xml);
        made = { id: this.ctx.fake.model.objectId('xml'), namespaceUri: namespaceOf(xml), xml };
        this.ctx.fake.model.customXmlParts.push(made);
      },
    });
    return new CustomXmlPartProxy(this.ctx, () => made, '(new)');
  }

  getByNamespace(namespaceUri: string): CustomXmlPartCollectionProxy {
    return new CustomXmlPartCollectionProxy(this.ctx, namespaceUri);
  }

  getItem(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, () => this.list().find((p) => p.id === id), id);
  }

  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, () => this.list().find((p) => p.id === id), id, true);
  }

  getOnlyItemOrNullObject(): CustomXmlPartProxy {
    return new CustomXmlPartProxy(
      this.ctx,
      () => {
        const l = this.list();
        if (l.length > 1) throw new FakeOfficeError('InvalidOperation', 'more than one custom XML part in the namespace');
        return l[0];
      },
      `only in ${this.namespace}`,
      true,
    );
  }

  getCount(): { value: number } {
    const result = { value: NaN };
    this.ctx.queue({ kind: 'read', what: `count ${this.describe()}`, run: () => (result.value = this.list().length) });
    return result;
  }

  override load(props?: string | string[] | Record<string, unknown>): this {
    const wanted = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : []).map((p) => p.trim().replace(/^items\//, '')).filter((p) => p !== '' && p !== 'items');
    this.ctx.queue({
      kind: 'read',
      what: `load ${this.describe()} items`,
      run: () => {
        this.itemsLoaded = this.list().map((m) => {
          const item = new CustomXmlPartProxy(this.ctx, () => (this.ctx.fake.model.customXmlParts.includes(m) ? m : undefined), m.id);
          const all = (item as unknown as { snap(): Record<string, unknown> }).snap();
          for (const k of wanted.length ? wanted : Object.keys(all)) (item as unknown as { loaded: Record<string, unknown> }).loaded[k] = all[k];
          return item;
        });
      },
    });
    return this;
  }

  get items(): CustomXmlPartProxy[] {
    if (!this.itemsLoaded) throw new PropertyNotLoaded(`${this.describe()}.items`);
    return this.itemsLoaded;
  }
}

const quoteSheet = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

class NamedItemProxy extends Loadable {
  private nullState: boolean | undefined;

  constructor(
    ctx: FakeContext,
    private readonly lookup: () => NameModel | undefined,
    private readonly label: string,
    orNull: boolean,
  ) {
    super(ctx);
    if (orNull) ctx.queue({ kind: 'read', what: `resolve name ${label}`, run: () => (this.nullState = this.lookup() === undefined) });
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new PropertyNotLoaded(`name ${this.label}.isNullObject`);
    return this.nullState;
  }

  private model(): NameModel {
    const m = this.lookup();
    if (!m) throw new FakeOfficeError('ItemNotFound', `no name ${this.label}`);
    return m;
  }

  protected override describe(): string {
    return `name ${this.label}`;
  }

  protected override snap(): Record<string, unknown> {
    const m = this.lookup();
    if (!m) return { name: undefined, formula: undefined, type: undefined, value: undefined, comment: undefined };
    const ref = `${quoteSheet(m.sheet.name)}!${areaAddress({ ...m.area }).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
    return { name: m.name, formula: `=${ref}`, type: 'Range', value: ref, comment: m.comment };
  }

  get name(): string {
    return this.read('name');
  }
  get formula(): string {
    return this.read('formula');
  }
  get type(): string {
    return this.read('type');
  }
  get value(): string {
    return this.read('value');
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => this.model().sheet, this.lookupArea());
  }

  /** Resolved when the batch runs: a null object when the name (or its range) does not exist. */
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, () => this.model().sheet, () => this.lookup()?.area, true);
  }

  private lookupArea(): Area {
    // The area is fixed when the range is made, as Office.js resolves it on the host; the fake
    // needs it now, so a name must exist before a range is taken from it.
    const m = this.lookup();
    if (!m) throw new FakeOfficeError('ItemNotFound', `no name ${this.label}`);
    return m.area;
  }
}

class NamedItemCollectionProxy extends Loadable {
  private itemsLoaded: NamedItemProxy[] | undefined;

  /** `visible`: the names it lists and finds, when more than it holds (a worksheet's on the web). */
  constructor(
    ctx: FakeContext,
    private readonly store: () => Map<string, NameModel>,
    private readonly scopeSheet: (() => SheetModel) | null,
    private readonly visible: () => Map<string, NameModel> = store,
  ) {
    super(ctx);
  }

  protected override describe(): string {
    return this.scopeSheet ? 'worksheet names' : 'workbook names';
  }

  add(name: string, reference: RangeProxy | string, comment = ''): NamedItemProxy {
    this.ctx.queue({
      kind: 'write',
      what: `write names.add ${name}`,
      run: () => {
        checkDefinedName(name);
        const store = this.store();
        if (store.has(name.toUpperCase())) throw new FakeOfficeError('ItemAlreadyExists', `name ${name} exists`);
        if (!(reference instanceof RangeProxy)) throw new Error('fake Excel: names.add with a formula string is not modelled');
        const sheet = (reference as unknown as { sheetRef: SheetRef }).sheetRef();
        store.set(name.toUpperCase(), { name, area: { ...reference.area }, sheet, comment });
      },
    });
    return new NamedItemProxy(this.ctx, () => this.store().get(name.toUpperCase()), name, false);
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.visible().get(name.toUpperCase()), name, false);
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.visible().get(name.toUpperCase()), name, true);
  }

  override load(props?: string | string[] | Record<string, unknown>): this {
    const wanted = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : []).map((p) => p.trim().replace(/^items\//, ''));
    this.ctx.queue({
      kind: 'read',
      what: `load ${this.describe()} items`,
      run: () => {
        this.itemsLoaded = [...this.visible().values()].map((m) => {
          const item = new NamedItemProxy(this.ctx, () => this.visible().get(m.name.toUpperCase()), m.name, false);
          const all = (item as unknown as { snap(): Record<string, unknown> }).snap();
          for (const k of wanted.length ? wanted : Object.keys(all)) (item as unknown as { loaded: Record<string, unknown> }).loaded[k] = all[k];
          return item;
        });
      },
    });
    return this;
  }

  get items(): NamedItemProxy[] {
    if (!this.itemsLoaded) throw new PropertyNotLoaded('names.items');
    return this.itemsLoaded;
  }
}

class EventSource<H = Handler> {
  constructor(
    private readonly ctx: FakeContext,
    private readonly target: () => H[],
    private readonly label = 'onChanged',
  ) {}

  add(handler: H): { remove: () => void; context: FakeContext } {
    this.ctx.queue({ kind: 'control', what: `register ${this.label}`, run: () => this.target().push(handler) });
    return {
      context: this.ctx,
      remove: () =>
        this.ctx.queue({
          kind: 'control',
          what: `remove ${this.label}`,
          run: () => {
            const list = this.target();
            const i = list.indexOf(handler);
            if (i >= 0) list.splice(i, 1);
          },
        }),
    };
  }
}

/** WorksheetProtectionOptions as Excel reports them for a sheet protected without options. */
const PROTECTION_DEFAULTS: Record<string, unknown> = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: 'Normal',
};

class WorksheetProxy extends Loadable {
  private nullState: boolean | undefined;
  readonly names: NamedItemCollectionProxy;
  readonly protection: Record<string, unknown>;
  readonly onChanged: EventSource;
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly pageLayout: Record<string, unknown>;
  /** Worksheet.autoFilter (ExcelApi 1.9): apply() over a range; one filter per sheet. */
  readonly autoFilter: { apply: (range: RangeProxy) => void };

  constructor(
    ctx: FakeContext,
    readonly resolve: () => SheetModel | undefined,
    private readonly label: string,
    orNull = false,
  ) {
    super(ctx);
    if (orNull) ctx.queue({ kind: 'read', what: `resolve sheet ${label}`, run: () => (this.nullState = this.resolve() === undefined) });
    const model = () => this.model();
    // On the web a worksheet's names also list the workbook's (office-js#1011); its own come first.
    this.names = new NamedItemCollectionProxy(ctx, () => model().names, model, () => (ctx.fake.platform === 'web' ? new Map([...ctx.fake.model.names, ...model().names]) : model().names));
    const protectionState = new (class extends Loadable {
      protected override snap() {
        const p = model().protection;
        return { protected: p.protected, options: { ...PROTECTION_DEFAULTS, ...(p.options ?? {}) } };
      }
      get protected(): boolean {
        return this.read('protected');
      }
      get options(): Record<string, unknown> {
        return this.read('options');
      }
    })(ctx);
    this.protection = Object.assign(protectionState, {
      protect: (options?: Record<string, unknown>, password?: string) =>
        ctx.queue({
          kind: 'write',
          what: `write protect ${label}`,
          run: () => {
            ctx.fake.clearUndo('WorksheetProtection.protect');
            const m = model();
            if (m.protection.protected) throw new FakeOfficeError('InvalidOperation', `${m.name} is already protected`);
            m.protection = { protected: true, options: options ?? {}, ...(password === undefined ? {} : { password }) };
          },
        }),
      unprotect: (password?: string) =>
        ctx.queue({
          kind: 'write',
          what: `write unprotect ${label}`,
          run: () => {
            ctx.fake.clearUndo('WorksheetProtection.unprotect');
            const m = model();
            if (m.protection.password !== undefined && m.protection.password !== password) throw new FakeOfficeError('InvalidOperation', 'wrong password');
            m.protection = { protected: false };
          },
        }),
    }) as unknown as Record<string, unknown>;
    this.onChanged = new EventSource(ctx, () => model().handlers);
    this.autoFilter = {
      apply: (range: RangeProxy) => {
        ctx.requires('1.9', 'AutoFilter.apply');
        ctx.queue({ kind: 'write', what: `write autoFilter ${label}`, run: () => (model().settings.autoFilter = areaAddress(range.area)) });
      },
    };
    this.freezePanes = {
      freezeRows: (n: number) => ctx.queue({ kind: 'write', what: `write freezeRows ${label}`, run: () => (model().settings.freezeRows = n) }),
    };
    this.pageLayout = bag(
      ctx,
      'pageLayout',
      ['orientation', 'paperSize', 'centerHorizontally', 'zoom', 'printGridlines'],
      {
        // PageLayout.setPrintArea: ExcelApi 1.9.
        setPrintArea: (area: string) => {
          ctx.requires('1.9', 'PageLayout.setPrintArea');
          parseAddress(area);
          ctx.queue({ kind: 'write', what: `write printArea ${label}`, run: () => (model().settings['pageLayout.printArea'] = area) });
        },
        // PageLayout.setPrintTitleRows: ExcelApi 1.9; a whole-row reference ("$3:$3").
        setPrintTitleRows: (rows: string) => {
          ctx.requires('1.9', 'PageLayout.setPrintTitleRows');
          if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new FakeOfficeError('InvalidArgument', `print title rows must be whole rows: ${rows}`);
          ctx.queue({ kind: 'write', what: `write printTitleRows ${label}`, run: () => (model().settings['pageLayout.printTitleRows'] = rows) });
        },
      },
      (prop, value) => {
        model().settings[`pageLayout.${prop}`] = value;
      },
    );
  }

  private model(): SheetModel {
    const m = this.resolve();
    if (!m) throw new FakeOfficeError('ItemNotFound', `no worksheet ${this.label}`);
    return m;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new PropertyNotLoaded(`worksheet ${this.label}.isNullObject`);
    return this.nullState;
  }

  protected override describe(): string {
    return `worksheet ${this.label}`;
  }

  protected override snap(): Record<string, unknown> {
    const m = this.model();
    return { name: m.name, id: m.id, position: this.ctx.fake.model.sheets.indexOf(m), visibility: 'Visible', showGridlines: m.settings.showGridlines ?? true };
  }

  get name(): string {
    return this.read('name');
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  get visibility(): string {
    return this.read('visibility');
  }

  set showGridlines(v: boolean) {
    this.ctx.queue({ kind: 'write', what: `write showGridlines ${this.label}`, run: () => (this.model().settings.showGridlines = v) });
  }
  get showGridlines(): boolean {
    return this.read('showGridlines');
  }

  set tabColor(v: string) {
    this.ctx.queue({ kind: 'write', what: `write tabColor ${this.label}`, run: () => (this.model().settings.tabColor = v) });
  }

  getRange(address?: string): RangeProxy {
    // The whole sheet: fine for its conditional formats, not for loading its values.
    if (address === undefined) return new RangeProxy(this.ctx, () => this.model(), WHOLE_SHEET);
    return new RangeProxy(this.ctx, () => this.model(), parseAddress(address));
  }

  /**
   * The used range (ExcelApi 1.4 for the OrNullObject form): with valuesOnly, the smallest area
   * holding every cell with a value; otherwise every touched cell (a formatted one counts, as in
   * Excel). A sheet with none gives a null object.
   */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.ctx.requires('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return new RangeProxy(
      this.ctx,
      () => this.model(),
      () => {
        let r1 = Infinity;
        let c1 = Infinity;
        let r2 = -1;
        let c2 = -1;
        for (const [key, cell] of this.model().cells) {
          if (valuesOnly && (cell.value === '' || cell.value === null) && cell.formula === '') continue;
          const [r, c] = key.split(',').map(Number);
          r1 = Math.min(r1, r);
          c1 = Math.min(c1, c);
          r2 = Math.max(r2, r);
          c2 = Math.max(c2, c);
        }
        return r2 < 0 ? undefined : { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
      },
      true,
    );
  }

  getRanges(address: string): RangeAreasProxy {
    const areas = address.split(',').map((a) => parseAddress(a.trim()));
    return new RangeAreasProxy(this.ctx, () => this.model(), areas);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    if (rows < 1 || cols < 1) throw new FakeOfficeError('InvalidArgument', 'empty range');
    return new RangeProxy(this.ctx, () => this.model(), { row, col, rows, cols });
  }

  activate(): void {
    this.ctx.queue({ kind: 'control', what: `activate ${this.label}`, run: () => this.ctx.fake.recordActivation(this.model()) });
  }

  delete(): void {
    this.ctx.queue({
      kind: 'write',
      what: `write delete worksheet ${this.label}`,
      run: () => {
        this.ctx.fake.clearUndo('Worksheet.delete');
        const wb = this.ctx.fake.model;
        const m = this.model();
        wb.sheets.splice(wb.sheets.indexOf(m), 1);
        if (wb.activeSheetId === m.id) wb.activeSheetId = wb.sheets[0]?.id ?? '';
      },
    });
  }
}

class WorksheetCollectionProxy extends Loadable {
  private itemsLoaded: WorksheetProxy[] | undefined;
  readonly onChanged: EventSource;
  readonly onActivated: EventSource<ActivationHandler>;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.onChanged = new EventSource(ctx, () => ctx.fake.workbookHandlers);
    this.onActivated = new EventSource<ActivationHandler>(ctx, () => ctx.fake.activationHandlers, 'onActivated');
  }

  private get wb(): WorkbookModel {
    return this.ctx.fake.model;
  }

  add(name?: string): WorksheetProxy {
    let made: SheetModel | undefined;
    const label = name ?? '(new)';
    this.ctx.queue({
      kind: 'write',
      what: `write worksheets.add ${label}`,
      run: () => {
        made = this.wb.newSheet(name ?? `Sheet${this.wb.sheets.length + 1}`);
      },
    });
    return new WorksheetProxy(this.ctx, () => made, label);
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.wb.find(name) ?? this.wb.sheets.find((s) => s.id === name), name);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.wb.find(name) ?? this.wb.sheets.find((s) => s.id === name), name, true);
  }

  getActiveWorksheet(): WorksheetProxy {
    let active: SheetModel | undefined;
    this.ctx.queue({ kind: 'read', what: 'resolve active worksheet', run: () => (active = this.wb.sheets.find((s) => s.id === this.wb.activeSheetId)) });
    return new WorksheetProxy(this.ctx, () => active, '(active)');
  }

  override load(props?: string | string[]): this {
    const wanted = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : []).map((p) => p.trim().replace(/^items\//, ''));
    this.ctx.queue({
      kind: 'read',
      what: `load worksheets ${wanted.join(',')}`,
      run: () => {
        this.itemsLoaded = this.wb.sheets.map((m) => {
          const ws = new WorksheetProxy(this.ctx, () => (this.wb.sheets.includes(m) ? m : undefined), m.name);
          const all = (ws as unknown as { snap(): Record<string, unknown> }).snap();
          for (const k of wanted.length ? wanted : Object.keys(all)) (ws as unknown as { loaded: Record<string, unknown> }).loaded[k] = all[k];
          return ws;
        });
      },
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (!this.itemsLoaded) throw new PropertyNotLoaded('worksheets.items');
    return this.itemsLoaded;
  }
}

class RuntimeProxy extends Loadable {
  protected override snap(): Record<string, unknown> {
    return { enableEvents: this.ctx.fake.model.enableEvents };
  }
  set enableEvents(v: boolean) {
    this.ctx.queue({ kind: 'control', what: `enableEvents=${v}`, run: () => (this.ctx.fake.model.enableEvents = v) });
  }
  get enableEvents(): boolean {
    return this.read('enableEvents');
  }
}

class ApplicationProxy extends Loadable {
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue({ kind: 'control', what: 'suspendApiCalculationUntilNextSync', run: () => undefined });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.queue({ kind: 'control', what: 'suspendScreenUpdatingUntilNextSync', run: () => undefined });
  }
  calculate(type: string): void {
    this.ctx.queue({ kind: 'control', what: `calculate ${type}`, run: () => this.ctx.fake.calculations.push(type) });
  }
}

export class FakeContext {
  readonly workbook: { worksheets: WorksheetCollectionProxy; names: NamedItemCollectionProxy; application: ApplicationProxy; customXmlParts: CustomXmlPartCollectionProxy };
  readonly runtime: RuntimeProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private pending: Op[] = [];

  constructor(readonly fake: FakeExcel) {
    this.application = new ApplicationProxy(this);
    this.workbook = {
      worksheets: new WorksheetCollectionProxy(this),
      names: new NamedItemCollectionProxy(this, () => fake.model.names, null),
      application: this.application,
      customXmlParts: new CustomXmlPartCollectionProxy(this),
    };
    this.runtime = new RuntimeProxy(this);
  }

  queue(op: Op): void {
    this.pending.push(op);
  }

  /** A member of a later ExcelApi than the fake's: the batch fails with ApiNotFound when it runs, as on such an Excel. */
  requires(version: string, member: string): void {
    if (this.fake.isSetSupported('ExcelApi', version)) return;
    this.queue({
      kind: 'control',
      what: `${member} (ExcelApi ${version})`,
      run: () => {
        throw new FakeOfficeError('ApiNotFound', `${member} needs ExcelApi ${version}; this Excel has ${this.fake.excelApi}`);
      },
    });
  }

  changed(sheet: SheetModel, area: Area): void {
    this.fake.recordChange(sheet, area, 'ThisLocalAddin');
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    const batch: Batch = { ops: ops.map((o) => o.what), writes: ops.filter((o) => o.kind === 'write').length };
    this.fake.batches.push(batch);
    errorLanguage = this.fake.displayLanguage;
    try {
      for (const op of ops) {
        if (this.fake.failOn?.(op.what)) throw new FakeOfficeError('GeneralException', `injected failure at ${op.what}`);
        op.run();
        // Before ExcelUndoApiAll, any write by an add-in clears the user's undo history.
        if (op.kind === 'write' && !this.fake.isSetSupported('ExcelUndoApiAll', '1.0')) this.fake.clearUndo(op.what);
      }
    } catch (e) {
      batch.error = e instanceof FakeOfficeError ? `${e.code}: ${e.debugInfo.message}` : (e as Error).message;
      throw e;
    } finally {
      await this.fake.dispatch();
    }
  }
}

export interface FakeExcelOptions {
  /** The highest ExcelApi version this Excel supports: 1.9 (what manifest.xml asks for) unless given. */
  excelApi?: string;
  /** Other requirement sets it supports, by name and version: { ExcelUndoApiAll: '1.0' }. */
  sets?: Record<string, string>;
  /** 'web': worksheet.names also lists the workbook's names, as Excel on the web does (office-js#1011). */
  platform?: 'desktop' | 'web';
  displayLanguage?: DisplayLanguage;
  /**
   * Custom functions registered, by display language, as full names ("NIANBAO.CHECK"): by
   * default what src/functions declares (functions.json) and the zh-CN metadata names.
   */
  functions?: Record<DisplayLanguage, readonly string[]>;
}

const versionAtLeast = (have: string, want: string): boolean => {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/** A call that looks like a custom function's: NAMESPACE.NAME( — letters of any script after the dot. */
const CUSTOM_CALL = /(?<![\p{L}\p{N}_.])([A-Za-z_][A-Za-z0-9_]*)\.([\p{L}\p{N}_.]+)\s*\(/gu;

/** The fake Excel: a workbook model, contexts over it, and what the tests need to look inside. */
export class FakeExcel {
  readonly model = new WorkbookModel();
  readonly excelApi: string;
  readonly platform: 'desktop' | 'web';
  private language: DisplayLanguage;
  private readonly sets: Record<string, string>;
  private readonly functions: Record<DisplayLanguage, readonly string[]>;
  /**
   * Custom-function cells waiting for their result: Excel shows #BUSY! until the function's
   * promise settles, so a read right after the write sees #BUSY!. Here the result arrives after
   * the sync that follows the write's.
   */
  private calculating: { cell: CellModel; formula: Scalar; result: Scalar; syncsLeft: number }[] = [];

  /** Every call that cleared the user's undo history, in order (see "Undo capabilities with the Excel JavaScript API"). */
  readonly undoClearedBy: string[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.excelApi = options.excelApi ?? '1.9';
    this.platform = options.platform ?? 'desktop';
    this.language = options.displayLanguage ?? 'en-US';
    this.sets = { ...(options.sets ?? {}), ExcelApi: this.excelApi };
    this.functions = options.functions ?? registeredFunctions();
  }

  /** How many calls have cleared the user's undo history so far. */
  get undoClears(): number {
    return this.undoClearedBy.length;
  }

  clearUndo(by: string): void {
    this.undoClearedBy.push(by);
  }

  /** As Office.context.requirements.isSetSupported for this Excel. */
  isSetSupported = (name: string, version = '1.1'): boolean => {
    const have = this.sets[name];
    return have !== undefined && versionAtLeast(have, version);
  };

  get displayLanguage(): DisplayLanguage {
    return this.language;
  }

  /** Switches Excel's display language: custom functions answer to that language's names, and formulas are evaluated again. */
  set displayLanguage(language: DisplayLanguage) {
    this.language = language;
    for (const sheet of this.model.sheets) {
      // A formula cell's value is what it evaluated to; text that merely starts with "=" holds itself.
      for (const cell of sheet.cells.values()) if (typeof cell.formula === 'string' && cell.formula.startsWith('=') && cell.value !== cell.formula) cell.value = this.evaluate(cell.formula);
    }
  }

  /**
   * What a formula shows, as far as the fake can tell: #NAME? when it calls a custom function
   * (of a namespace the fake knows) by a name not registered for the display language; otherwise
   * empty, as the fake does not calculate.
   */
  evaluate(formula: string): Scalar {
    const registered = new Set(this.functions[this.language].map((n) => n.toUpperCase()));
    const namespaces = new Set([...Object.values(this.functions)].flat().map((n) => n.slice(0, n.indexOf('.')).toUpperCase()));
    const text = formula.replace(/"[^"]*"/g, '""');
    for (const m of text.matchAll(CUSTOM_CALL)) {
      if (namespaces.has(m[1].toUpperCase()) && !registered.has(`${m[1]}.${m[2]}`.toUpperCase())) return '#NAME?';
    }
    return '';
  }

  readonly batches: Batch[] = [];
  readonly workbookHandlers: Handler[] = [];
  readonly activationHandlers: ActivationHandler[] = [];
  readonly calculations: string[] = [];
  /** Every onChanged event delivered to a handler. */
  readonly delivered: ChangedEvent[] = [];
  selection: { sheet: string; address: string } | null = null;
  /** Makes the operation whose description matches fail, for error-path tests. */
  failOn: ((what: string) => boolean) | null = null;
  private queuedEvents: { sheet: SheetModel; event: ChangedEvent }[] = [];
  private queuedActivations: ActivatedEvent[] = [];
  /** Every onActivated event delivered to a handler. */
  readonly activations: ActivatedEvent[] = [];

  readonly context: FakeContext = new FakeContext(this);

  get syncCount(): number {
    return this.batches.length;
  }

  /** Batches that wrote something to the workbook. */
  writeBatches(): Batch[] {
    return this.batches.filter((b) => b.writes > 0);
  }

  /** As the code under test gets it. */
  asContext(): Excel.RequestContext {
    return this.context as unknown as Excel.RequestContext;
  }

  /** As Excel.run: a new context for each batch function, or the context given (to remove an event handler with the context that added it). */
  run = async <T>(first: ((ctx: Excel.RequestContext) => Promise<T>) | Excel.RequestContext, batch?: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (typeof first === 'function') return first(new FakeContext(this) as unknown as Excel.RequestContext);
    if (!(first instanceof FakeContext) || !batch) throw new Error('fake Excel: run(context, batch) needs a context of this fake');
    return batch(first as unknown as Excel.RequestContext);
  };

  addSheet(name: string, cells: Record<string, Scalar> = {}): SheetModel {
    const sheet = this.model.newSheet(name);
    for (const [address, v] of Object.entries(cells)) {
      const a = parseAddress(address);
      const cell = sheet.touch(a.row, a.col);
      cell.value = typeof v === 'string' && v.startsWith('=') ? this.evaluate(v) : v;
      cell.formula = v;
    }
    return sheet;
  }

  sheet(name: string): SheetModel {
    const s = this.model.find(name);
    if (!s) throw new Error(`no sheet ${name}; sheets: ${this.model.sheets.map((x) => x.name).join(', ')}`);
    return s;
  }

  activeSheet(): SheetModel | undefined {
    return this.model.sheets.find((s) => s.id === this.model.activeSheetId);
  }

  /** A person typing into cells: respects protection and fires onChanged (triggerSource Unknown). */
  async userEdit(sheetName: string, address: string, values: Scalar[][]): Promise<void> {
    const sheet = this.sheet(sheetName);
    const area = parseAddress(address);
    for (const [r, c] of cellsOf(area)) {
      if (sheet.protection.protected && sheet.isLocked(r, c)) throw new FakeOfficeError('InvalidOperation', `${address} is locked`);
    }
    for (const [r, c] of cellsOf(area)) {
      const v = values[r - area.row][c - area.col];
      const cell = sheet.touch(r, c);
      cell.value = v;
      cell.formula = v;
    }
    this.recordChange(sheet, area, 'Unknown');
    await this.dispatch();
  }

  /** A person clicking a sheet tab: the sheet becomes active and onActivated fires. */
  async userActivate(sheetName: string): Promise<void> {
    this.recordActivation(this.sheet(sheetName));
    await this.dispatch();
  }

  recordActivation(sheet: SheetModel): void {
    if (this.model.activeSheetId === sheet.id) return;
    this.model.activeSheetId = sheet.id;
    if (this.model.enableEvents) this.queuedActivations.push({ type: 'WorksheetActivated', worksheetId: sheet.id });
  }

  recordChange(sheet: SheetModel, area: Area, triggerSource: 'ThisLocalAddin' | 'Unknown'): void {
    if (!this.model.enableEvents) return;
    const event: ChangedEvent = { type: 'WorksheetChanged', address: areaAddress(area), worksheetId: sheet.id, changeType: 'RangeEdited', source: 'Local', triggerSource };
    // WorksheetChangedEventArgs.triggerSource is ExcelApi 1.14: an older Excel does not say.
    if (!this.isSetSupported('ExcelApi', '1.14')) delete (event as Partial<ChangedEvent>).triggerSource;
    this.queuedEvents.push({ sheet, event });
  }

  /**
   * A formula calling one of the add-in's scalar functions (BALANCE, SUMCHECK) with number
   * constants only is computed by the add-in's own code, the value showing #BUSY! until then.
   */
  calculateLater(cell: CellModel): void {
    const result = this.customResult(String(cell.formula));
    if (result === undefined) return;
    cell.value = '#BUSY!';
    this.calculating.push({ cell, formula: cell.formula, result, syncsLeft: 2 });
  }

  private customResult(formula: string): Scalar | undefined {
    const m = /^=\s*([A-Za-z_][A-Za-z0-9_]*)\.([\p{L}\p{N}_.]+)\s*\(([^()]*)\)\s*$/u.exec(formula);
    if (!m) return undefined;
    const full = `${m[1]}.${m[2]}`.toUpperCase();
    if (!this.functions[this.language].some((n) => n.toUpperCase() === full)) return undefined;
    const args = m[3].split(',').map((a) => a.trim());
    if (args.some((a) => !/^-?\d+(\.\d+)?$/.test(a))) return undefined;
    const nums = args.map(Number);
    const id = this.functionIds[this.language].get(full);
    if (id === 'BALANCE' && nums.length === 4) return balance(nums[0], nums[1], nums[2], nums[3]) as Scalar;
    if (id === 'SUMCHECK' && nums.length >= 1) return sumcheck(nums[0], [nums.slice(1)]) as Scalar;
    return undefined;
  }

  /** Full registered name → function id, per display language. */
  private get functionIds(): Record<DisplayLanguage, Map<string, string>> {
    const ids = registeredFunctionIds();
    const make = (lang: DisplayLanguage) => new Map(this.functions[lang].map((n, i) => [n.toUpperCase(), ids[i] ?? '']));
    return { 'en-US': make('en-US'), 'zh-CN': make('zh-CN') };
  }

  /** Delivers queued events after the batch, as Excel raises them asynchronously. */
  async dispatch(): Promise<void> {
    for (const job of this.calculating) if (--job.syncsLeft === 0 && job.cell.formula === job.formula) job.cell.value = job.result;
    this.calculating = this.calculating.filter((j) => j.syncsLeft > 0);
    const activations = this.queuedActivations;
    this.queuedActivations = [];
    for (const event of activations) {
      for (const h of [...this.activationHandlers]) {
        this.activations.push(event);
        await h(event);
      }
    }
    const events = this.queuedEvents;
    this.queuedEvents = [];
    for (const { sheet, event } of events) {
      for (const h of [...sheet.handlers, ...this.workbookHandlers]) {
        this.delivered.push(event);
        await h(event);
      }
    }
  }

  /** The values of a sheet area as Range.values would give them ("" for blank). */
  valuesAt(sheetName: string, area: Area): Scalar[][] {
    const sheet = this.sheet(sheetName);
    return Array.from({ length: area.rows }, (_, i) => Array.from({ length: area.cols }, (_, j) => sheet.cellAt(area.row + i, area.col + j)?.value ?? ''));
  }
}

// ---------------------------------------------------------------------------------------------
// The add-in's custom functions, as Excel registers them per display language


let registered: Record<DisplayLanguage, readonly string[]> | undefined;
let registeredIds: string[] = [];

/** The function ids in the order registeredFunctions() lists them. */
export function registeredFunctionIds(): string[] {
  registeredFunctions();
  return registeredIds;
}

/**
 * Full names Excel registers: the manifest's namespace, then functions.json's names (the
 * `@customfunction ID [NAME]` tags of src/functions/functions.ts, as custom-functions-metadata
 * reads them; test/functions/metadata.test.ts pins that file) for English, and the zh-CN
 * metadata's names for Chinese.
 */
export function registeredFunctions(): Record<DisplayLanguage, readonly string[]> {
  if (registered) return registered;
  const root = join(__dirname, '../..');
  const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8');
  const namespace = /<bt:String id="Functions\.Namespace" DefaultValue="([^"]+)"/.exec(manifest)?.[1];
  if (!namespace) throw new Error('fake Excel: no Functions.Namespace in manifest.xml');
  const source = readFileSync(join(root, 'src/functions/functions.ts'), 'utf8');
  const tags = [...source.matchAll(/@customfunction[ \t]+([A-Za-z0-9_.]+)(?:[ \t]+([^\s*]+))?/g)].map((m) => ({ id: m[1].toUpperCase(), name: (m[2] ?? m[1]).toUpperCase() }));
  if (tags.length === 0) throw new Error('fake Excel: no @customfunction tag in src/functions/functions.ts');
  registeredIds = tags.map((t) => t.id);
  registered = {
    'en-US': tags.map((t) => `${namespace}.${t.name}`),
    'zh-CN': tags.map((t) => `${namespace}.${(ZH_CN as unknown as Record<string, { name?: string }>)[t.id]?.name ?? t.name}`),
  };
  return registered;
}
