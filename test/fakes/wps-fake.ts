/// <reference types="et-jsapi-declare" />
/**
 * An in-memory fake of WPS 表格's JavaScript API (ET, `window.Application`), the subset nianbao
 * uses, written for these tests and installed on globalThis as WPS does. At least as strict as
 * the typings of et-jsapi-declare and the VBA model they describe:
 *
 * - synchronous; collections count from 1; `Item` of something missing throws;
 * - `Value2` reads a scalar for one cell (undefined when empty) and rows of values for a block;
 *   a grid written must have the range's shape; a string is read as if typed ("=…" a formula,
 *   "12" a number, a leading apostrophe keeps text as text);
 * - writes by code raise SheetChange (sheet, range) like a user's, unless EnableEvents is off;
 *   SheetActivate likewise;
 * - a protected sheet refuses writes to locked cells, merging, validation and conditional
 *   formats, and formatting unless AllowFormattingCells was given;
 * - Range.Select needs its sheet active; a relative formula given to FormatConditions.Add is
 *   anchored at the active cell (recorded, so tests can see it was the intended one);
 * - a member the fake does not have throws on access, so the code under test cannot lean on
 *   something no one checked; `Et` (the enums) is not defined at run time;
 * - a method given `undefined` for an argument refuses it: real WPS code leaves optional
 *   arguments out or passes a value, and only `Sheets.Add(undefined, after)` has been seen
 *   (audit-wps B.8);
 * - what the audit found some builds do differently is an option, so the code is tested against
 *   each: members exposed as zero-argument methods (`methodMembers`), `Visible` read as a boolean
 *   (`visibleAsBoolean`), `Worksheet.Names.Add` making workbook-scope names (`sheetNames`),
 *   AddCustomFunction on `wps` or on `Application` (`functionsOn`), registration refused;
 * - custom functions are called as their metadata declares them: a parameter not typed "[][]"
 *   gets the range's first value, a missing one not marked "?" is #VALUE!;
 * - workbooks: `Workbooks.Add()` opens a new active workbook, `Workbook.Close(false)` closes it
 *   unsaved and the previous one is active again;
 * - files: `Application.FileDialog(type)` shows whatever answer the test scripted
 *   (`dialogAnswers`), `Application.FileSystem` reads and writes an in-memory disk (`disk`).
 */
// One A1 column arithmetic for both fakes.
import { colIndex, colLetters } from './excel-fake';

export { colIndex, colLetters };

// ---------------------------------------------------------------------------------------------
// Addresses

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type Scalar = string | number | boolean;

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export class EtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtError';
  }
}

/** "A1", "$A$1:$B$2" (no sheet part: ET's Worksheet.Range takes none). */
export function parseArea(address: string): Area {
  const [from, to = from, extra] = address.trim().split(':');
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b || extra !== undefined) throw new EtError(`Range: 无效的引用 "${address}"`);
  const r1 = Number(a[2]) - 1;
  const c1 = colIndex(a[1]);
  const r2 = Number(b[2]) - 1;
  const c2 = colIndex(b[1]);
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function areaAddress(area: Area, absolute = false): string {
  const d = absolute ? '$' : '';
  const tl = `${d}${colLetters(area.col)}${d}${area.row + 1}`;
  if (area.rows === 1 && area.cols === 1) return tl;
  return `${tl}:${d}${colLetters(area.col + area.cols - 1)}${d}${area.row + area.rows}`;
}

function* cellsOf(area: Area): Generator<[number, number]> {
  for (let r = area.row; r < area.row + area.rows; r++) for (let c = area.col; c < area.col + area.cols; c++) yield [r, c];
}

const key = (r: number, c: number): string => `${r},${c}`;

// ---------------------------------------------------------------------------------------------
// Strictness: unknown members throw

const PASS = new Set<PropertyKey>(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', 'constructor', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction']);

/** Methods that real WPS code has been seen calling with `undefined` for an argument: Sheets.Add(undefined, after). */
const UNDEFINED_SEEN = new Set(['Sheets.Add']);

/** A method that refuses `undefined` for any argument it is given (see the header); one wrapper per method, so identity holds. */
const guarded = new WeakMap<object, unknown>();
function refuseUndefined(fn: (...a: unknown[]) => unknown, owner: object, name: string): unknown {
  if (UNDEFINED_SEEN.has(name)) return fn;
  let g = guarded.get(fn);
  if (!g) {
    g = function (this: unknown, ...args: unknown[]) {
      const at = args.indexOf(undefined);
      if (at >= 0) throw new EtError(`${name}: 第 ${at + 1} 个参数为 undefined（省略可选参数，或给出一个值）`);
      return fn.apply(this === undefined ? owner : this, args);
    };
    guarded.set(fn, g);
  }
  return g;
}

/** A zero-argument method standing for a member some builds expose as a method (FakeEtOptions.methodMembers). */
function strictMethod(get: () => unknown): () => unknown {
  return function member(...args: unknown[]) {
    if (args.length > 0) throw new EtError('ET fake: 此成员不接受参数');
    return get();
  };
}

/**
 * Members broken on purpose (FakeEtOptions.broken) in the fake made last: "Type.Member" throws when
 * read or called, "Type.Member=" when set. Module-wide because every object of the fake is made
 * through strict(); one fake is in use at a time.
 */
let brokenMembers: ReadonlySet<string> = new Set();

function strict<T extends object>(target: T, type: string): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(t, prop, receiver);
      if (brokenMembers.has(`${type}.${prop}`)) throw new EtError(`${type}.${prop}: 此版本不支持（测试中故意损坏）`);
      if (prop in t) {
        const v = Reflect.get(t, prop, receiver);
        return typeof v === 'function' && Object.getOwnPropertyDescriptor(t, prop)?.get === undefined ? refuseUndefined(v as (...a: unknown[]) => unknown, receiver, `${type}.${prop}`) : v;
      }
      if (PASS.has(prop)) return undefined;
      throw new EtError(`ET fake: ${type} has no member "${String(prop)}"`);
    },
    set(t, prop, value, receiver) {
      if (typeof prop !== 'symbol' && brokenMembers.has(`${type}.${prop}=`)) throw new EtError(`${type}.${prop}: 不能设置（测试中故意损坏）`);
      if (typeof prop === 'symbol' || prop in t) return Reflect.set(t, prop, value, receiver);
      throw new EtError(`ET fake: ${type} has no member "${String(prop)}" to set`);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Model

export interface CellModel {
  value: Scalar | null;
  formula: string | null;
  /** "'" when text was entered behind an apostrophe. */
  prefix: string;
  locked: boolean;
  numberFormat: string;
  format: Record<string, unknown>;
}

export interface ValidationModel {
  area: Area;
  type: number;
  alertStyle: number | undefined;
  operator: number | undefined;
  formula1: string | undefined;
  formula2: string | undefined;
  errorTitle: string;
  errorMessage: string;
  ignoreBlank: boolean;
  showError: boolean;
}

export interface FormatConditionModel {
  area: Area;
  type: number;
  formula1: string;
  /** The active cell when it was added: where ET anchors a relative formula. */
  anchor: string;
  fill: number | null;
  fontColor: number | null;
  bold: boolean | null;
}

export interface NameModel {
  name: string;
  /** null: workbook scope. */
  scope: SheetModel | null;
  sheet: SheetModel;
  area: Area;
}

export interface Protection {
  password: string;
  contents: boolean;
  allowFormattingCells: boolean;
}

export class BookModel {
  readonly sheets: SheetModel[] = [];
  readonly names: NameModel[] = [];
  readonly customXmlParts: { id: string; xml: string; namespace: string }[] = [];
  protectStructure = false;
  active: SheetModel | null = null;
  closed = false;
  saved = false;
  constructor(public name: string) {}
}

export class SheetModel {
  visible = -1;
  readonly cells = new Map<string, CellModel>();
  readonly merges: Area[] = [];
  readonly validations: ValidationModel[] = [];
  readonly formatConditions: FormatConditionModel[] = [];
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  protection: Protection | null = null;
  pageSetup: { orientation?: number; paperSize?: number; printTitleRows?: string } = {};
  readonly hiddenCols = new Set<number>();
  constructor(public name: string) {}

  cell(r: number, c: number): CellModel {
    let cell = this.cells.get(key(r, c));
    if (!cell) {
      cell = { value: null, formula: null, prefix: '', locked: true, numberFormat: 'General', format: {} };
      this.cells.set(key(r, c), cell);
    }
    return cell;
  }

  peek(r: number, c: number): CellModel | undefined {
    return this.cells.get(key(r, c));
  }

  /** What a user sees in a cell: its value, its formula ("=…"), or null. */
  shown(address: string): Scalar | null {
    const a = parseArea(address);
    const cell = this.peek(a.row, a.col);
    return cell?.formula ? `=${cell.formula}` : (cell?.value ?? null);
  }
}

export interface FakeEtOptions {
  /** WPS 12.1.0.20540 and later: wps.AddCustomFunction exists. Default true; 'throws': it exists and refuses. */
  customFunctions?: boolean | 'throws';
  /** Where AddCustomFunction is: on the `wps` root only (as documented, the default) or on `Application` only. */
  functionsOn?: 'wps' | 'Application';
  /** Count, Name, RefersTo, UsedRange, ActiveWorkbook and ActiveSheet as zero-argument methods, as some builds expose them. */
  methodMembers?: boolean;
  /** Worksheet.Visible read as true/false instead of -1/0/2. */
  visibleAsBoolean?: boolean;
  /**
   * What Worksheet.Names.Add makes: 'sheet' (the default, as in Excel); 'workbook' (a workbook-scope
   * name, re-pointing one of the same name), while Workbook.Names.Add("'Sheet'!NAME") makes a
   * sheet-scoped one; 'never' (both make workbook-scope names).
   */
  sheetNames?: 'sheet' | 'workbook' | 'never';
  /** Application.FileDialog and Application.FileSystem exist. Default true. */
  files?: boolean;
  /** Members that throw, to try what depends on them: "FormatConditions.Add", "Name.RefersTo", "Worksheet.Visible=" (set only). */
  broken?: string[];
  /** A build that stores numbers written to Value2 as text. */
  numbersAsText?: boolean;
  /** A build that refuses a formula naming an add-in function it does not know (NS.NAME(…)), written by code. */
  unknownFunctionsRefused?: boolean;
  /** How this build spells the task-pane factory. Default 'CreateTaskPane'. */
  taskPaneSpelling?: 'CreateTaskPane' | 'CreateTaskpane';
  /** Whether Workbook.CustomXMLParts works in this build. Default false (not documented for ET). */
  customXml?: boolean;
  /** No workbook open. */
  noWorkbook?: boolean;
}

type Listener = (...args: unknown[]) => void;

export interface RegisteredFunction {
  namespace: string;
  name: string;
  fn: (...args: unknown[]) => unknown;
  metadata: unknown;
}

/**
 * Typed entry, as ET reads a string written to Value2: a formula, a number, or text (an
 * apostrophe keeps the rest as text; a cell formatted "@" keeps everything as text).
 */
function typed(cell: CellModel, v: unknown): void {
  cell.formula = null;
  cell.prefix = '';
  if (v === undefined || v === null || v === '') {
    cell.value = null;
    return;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EtError('Value2: 无效的数值');
    cell.value = v;
    return;
  }
  if (typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  if (typeof v !== 'string') throw new EtError(`Value2: 不支持的值类型 ${typeof v}`);
  if (v.startsWith("'")) {
    cell.value = v.slice(1) === '' ? null : v.slice(1);
    cell.prefix = "'";
    return;
  }
  if (cell.numberFormat === '@') {
    cell.value = v;
    return;
  }
  if (v.startsWith('=') && v.length > 1) {
    cell.formula = v.slice(1);
    cell.value = null;
    return;
  }
  const s = v.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    cell.value = Number(s);
    return;
  }
  if (/^(TRUE|FALSE)$/i.test(s)) {
    cell.value = s.toUpperCase() === 'TRUE';
    return;
  }
  cell.value = v;
}

export class FakeEt {
  /** Open workbooks, in the order they were opened; the last one not closed that was activated is `book`. */
  readonly books: BookModel[] = [];
  book: BookModel | null = null;
  /** The disk Application.FileSystem reads and writes: path → binary string (one char per byte). */
  readonly disk = new Map<string, string>();
  /** What the next FileDialog.Show() answers: a path (chosen) or null (cancelled); empty: cancelled. */
  readonly dialogAnswers: (string | null)[] = [];
  readonly dialogs: { type: number; title: string; initialFileName: string; filters: string[] }[] = [];
  readonly functions = new Map<string, RegisteredFunction>();
  readonly taskPanes: { ID: number; url: string; title: string | undefined; Visible: boolean }[] = [];
  readonly storage = new Map<string, string>();
  /** Value2 reads, and the events fired, for tests that count. */
  value2Reads = 0;
  readonly fired: { event: string; sheet: string; address?: string }[] = [];
  enableEvents = true;
  screenUpdating = true;
  displayAlerts = true;
  /** The selection on each sheet: its areas, the first cell being the active cell. */
  readonly selection = new Map<SheetModel, Area[]>();
  readonly window = { DisplayGridlines: true, SplitRow: 0, SplitColumn: 0, FreezePanes: false };
  private readonly listeners = new Map<string, Listener[]>();
  private sheetCounter = 0;
  private xmlCounter = 0;
  readonly app: WPSMergedRoot;

  constructor(readonly options: FakeEtOptions = {}) {
    brokenMembers = new Set(options.broken ?? []);
    if (!options.noWorkbook) this.openBook('工作簿1.xlsx');
    this.app = this.makeApplication();
  }

  private get current(): BookModel {
    if (!this.book) throw new EtError('没有打开的工作簿');
    return this.book;
  }

  /** The active workbook's sheets, names and parts (what the tests written for one workbook see). */
  get sheets(): SheetModel[] {
    return this.current.sheets;
  }

  get names(): NameModel[] {
    return this.current.names;
  }

  get customXmlParts(): BookModel['customXmlParts'] {
    return this.current.customXmlParts;
  }

  get protectStructure(): boolean {
    return this.current.protectStructure;
  }

  set protectStructure(v: boolean) {
    this.current.protectStructure = v;
  }

  get active(): SheetModel | null {
    return this.book?.active ?? null;
  }

  set active(v: SheetModel | null) {
    this.current.active = v;
  }

  openBook(name: string): BookModel {
    const b = new BookModel(name);
    this.books.push(b);
    this.book = b;
    return b;
  }

  /** The workbook a sheet belongs to. */
  bookOf(s: SheetModel): BookModel {
    const b = this.books.find((x) => x.sheets.includes(s));
    if (!b) throw new EtError(`工作表 ${s.name} 已不存在`);
    return b;
  }

  /** Puts the Application on globalThis as WPS does (Application and wps); returns the undo. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const before = { Application: g.Application, wps: g.wps };
    g.Application = this.app;
    g.wps = this.wpsRoot();
    delete g.Et;
    return () => {
      g.Application = before.Application;
      g.wps = before.wps;
    };
  }

  // ---- test-side access ------------------------------------------------------------------

  addSheet(name: string): SheetModel {
    if (this.sheet(name)) throw new EtError(`sheet ${name} exists`);
    const s = new SheetModel(name);
    this.sheets.push(s);
    this.current.active ??= s;
    return s;
  }

  sheet(name: string): SheetModel | undefined {
    return this.book ? this.sheetIn(this.book, name) : undefined;
  }

  sheetIn(b: BookModel, name: string): SheetModel | undefined {
    return b.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetOrThrow(name: string): SheetModel {
    const s = this.sheet(name);
    if (!s) throw new EtError(`no sheet ${name}`);
    return s;
  }

  /** A person types or pastes values (one SheetChange for the whole block, as ET raises it). Protected locked cells refuse, as in ET. */
  userEdit(sheet: string, address: string, values: Scalar | null | (Scalar | null)[][]): void {
    const s = this.sheetOrThrow(sheet);
    const area = parseArea(address);
    this.writeValues(s, area, Array.isArray(values) ? values : [[values]]);
    this.fire('SheetChange', s, area);
  }

  /** A person clicks another sheet tab. */
  userActivate(sheet: string): void {
    this.activateSheet(this.sheetOrThrow(sheet));
  }

  /** What the user sees as selected: "D7" or "D7,F9:G9". */
  selected(sheet: string): string {
    return (this.selection.get(this.sheetOrThrow(sheet)) ?? []).map((a) => areaAddress(a)).join(',');
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /**
   * Calls a registered custom function as ET would from a formula, as its metadata declares it: a
   * range (a grid) given for a parameter not typed "[][]" arrives as its first value, and a call
   * with fewer arguments than the parameters not marked "?" is #VALUE!.
   */
  callFunction(fullName: string, ...args: unknown[]): unknown {
    const f = this.functions.get(fullName.toUpperCase());
    if (!f) throw new EtError(`#NAME? ${fullName}`);
    const params = (f.metadata as { parameters?: { type?: string }[] } | undefined)?.parameters;
    if (!params) return f.fn(...args);
    const required = params.filter((p) => !String(p.type ?? 'any').endsWith('?')).length;
    if (args.length < required || args.length > params.length) return '#VALUE!';
    const passed = args.map((a, i) => {
      const type = String(params[i].type ?? 'any').replace(/\?$/, '');
      if (type.endsWith('[][]')) return Array.isArray(a) ? a : [[a]];
      return Array.isArray(a) ? (Array.isArray(a[0]) ? a[0][0] : a[0]) : a;
    });
    return f.fn(...passed);
  }

  /** The `wps` root: the Application's members, with AddCustomFunction where the build has it there. */
  private wpsRoot(): unknown {
    const fake = this;
    const add = this.options.functionsOn === 'Application' ? undefined : this.addCustomFunction();
    return new Proxy(this.app, {
      get(t, p, r) {
        if (p === 'AddCustomFunction') {
          if (add) return add;
          throw new EtError('ET fake: wps has no member "AddCustomFunction"');
        }
        if (p === 'Application') return fake.app;
        return Reflect.get(t, p, r);
      },
    });
  }

  private addCustomFunction(): ((...a: unknown[]) => void) | undefined {
    if (this.options.customFunctions === false) return undefined;
    const fake = this;
    return (namespace: unknown, name: unknown, fn: unknown, metadata?: unknown) => {
      if (fake.options.customFunctions === 'throws') throw new EtError('AddCustomFunction: 加载项未获授权');
      if (typeof fn !== 'function') throw new EtError('AddCustomFunction: callback 须为函数');
      if (typeof namespace !== 'string' || typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(namespace) || !/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) throw new EtError(`AddCustomFunction: 无效的名称 ${String(namespace)}.${String(name)}`);
      const params = (metadata as { parameters?: { type?: unknown }[] } | undefined)?.parameters ?? [];
      for (const p of params) {
        // wpsjs's generator writes only these (vite_plugins.js parseType): one-dimensional arrays are refused.
        if (typeof p.type !== 'string' || !/^(any|string|number|bool|boolean)(\[\]\[\])?\??$/.test(p.type)) throw new EtError(`AddCustomFunction: 无效的参数类型 ${String(p.type)}`);
      }
      fake.functions.set(`${namespace}.${name}`.toUpperCase(), { namespace, name, fn: fn as RegisteredFunction['fn'], metadata });
    };
  }

  // ---- behaviour ---------------------------------------------------------------------------

  private fire(event: string, sheet: SheetModel, area?: Area): void {
    if (!this.enableEvents) return;
    this.fired.push({ event, sheet: sheet.name, ...(area ? { address: areaAddress(area) } : {}) });
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      if (event === 'SheetChange') l(this.worksheet(sheet), this.range(sheet, [area!]));
      else l(this.worksheet(sheet));
    }
  }

  private activateSheet(s: SheetModel): void {
    if (s.visible !== -1) throw new EtError('Activate: 不能激活隐藏的工作表');
    const b = this.bookOf(s);
    if (b.active === s && this.book === b) return;
    b.active = s;
    this.book = b;
    this.fire('SheetActivate', s);
  }

  private guardContent(s: SheetModel, area: Area): void {
    if (!s.protection?.contents) return;
    for (const [r, c] of cellsOf(area)) {
      if (s.peek(r, c)?.locked ?? true) throw new EtError(`您试图更改的单元格或图表受保护（${s.name}!${areaAddress({ row: r, col: c, rows: 1, cols: 1 })}）`);
    }
  }

  private guardFormat(s: SheetModel, what: string): void {
    if (s.protection?.contents && !s.protection.allowFormattingCells) throw new EtError(`${what}: 工作表受保护`);
  }

  private guardProtected(s: SheetModel, what: string): void {
    if (s.protection?.contents) throw new EtError(`${what}: 工作表受保护`);
  }

  private writeValues(s: SheetModel, area: Area, grid: readonly (readonly unknown[])[]): void {
    if (grid.length !== area.rows || grid.some((row) => !Array.isArray(row) || row.length !== area.cols)) {
      throw new EtError(`Value2: 数组大小 ${grid.length}×${grid[0]?.length ?? 0} 与区域 ${areaAddress(area)} 不符`);
    }
    this.guardContent(s, area);
    if (this.options.unknownFunctionsRefused) {
      for (const row of grid) {
        for (const v of row) {
          const called = typeof v === 'string' && v.startsWith('=') ? [...v.matchAll(/([A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_.]*)\(/g)].map((m) => m[1].toUpperCase()) : [];
          const unknown = called.find((f) => !this.functions.has(f));
          if (unknown) throw new EtError(`Value2: 公式中有未知的函数 ${unknown}`);
        }
      }
    }
    for (const [r, c] of cellsOf(area)) {
      const v = grid[r - area.row][c - area.col];
      typed(s.cell(r, c), this.options.numbersAsText && typeof v === 'number' ? `'${v}` : v);
    }
  }

  private readValue(s: SheetModel, r: number, c: number): Scalar | undefined {
    const cell = s.peek(r, c);
    if (!cell) return undefined;
    // Formulas are not computed, except a call of a registered custom function with literal
    // numbers (what the 自检 evaluates); the code under test otherwise reads inputs and labels only.
    if (cell.formula !== null) return this.evaluate(cell.formula);
    return cell.value === null ? undefined : cell.value;
  }

  private evaluate(formula: string): Scalar | undefined {
    const m = /^([A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_.]*)\(([-0-9.,\s]*)\)$/.exec(formula);
    if (!m) return undefined;
    if (!this.functions.has(m[1].toUpperCase())) return '#NAME?';
    const args = m[2].trim() === '' ? [] : m[2].split(',').map((x) => Number(x.trim()));
    const v = this.callFunction(m[1], ...args);
    return Array.isArray(v) ? (v[0]?.[0] as Scalar) : (v as Scalar);
  }

  // ---- the object model --------------------------------------------------------------------

  private makeApplication(): WPSMergedRoot {
    const fake = this;
    const apiEvent = strict(
      {
        AddApiEventListener(name: string, callback: unknown) {
          if (typeof callback !== 'function') throw new EtError('AddApiEventListener: 只测试函数回调');
          fake.listeners.set(name, [...(fake.listeners.get(name) ?? []), callback as Listener]);
        },
        RemoveApiEventListener(name: string, callback?: unknown) {
          const list = fake.listeners.get(name) ?? [];
          fake.listeners.set(
            name,
            callback === undefined ? [] : list.filter((l) => l !== callback),
          );
        },
      },
      'ApiEvent',
    );
    const storage = strict(
      {
        setItem: (k: string, v: unknown) => void fake.storage.set(k, String(v)),
        getItem: (k: string) => fake.storage.get(k) ?? null,
        removeItem: (k: string) => void fake.storage.delete(k),
        clear: () => fake.storage.clear(),
      },
      'PluginStorage',
    );
    const createPane = (url: string, title?: string) => {
      const pane = { ID: fake.taskPanes.length + 1, url, title, Visible: false };
      fake.taskPanes.push(pane);
      return fake.taskPane(pane);
    };
    const app: Record<string, unknown> = {
      get ActiveWorkbook() {
        return fake.member(fake.book ? fake.workbook(fake.book) : null);
      },
      get ActiveSheet() {
        return fake.member(fake.active ? fake.worksheet(fake.active) : null);
      },
      get Workbooks() {
        return fake.workbooksCollection();
      },
      get ActiveWindow() {
        return strict(fake.window, 'Window');
      },
      get EnableEvents() {
        return fake.enableEvents;
      },
      set EnableEvents(v: boolean) {
        fake.enableEvents = v === true;
      },
      get ScreenUpdating() {
        return fake.screenUpdating;
      },
      set ScreenUpdating(v: boolean) {
        fake.screenUpdating = v === true;
      },
      get DisplayAlerts() {
        return fake.displayAlerts;
      },
      set DisplayAlerts(v: boolean) {
        fake.displayAlerts = v === true;
      },
      Calculate() {},
      Build: fake.options.customFunctions === false ? 10532 : 20540,
      Version: '12.1',
      ApiEvent: apiEvent,
      PluginStorage: storage,
      GetTaskPane(id: number) {
        const pane = fake.taskPanes.find((p) => p.ID === id);
        if (!pane) throw new EtError(`GetTaskPane: 没有 ID 为 ${id} 的任务窗格`);
        return fake.taskPane(pane);
      },
    };
    app[fake.options.taskPaneSpelling ?? 'CreateTaskPane'] = createPane;
    if (fake.options.functionsOn === 'Application') {
      const add = fake.addCustomFunction();
      if (add) app.AddCustomFunction = add;
    }
    if (fake.options.files !== false) {
      app.FileDialog = (type: unknown) => fake.fileDialog(type);
      Object.defineProperty(app, 'FileSystem', { get: () => fake.fileSystem(), enumerable: true });
    }
    return strict(app, 'Application') as unknown as WPSMergedRoot;
  }

  /** A member as this build exposes it: the value, or (methodMembers) a zero-argument method returning it. */
  private member<T>(value: T): T {
    return (this.options.methodMembers ? strictMethod(() => value) : value) as T;
  }

  private workbooksCollection(): Et.Workbooks {
    const fake = this;
    const open = () => fake.books.filter((b) => !b.closed);
    return strict(
      {
        get Count() {
          return fake.member(open().length);
        },
        Item(index: unknown) {
          const b = typeof index === 'number' ? open()[index - 1] : open().find((x) => x.name === index);
          if (!b) throw new EtError(`Workbooks.Item(${String(index)}): 下标越界`);
          return fake.workbook(b);
        },
        Add() {
          let n = 1;
          while (fake.books.some((b) => b.name === `工作簿${n}`)) n++;
          const b = fake.openBook(`工作簿${n}`);
          fake.addSheet('Sheet1');
          return fake.workbook(b);
        },
      },
      'Workbooks',
    ) as unknown as Et.Workbooks;
  }

  private fileDialog(type: unknown): Kso.FileDialog {
    const fake = this;
    if (typeof type !== 'number' || ![1, 2, 3, 4].includes(type)) throw new EtError(`FileDialog: 无效的类型 ${String(type)}`);
    const record = { type, title: '', initialFileName: '', filters: [] as string[] };
    let chosen: string | null = null;
    const filters = strict(
      {
        Clear() {
          record.filters = [];
        },
        Add(description: unknown, extensions: unknown) {
          if (typeof description !== 'string' || typeof extensions !== 'string' || !/^\*\.[^;\s]+(;\*\.[^;\s]+)*$/.test(extensions)) throw new EtError(`Filters.Add: 无效的筛选 ${String(extensions)}`);
          record.filters.push(`${description}|${extensions}`);
        },
        get Count() {
          return record.filters.length;
        },
      },
      'FileDialogFilters',
    );
    return strict(
      {
        get Filters() {
          if (type === 2) throw new EtError('FileDialog: 另存为对话框没有 Filters');
          return filters;
        },
        get Title() {
          return record.title;
        },
        set Title(v: string) {
          record.title = String(v);
        },
        get InitialFileName() {
          return record.initialFileName;
        },
        set InitialFileName(v: string) {
          record.initialFileName = String(v);
        },
        AllowMultiSelect: false,
        FilterIndex: 1,
        Show() {
          fake.dialogs.push({ ...record, filters: [...record.filters] });
          chosen = fake.dialogAnswers.length > 0 ? fake.dialogAnswers.shift()! : null;
          return chosen === null ? 0 : -1;
        },
        get SelectedItems() {
          return strict(
            {
              get Count() {
                return chosen === null ? 0 : 1;
              },
              Item(i: number) {
                if (chosen === null || i !== 1) throw new EtError(`SelectedItems.Item(${i}): 下标越界`);
                return chosen;
              },
            },
            'FileDialogSelectedItems',
          );
        },
      },
      'FileDialog',
    ) as unknown as Kso.FileDialog;
  }

  private fileSystem(): WPS.FileSystem {
    const fake = this;
    const path = (p: unknown): string => {
      if (typeof p !== 'string' || p === '') throw new EtError('FileSystem: 路径须为文本');
      return p;
    };
    return strict(
      {
        Exists: (p: unknown) => fake.disk.has(path(p)),
        readAsBinaryString(p: unknown) {
          const data = fake.disk.get(path(p));
          if (data === undefined) throw new EtError(`FileSystem: 找不到文件 ${String(p)}`);
          return data;
        },
        writeAsBinaryString(p: unknown, data: unknown) {
          if (typeof data !== 'string' || /[^\x00-\xff]/.test(data)) throw new EtError('writeAsBinaryString: 数据须为每字符一个字节的文本');
          if (/^\/readonly\//.test(path(p))) return false;
          fake.disk.set(path(p), data);
          return true;
        },
        Remove(p: unknown) {
          fake.disk.delete(path(p));
        },
      },
      'FileSystem',
    ) as unknown as WPS.FileSystem;
  }

  private taskPane(pane: FakeEt['taskPanes'][number]): WPS.CustomTaskpane {
    return strict(
      {
        get ID() {
          return pane.ID;
        },
        get Visible() {
          return pane.Visible;
        },
        set Visible(v: boolean) {
          pane.Visible = v === true;
        },
        DockPosition: 2,
        Width: 360,
        Navigate(url: string) {
          pane.url = url;
        },
        Delete() {},
      },
      'CustomTaskpane',
    ) as unknown as WPS.CustomTaskpane;
  }

  private workbook(b: BookModel): Et.Workbook {
    const fake = this;
    const live = () => {
      if (b.closed) throw new EtError('工作簿已关闭');
      return b;
    };
    const book = {
      get Worksheets() {
        return fake.sheetsCollection(live());
      },
      get Sheets() {
        return fake.sheetsCollection(live());
      },
      get Names() {
        return fake.namesCollection(live(), null);
      },
      get ProtectStructure() {
        return live().protectStructure;
      },
      get Name() {
        return fake.member(b.name);
      },
      get Saved() {
        return b.saved;
      },
      set Saved(v: boolean) {
        b.saved = v === true;
      },
      Activate() {
        fake.book = live();
      },
      Close(saveChanges?: unknown) {
        if (saveChanges !== false) throw new EtError('Close: 只测试不保存关闭（SaveChanges 为 false）');
        live().closed = true;
        if (fake.book === b) fake.book = fake.books.filter((x) => !x.closed).at(-1) ?? null;
      },
    } as Record<string, unknown>;
    if (this.options.customXml) {
      Object.defineProperty(book, 'CustomXMLParts', { get: () => fake.customXmlCollection(live(), null), enumerable: true });
    }
    return strict(book, 'Workbook') as unknown as Et.Workbook;
  }

  private customXmlCollection(b: BookModel, namespace: string | null): Kso.CustomXMLParts {
    const fake = this;
    const list = () => b.customXmlParts.filter((p) => namespace === null || p.namespace === namespace);
    const part = (p: FakeEt['customXmlParts'][number]) =>
      strict(
        {
          get XML() {
            return p.xml;
          },
          get Id() {
            return p.id;
          },
          get NamespaceURI() {
            return p.namespace;
          },
          Delete() {
            const i = b.customXmlParts.indexOf(p);
            if (i >= 0) b.customXmlParts.splice(i, 1);
          },
        },
        'CustomXMLPart',
      );
    return strict(
      {
        get Count() {
          return list().length;
        },
        Item(i: number) {
          const p = list()[i - 1];
          if (!p) throw new EtError(`CustomXMLParts.Item(${i}): 下标越界`);
          return part(p);
        },
        Add(xml = '') {
          const ns = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? '';
          const p = { id: `{${++fake.xmlCounter}}`, xml, namespace: ns };
          b.customXmlParts.push(p);
          return part(p);
        },
        SelectByNamespace(ns: string) {
          return fake.customXmlCollection(b, ns);
        },
      },
      'CustomXMLParts',
    ) as unknown as Kso.CustomXMLParts;
  }

  private sheetsCollection(b: BookModel): Et.Sheets {
    const fake = this;
    const find = (index: unknown): SheetModel => {
      const s = typeof index === 'number' ? b.sheets[index - 1] : typeof index === 'string' ? fake.sheetIn(b, index) : undefined;
      if (!s) throw new EtError(`Sheets.Item(${String(index)}): 下标越界`);
      return s;
    };
    return strict(
      {
        get Count() {
          return fake.member(b.sheets.length);
        },
        Item: (index: unknown) => fake.worksheet(find(index)),
        Add(before?: unknown, after?: unknown, count?: unknown, type?: unknown) {
          if (b.protectStructure) throw new EtError('Sheets.Add: 工作簿结构受保护');
          if (count !== undefined || type !== undefined) throw new EtError('Sheets.Add: 只测试单个工作表');
          const at = (ws: unknown) => b.sheets.findIndex((s) => s.name === (ws as Et.Worksheet).Name);
          let n: string;
          do n = `Sheet${++fake.sheetCounter}`;
          while (fake.sheetIn(b, n));
          const s = new SheetModel(n);
          const i = after !== undefined ? at(after) + 1 : before !== undefined ? at(before) : b.sheets.indexOf(b.active!);
          b.sheets.splice(Math.max(0, i), 0, s);
          fake.activateSheet(s);
          return fake.worksheet(s);
        },
      },
      'Sheets',
    ) as unknown as Et.Sheets;
  }

  private namesCollection(b: BookModel, scope: SheetModel | null): Et.Names {
    const fake = this;
    // The workbook's collection lists every name (sheet-scoped ones as "'Sheet'!NAME"), a sheet's only its own.
    const list = () => b.names.filter((n) => scope === null || n.scope === scope);
    return strict(
      {
        get Count() {
          return fake.member(list().length);
        },
        Item(index: unknown) {
          const all = list();
          const n = typeof index === 'number' ? all[index - 1] : all.find((x) => x.name.toUpperCase() === String(index).toUpperCase() && x.scope === scope);
          if (!n) throw new EtError(`Names.Item(${String(index)}): 找不到名称`);
          return fake.nameObject(n);
        },
        Add(fullName: unknown, refersTo: unknown) {
          // The workbook's collection takes "'Sheet'!NAME" for a sheet-scoped name (VBA's way); a sheet's collection takes a bare name.
          const qualified = typeof fullName === 'string' && scope === null ? /^'?((?:[^']|'')+?)'?!([^!]+)$/.exec(fullName) : null;
          if (qualified && fake.options.sheetNames === 'never') throw new EtError(`Names.Add: 无效的名称 ${String(fullName)}`);
          const name = qualified ? qualified[2] : fullName;
          if (typeof name !== 'string' || !/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new EtError(`Names.Add: 无效的名称 ${String(fullName)}`);
          const owner = qualified ? fake.sheetIn(b, qualified[1].replace(/''/g, "'")) : undefined;
          if (qualified && !owner) throw new EtError(`Names.Add: 没有工作表 ${qualified[1]}`);
          // Some builds may make a workbook-scope name even through a sheet's collection (audit-wps B.6).
          const madeScope = owner ?? (scope !== null && (fake.options.sheetNames ?? 'sheet') === 'sheet' ? scope : null);
          if (typeof refersTo !== 'string') throw new EtError('Names.Add: RefersTo 须为 "=工作表!$A$1" 形式的文本');
          const m = /^='?((?:[^']|'')+?)'?!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(refersTo);
          if (!m) throw new EtError(`Names.Add: 无效的引用 ${refersTo}`);
          const target = fake.sheetIn(b, m[1].replace(/''/g, "'"));
          if (!target) throw new EtError(`Names.Add: 没有工作表 ${m[1]}`);
          const existing = b.names.findIndex((x) => x.name.toUpperCase() === name.toUpperCase() && x.scope === madeScope);
          if (existing >= 0) b.names.splice(existing, 1);
          const model: NameModel = { name, scope: madeScope, sheet: target, area: parseArea(m[2]) };
          b.names.push(model);
          return fake.nameObject(model);
        },
      },
      'Names',
    ) as unknown as Et.Names;
  }

  private nameObject(n: NameModel): Et.Name {
    const fake = this;
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    return strict(
      {
        get Name() {
          return fake.member(n.scope ? `${quote(n.scope.name)}!${n.name}` : n.name);
        },
        get RefersTo() {
          return fake.member(`=${quote(n.sheet.name)}!${areaAddress(n.area, true)}`);
        },
        get RefersToRange() {
          return fake.range(n.sheet, [n.area]);
        },
        Delete() {
          const names = fake.bookOf(n.sheet).names;
          if (names.includes(n)) names.splice(names.indexOf(n), 1);
        },
      },
      'Name',
    ) as unknown as Et.Name;
  }

  private worksheet(s: SheetModel): Et.Worksheet {
    const fake = this;
    const usedRange = (): Et.Range => {
      let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
      for (const [k, cell] of s.cells) {
        if (cell.value === null && cell.formula === null) continue;
        const [r, c] = k.split(',').map(Number);
        r1 = Math.min(r1, r);
        c1 = Math.min(c1, c);
        r2 = Math.max(r2, r);
        c2 = Math.max(c2, c);
      }
      return fake.range(s, [r2 < 0 ? { row: 0, col: 0, rows: 1, cols: 1 } : { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 }]);
    };
    return strict(
      {
        get Name() {
          return fake.member(s.name);
        },
        set Name(v: string) {
          if (typeof v !== 'string' || v.length === 0 || v.length > 31 || /[[\]:*?/\\]/.test(v) || /^'|'$/.test(v)) throw new EtError(`Name: 无效的工作表名称 "${v}"`);
          const other = fake.sheetIn(fake.bookOf(s), v);
          if (other && other !== s) throw new EtError(`Name: 已有名为 "${v}" 的工作表`);
          s.name = v;
        },
        get Visible(): number | boolean {
          return fake.options.visibleAsBoolean ? s.visible === -1 : s.visible;
        },
        set Visible(v: number | boolean) {
          if (typeof v !== 'number' || ![-1, 0, 2].includes(v)) throw new EtError(`Visible: 无效的值 ${String(v)}`);
          const b = fake.bookOf(s);
          if (v !== -1 && b.sheets.filter((x) => x.visible === -1 && x !== s).length === 0) throw new EtError('Visible: 至少要有一个可见的工作表');
          s.visible = v;
          if (v !== -1 && b.active === s) b.active = b.sheets.find((x) => x.visible === -1) ?? null;
        },
        get Names() {
          return fake.namesCollection(fake.bookOf(s), s);
        },
        get ProtectContents() {
          return s.protection?.contents ?? false;
        },
        get UsedRange() {
          return fake.member(usedRange());
        },
        get Parent() {
          return fake.workbook(fake.bookOf(s));
        },
        get PageSetup() {
          return strict(
            {
              get Orientation(): number | undefined {
                return s.pageSetup.orientation;
              },
              set Orientation(v: number | undefined) {
                s.pageSetup.orientation = v;
              },
              get PaperSize(): number | undefined {
                return s.pageSetup.paperSize;
              },
              set PaperSize(v: number | undefined) {
                s.pageSetup.paperSize = v;
              },
              get PrintTitleRows(): string {
                return s.pageSetup.printTitleRows ?? '';
              },
              set PrintTitleRows(v: string) {
                if (!/^\$?\d+:\$?\d+$/.test(v)) throw new EtError(`PrintTitleRows: 须为整行引用 "${v}"`);
                s.pageSetup.printTitleRows = v;
              },
            },
            'PageSetup',
          );
        },
        Range(cell1: unknown, cell2?: unknown) {
          if (typeof cell1 !== 'string' || cell2 !== undefined) throw new EtError('Range: 只测试一个 A1 引用文本');
          if (cell1.length > 255) throw new EtError('Range: 引用超过 255 个字符');
          return fake.range(s, cell1.split(',').map(parseArea));
        },
        Activate() {
          fake.activateSheet(s);
        },
        Delete() {
          const b = fake.bookOf(s);
          if (b.protectStructure) throw new EtError('Delete: 工作簿结构受保护');
          if (fake.displayAlerts) throw new EtError('Delete: 等待用户确认删除（DisplayAlerts 为 true 时 ET 会弹出确认框）');
          if (b.sheets.filter((x) => x.visible === -1 && x !== s).length === 0) throw new EtError('Delete: 不能删除唯一可见的工作表');
          b.sheets.splice(b.sheets.indexOf(s), 1);
          for (let i = b.names.length - 1; i >= 0; i--) if (b.names[i].scope === s) b.names.splice(i, 1);
          if (b.active === s) b.active = b.sheets.find((x) => x.visible === -1) ?? null;
        },
        Protect(password?: unknown, _drawing?: unknown, contents?: unknown, _scenarios?: unknown, _ui?: unknown, allowFormattingCells?: unknown) {
          if (s.protection) return; // protecting again changes nothing without the password
          s.protection = { password: typeof password === 'string' ? password : '', contents: contents !== false, allowFormattingCells: allowFormattingCells === true };
        },
        Unprotect(password?: unknown) {
          if (!s.protection) return;
          if (s.protection.password !== '' && password !== s.protection.password) throw new EtError('Unprotect: 密码不正确');
          s.protection = null;
        },
      },
      'Worksheet',
    ) as unknown as Et.Worksheet;
  }

  private range(s: SheetModel, areas: Area[]): Et.Range {
    const fake = this;
    const area = areas[0];
    const single = () => {
      if (areas.length > 1) throw new EtError('多重选定区域不能使用此命令');
      return area;
    };
    const each = (fn: (cell: CellModel) => void) => {
      for (const a of areas) for (const [r, c] of cellsOf(a)) fn(s.cell(r, c));
    };
    const formatProp = (name: string) => ({
      get: () => s.peek(area.row, area.col)?.format[name],
      set: (v: unknown) => {
        fake.guardFormat(s, name);
        each((cell) => (cell.format[name] = v));
      },
    });
    const formatObject = (prefix: string, props: string[], type: string) => {
      const o: Record<string, unknown> = {};
      for (const p of props) Object.defineProperty(o, p, { ...formatProp(`${prefix}${p}`), enumerable: true });
      return strict(o, type);
    };
    const obj: Record<string, unknown> = {
      get Value2() {
        const a = single();
        fake.value2Reads++;
        if (a.rows === 1 && a.cols === 1) return fake.readValue(s, a.row, a.col);
        return Array.from({ length: a.rows }, (_, i) => Array.from({ length: a.cols }, (_, j) => fake.readValue(s, a.row + i, a.col + j)));
      },
      set Value2(v: unknown) {
        const a = single();
        const grid = Array.isArray(v) ? (v as unknown[][]) : Array.from({ length: a.rows }, () => Array.from({ length: a.cols }, () => v));
        fake.writeValues(s, a, grid);
        fake.fire('SheetChange', s, a);
      },
      get Row() {
        return area.row + 1;
      },
      get EntireColumn() {
        return strict(
          {
            set Hidden(v: boolean) {
              fake.guardFormat(s, 'EntireColumn.Hidden');
              for (let c = area.col; c < area.col + area.cols; c++) s.hiddenCols.add(c);
              if (v !== true) for (let c = area.col; c < area.col + area.cols; c++) s.hiddenCols.delete(c);
            },
            get Hidden() {
              return s.hiddenCols.has(area.col);
            },
          },
          'Range',
        );
      },
      get Column() {
        return area.col + 1;
      },
      Address(rowAbsolute: unknown = true, colAbsolute: unknown = true) {
        if (rowAbsolute !== colAbsolute) throw new EtError('Address: 只测试行列同为绝对或同为相对');
        return areas.map((a) => areaAddress(a, rowAbsolute === true)).join(',');
      },
      Select() {
        if (fake.active !== s) throw new EtError('Range.Select: 该区域所在的工作表不是活动工作表');
        fake.selection.set(s, areas);
        return true;
      },
      Merge() {
        fake.guardProtected(s, 'Merge');
        s.merges.push(single());
      },
      ClearContents() {
        for (const a of areas) {
          fake.guardContent(s, a);
          for (const [r, c] of cellsOf(a)) typed(s.cell(r, c), null);
        }
        fake.fire('SheetChange', s, area);
        return true;
      },
      get Locked() {
        return s.peek(area.row, area.col)?.locked ?? true;
      },
      set Locked(v: boolean) {
        fake.guardProtected(s, 'Locked');
        each((cell) => (cell.locked = v === true));
      },
      get NumberFormat() {
        return s.peek(area.row, area.col)?.numberFormat ?? 'General';
      },
      set NumberFormat(v: string) {
        fake.guardFormat(s, 'NumberFormat');
        each((cell) => (cell.numberFormat = v));
      },
      set ColumnWidth(v: number) {
        fake.guardFormat(s, 'ColumnWidth');
        for (let c = area.col; c < area.col + area.cols; c++) s.colWidths.set(c, v);
      },
      get ColumnWidth() {
        return s.colWidths.get(area.col) ?? 8.38;
      },
      set RowHeight(v: number) {
        fake.guardFormat(s, 'RowHeight');
        for (let r = area.row; r < area.row + area.rows; r++) s.rowHeights.set(r, v);
      },
      get RowHeight() {
        return s.rowHeights.get(area.row) ?? 13.5;
      },
      get Font() {
        return formatObject('Font.', ['Name', 'Size', 'Bold', 'Color'], 'Font');
      },
      get Interior() {
        return formatObject('Interior.', ['Color'], 'Interior');
      },
      get Borders() {
        return strict(
          {
            Item(index: number) {
              if (![5, 6, 7, 8, 9, 10, 11, 12].includes(index)) throw new EtError(`Borders.Item(${index}): 无效的下标`);
              return formatObject(`Border${index}.`, ['LineStyle', 'Weight', 'Color'], 'Border');
            },
          },
          'Borders',
        );
      },
      get Validation() {
        return fake.validation(s, single());
      },
      get FormatConditions() {
        return fake.formatConditions(s, single());
      },
    };
    for (const p of ['HorizontalAlignment', 'VerticalAlignment', 'WrapText']) Object.defineProperty(obj, p, { ...formatProp(p), enumerable: true });
    return strict(obj, 'Range') as unknown as Et.Range;
  }

  private validation(s: SheetModel, area: Area): Et.Validation {
    const fake = this;
    const overlapping = () => s.validations.filter((v) => v.area.row < area.row + area.rows && area.row < v.area.row + v.area.rows && v.area.col < area.col + area.cols && area.col < v.area.col + v.area.cols);
    const mine = () => {
      const v = s.validations.find((x) => x.area.row === area.row && x.area.col === area.col && x.area.rows === area.rows && x.area.cols === area.cols);
      if (!v) throw new EtError('Validation: 区域没有数据有效性');
      return v;
    };
    const field = <K extends 'errorTitle' | 'errorMessage' | 'ignoreBlank' | 'showError'>(k: K) => ({
      get: () => mine()[k],
      set: (v: ValidationModel[K]) => {
        fake.guardProtected(s, 'Validation');
        mine()[k] = v;
      },
      enumerable: true,
    });
    const o: Record<string, unknown> = {
      Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string) {
        fake.guardProtected(s, 'Validation.Add');
        if (overlapping().length > 0) throw new EtError('Validation.Add: 区域已有数据有效性，须先 Delete');
        if (typeof type !== 'number') throw new EtError('Validation.Add: Type 须为数字（Et 枚举在运行时不存在）');
        s.validations.push({ area, type, alertStyle, operator, formula1, formula2, errorTitle: '', errorMessage: '', ignoreBlank: true, showError: true });
      },
      Delete() {
        fake.guardProtected(s, 'Validation.Delete');
        for (const v of overlapping()) s.validations.splice(s.validations.indexOf(v), 1);
      },
    };
    Object.defineProperty(o, 'ErrorTitle', field('errorTitle'));
    Object.defineProperty(o, 'ErrorMessage', field('errorMessage'));
    Object.defineProperty(o, 'IgnoreBlank', field('ignoreBlank'));
    Object.defineProperty(o, 'ShowError', field('showError'));
    return strict(o, 'Validation') as unknown as Et.Validation;
  }

  private formatConditions(s: SheetModel, area: Area): Et.FormatConditions {
    const fake = this;
    return strict(
      {
        get Count() {
          return s.formatConditions.filter((f) => f.area.row === area.row && f.area.col === area.col).length;
        },
        Add(type: unknown, _operator?: unknown, formula1?: unknown) {
          fake.guardProtected(s, 'FormatConditions.Add');
          if (typeof type !== 'number') throw new EtError('FormatConditions.Add: Type 须为数字（Et 枚举在运行时不存在）');
          if (typeof formula1 !== 'string' || !formula1.startsWith('=')) throw new EtError('FormatConditions.Add: Formula1 须为以 = 开头的公式');
          const sel = fake.selection.get(s);
          const anchor = fake.active === s && sel ? areaAddress({ ...sel[0], rows: 1, cols: 1 }) : 'A1';
          const model: FormatConditionModel = { area, type, formula1, anchor, fill: null, fontColor: null, bold: null };
          s.formatConditions.push(model);
          const color = (set: (v: number) => void) => ({ set, get: () => undefined, enumerable: true });
          const interior = {};
          Object.defineProperty(interior, 'Color', color((v) => (model.fill = v)));
          const font = {};
          Object.defineProperty(font, 'Color', color((v) => (model.fontColor = v)));
          Object.defineProperty(font, 'Bold', { set: (v: boolean) => (model.bold = v), get: () => model.bold, enumerable: true });
          return strict({ Interior: strict(interior, 'Interior'), Font: strict(font, 'Font'), Formula1: formula1, Type: type }, 'FormatCondition');
        },
      },
      'FormatConditions',
    ) as unknown as Et.FormatConditions;
  }
}
