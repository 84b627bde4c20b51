/// <reference types="et-jsapi-declare" />
/**
 * Inserting the template worksheet through ET's object model: the core's sheet plan drawn into a
 * new sheet, the same plan the xlsx writer and the Excel inserter draw, so all three give the same
 * sheet (labels, merges, names, validation, native check formulas, conditional formats,
 * protection).
 *
 * Thin on purpose: every decision about what goes where is in src/core/sheet.ts; this file only
 * knows how ET spells it (VBA's object model, numeric constants from ./xl).
 */
import { parseYear } from '../core/grid';
import { LOOKS, Look, MARK_LOOKS } from '../core/looks';
import { Area, FINDINGS_FALLBACK, PlannedCell, SheetPlan, YEAR_NAME, a1, areaA1, compactRefs, sheetPlan, sheetTitle } from '../core/sheet';
import { TABLE_IDS } from '../core/tables';
import { uniqueSheetName } from '../excel/template';
import type { InsertOutcome, InsertRequest } from '../host/contract';
import { EtApplication, activeWorkbook, bareName, countOf, member, nameOf, namesOnSheet, quietly, quoteSheet, removeSheet, worksheets } from './book';
import * as xl from './xl';

interface TemplateSheet {
  name: string;
  year: number | null;
}

/** The template sheets: a sheet with its own NB_YEAR name on the year cell of the plan; its year is what that cell holds. */
export function templateSheets(book: Et.Workbook): TemplateSheet[] {
  const yearCell = sheetPlan().year;
  const out: TemplateSheet[] = [];
  for (const ws of worksheets(book)) {
    const year = namesOnSheet(book, ws, new Set([YEAR_NAME])).get(YEAR_NAME);
    if (!year || year.area.row !== yearCell.row || year.area.col !== yearCell.col) continue;
    out.push({ name: nameOf(ws), year: parseYear(cellValue(ws.Range(a1(yearCell.row, yearCell.col)).Value2)) });
  }
  return out;
}

const cellValue = (v: unknown): string | number | null => (typeof v === 'number' || typeof v === 'string' ? v : null);

/**
 * Inserts the template for a year on a new sheet at the end and shows it. Never overwrites: a
 * taken sheet name gets "(2)", and a workbook that already holds that year's template gets
 * `{status: 'exists'}` back unless `force` is set. Events and screen updating are off while the
 * sheet is drawn; a failed drawing takes its half-drawn sheet away again.
 */
export function insertTemplate(app: EtApplication, request: InsertRequest): InsertOutcome {
  const book = activeWorkbook(app);
  if (!book) throw new Error('没有打开的工作簿：请先新建或打开一个工作簿');
  const same = request.year === null ? undefined : templateSheets(book).find((t) => t.year === request.year);
  if (same && !request.force) return { status: 'exists', sheet: same.name };
  if (book.ProtectStructure) throw new Error('工作簿结构受保护，无法插入工作表；请先在“审阅”中撤销工作簿保护');

  const name = uniqueSheetName(worksheets(book).map(nameOf), sheetTitle(request.year));
  const plan = sheetPlan((request.org ?? '').trim(), request.year);
  const screen = app.ScreenUpdating;
  let sheet: Et.Worksheet | null = null;
  try {
    quietly(app, () => {
      app.ScreenUpdating = false;
      const all = book.Worksheets;
      sheet = all.Add(undefined, all.Item(countOf(all))) as Et.Worksheet;
      sheet.Name = name;
      sheet.Activate();
      drawPlan(app, sheet, plan);
    });
  } catch (e) {
    if (sheet) removeSheet(app, sheet);
    throw e;
  } finally {
    app.ScreenUpdating = screen;
  }
  return { status: 'inserted', sheet: name };
}

// ---------------------------------------------------------------------------------------------
// Drawing the plan

const toArea = (m: { r1: number; c1: number; r2: number; c2: number }): Area => ({ row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 });

export const HALIGN = { Left: xl.xlHAlignLeft, Center: xl.xlHAlignCenter, Right: xl.xlHAlignRight } as const;

/** Text stays text (the body's name, a register's labels): ET reads a leading "=" (and "+", "-", "@") as a formula. */
export const asConstant = (v: string | number): string | number => (typeof v === 'string' && /^[=+\-@']/.test(v) ? `'${v}` : v);

/** The A1 references covering some planned cells: merged cells as their whole merged area, the rest joined into runs. */
function refsOf(cells: readonly { row: number; col: number }[], merges: Map<string, Area>): string[] {
  const single: { row: number; col: number }[] = [];
  const out: string[] = [];
  for (const c of cells) {
    const m = merges.get(`${c.row},${c.col}`);
    if (m) out.push(areaA1(m));
    else single.push(c);
  }
  return [...out, ...compactRefs(single)];
}

/** A look's font, alignment, wrapping, fill and lock on a range; number formats and borders are the caller's. */
export function applyLookFormat(range: Et.Range, look: Look): void {
  const font = range.Font;
  font.Name = look.font.name;
  font.Size = look.font.size;
  font.Bold = look.font.bold === true;
  if (look.font.color) font.Color = xl.bgr(look.font.color);
  range.HorizontalAlignment = HALIGN[look.horizontal];
  range.VerticalAlignment = xl.xlVAlignCenter;
  range.WrapText = look.wrap;
  if (look.fill) range.Interior.Color = xl.bgr(look.fill);
  if (look.unlocked) range.Locked = false;
}

function applyLook(range: Et.Range, look: Look): void {
  applyLookFormat(range, look);
  if (look.numberFormat) range.NumberFormat = look.numberFormat;
}

const EDGES = [xl.xlEdgeTop, xl.xlEdgeBottom, xl.xlEdgeLeft, xl.xlEdgeRight, xl.xlInsideVertical, xl.xlInsideHorizontal] as const;

function applyBorders(range: Et.Range, area: Area): void {
  thinBorders(
    range,
    EDGES.filter((edge) => !(edge === xl.xlInsideVertical && area.cols === 1) && !(edge === xl.xlInsideHorizontal && area.rows === 1)),
  );
}

/** Thin black lines on the given edges of a range. */
export function thinBorders(range: Et.Range, edges: readonly number[]): void {
  for (const edge of edges) {
    const b = range.Borders.Item(edge);
    b.LineStyle = xl.xlContinuous;
    b.Weight = xl.xlThin;
    b.Color = 0;
  }
}

interface Rule {
  type: typeof xl.xlValidateWholeNumber | typeof xl.xlValidateDecimal;
  operator: typeof xl.xlGreaterEqual | typeof xl.xlBetween;
  formula1: string;
  formula2?: string;
  title: string;
  message: string;
}

const COUNT_RULE: Rule = { type: xl.xlValidateWholeNumber, operator: xl.xlGreaterEqual, formula1: '0', title: '请填写数字', message: '件数应为不小于0的整数；无数据请填0' };
const AMOUNT_RULE: Rule = { type: xl.xlValidateDecimal, operator: xl.xlGreaterEqual, formula1: '0', title: '请填写数字', message: '收费金额以万元为单位，应为不小于0的数字' };
const YEAR_RULE: Rule = { type: xl.xlValidateWholeNumber, operator: xl.xlBetween, formula1: '2000', formula2: '2100', title: '请填写年度', message: '报告年度应为四位数字，如 2024' };

function validate(range: Et.Range, rule: Rule): void {
  const v = range.Validation;
  // Add fails where a rule already is (VBA's rule): a new sheet has none, but Delete is harmless.
  v.Delete();
  // Optional arguments are left out, never passed as undefined (no real WPS code is seen doing that).
  if (rule.formula2 === undefined) v.Add(rule.type, xl.xlValidAlertStop, rule.operator, rule.formula1);
  else v.Add(rule.type, xl.xlValidAlertStop, rule.operator, rule.formula1, rule.formula2);
  v.IgnoreBlank = true;
  v.ShowError = true;
  v.ErrorTitle = rule.title;
  v.ErrorMessage = rule.message;
}

/**
 * A conditional format whose formula is relative to the area's top-left cell. In the VBA model
 * (and so in ET) a relative formula given to FormatConditions.Add is read relative to the ACTIVE
 * cell, not to the range: the top-left cell is selected first so "D7" means what the plan meant.
 */
export function addMark(sheet: Et.Worksheet, area: Area, formula: string, severity: 'error' | 'warning'): void {
  const look = MARK_LOOKS[severity];
  sheet.Range(a1(area.row, area.col)).Select();
  // Operator is ignored for xlExpression (VBA's FormatConditions.Add); a number stands in its place rather than undefined.
  const cf = sheet.Range(areaA1(area)).FormatConditions.Add(xl.xlExpression, xl.xlBetween, `=${formula}`) as Et.FormatCondition;
  cf.Interior.Color = xl.bgr(look.fill);
  cf.Font.Color = xl.bgr(look.font);
  cf.Font.Bold = look.bold;
}

/**
 * The plan's cells and the findings block's header as one grid of formulas and constants, written
 * in one assignment. The findings formula goes in on its own (see writeFindingsFormula), so a
 * build that refuses it cannot take the whole sheet with it.
 */
export function contents(plan: SheetPlan): { area: Area; grid: (string | number)[][] } {
  const cells: { row: number; col: number; v: string | number }[] = plan.cells.map((c: PlannedCell) => ({
    row: c.row,
    col: c.col,
    v: c.formula !== undefined ? `=${c.formula}` : asConstant(c.value ?? ''),
  }));
  plan.findings.header.forEach((text, i) => cells.push({ row: plan.findings.row, col: plan.findings.col + i, v: text }));
  const rows = Math.max(...cells.map((c) => c.row)) + 1;
  const cols = Math.max(...cells.map((c) => c.col)) + 1;
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, (): string | number => ''));
  for (const c of cells) grid[c.row][c.col] = c.v;
  return { area: { row: 0, col: 0, rows, cols }, grid };
}

/**
 * The findings formula: the plan's IFERROR(NIANBAO.CHECK(…), sentence), which shows the sentence
 * wherever the function is missing. Should this ET refuse the formula itself (a function it does
 * not know, written by code), the sentence goes in as text: the block says the same either way.
 */
function writeFindingsFormula(cell: Et.Range, formula: string): void {
  try {
    cell.Value2 = [[`=${formula}`]];
  } catch {
    cell.Value2 = [[`'${FINDINGS_FALLBACK}`]];
  }
}

/** The sheet's own name of that bare name, or null (a workbook-scope one does not count). */
export function ownName(sheet: Et.Worksheet, name: string): Et.Name | null {
  const own = sheet.Names;
  for (let i = 1, n = countOf(own); i <= n; i++) {
    const item = own.Item(i);
    if (bareName(nameOf(item)).toUpperCase() === name.toUpperCase()) return item;
  }
  return null;
}

/** The workbook-scope name of that name (not qualified by a sheet), or null. */
function workbookName(book: Et.Workbook, name: string): Et.Name | null {
  const all = book.Names;
  for (let i = 1, n = countOf(all); i <= n; i++) {
    const item = all.Item(i);
    if (nameOf(item).toUpperCase() === name.toUpperCase()) return item;
  }
  return null;
}

/**
 * A sheet-scoped name, verified: two years' templates in one workbook each keep their own NB_T2…,
 * which only sheet scope allows. `Worksheet.Names.Add` makes one in Excel; whether it does in every
 * ET is not documented (audit-wps B.6), so the result is checked, and where it came out
 * workbook-scoped it is undone (a workbook name it re-pointed gets its old reference back) and
 * made the other VBA way, `Workbook.Names.Add("'Sheet'!NAME", …)`. Where neither gives sheet scope
 * the insertion stops with a Chinese error rather than take another year's template's names.
 */
export function addSheetName(book: Et.Workbook, sheet: Et.Worksheet, name: string, refersTo: string): void {
  const before = workbookName(book, name);
  const earlier = before ? member<string>(before, 'RefersTo') : null;
  const undo = (): void => {
    const now = workbookName(book, name);
    if (earlier !== null) book.Names.Add(name, earlier);
    else now?.Delete();
  };
  sheet.Names.Add(name, refersTo);
  if (ownName(sheet, name)) return;
  undo();
  try {
    book.Names.Add(`${quoteSheet(nameOf(sheet))}!${name}`, refersTo);
  } catch {
    /* this ET does not take a qualified name: said below */
  }
  if (ownName(sheet, name)) return;
  if (workbookName(book, name) && member<string>(workbookName(book, name)!, 'RefersTo') !== earlier) undo();
  throw new Error(`此版本 WPS 不能建立工作表级名称（${name}），无法插入模板；请运行“环境自检”，把报告发给维护人员`);
}

/** Draws the whole plan into an empty, active sheet. Protection comes last: it would refuse the formatting after it. */
export function drawPlan(app: EtApplication, sheet: Et.Worksheet, plan: SheetPlan): void {
  const merges = new Map(plan.merges.map((m) => [`${m.r1},${m.c1}`, toArea(m)]));
  const range = (a: Area | string) => sheet.Range(typeof a === 'string' ? a : areaA1(a));

  // ColumnWidth is in characters in the VBA model, as the plan's widths are.
  plan.colWidths.forEach((w, c) => (range({ row: 0, col: c, rows: 1, cols: 1 }).ColumnWidth = w));
  for (const [row, height] of plan.rowHeights) range({ row, col: 0, rows: 1, cols: 1 }).RowHeight = height;

  // Names before formulas: the findings formula refers to NB_T2…, and a formula written before
  // its name exists would be bound to an unknown name. Sheet-scoped, so two years' templates can
  // live in one workbook.
  const book = activeWorkbook(app)!;
  for (const n of plan.names) addSheetName(book, sheet, n.name, `=${quoteSheet(nameOf(sheet))}!${areaA1(n.area, true)}`);

  // One assignment for every label, constant and formula: Value2 takes a grid, and reads a string
  // as if it were typed ("=…" becomes a formula, a leading apostrophe keeps text as text).
  const body = contents(plan);
  range(body.area).Value2 = body.grid;
  writeFindingsFormula(range(a1(plan.findings.row + 1, plan.findings.col)), plan.findings.formula);
  for (const m of merges.values()) range(m).Merge();

  const byStyle = new Map<keyof typeof LOOKS, PlannedCell[]>();
  for (const c of plan.cells) byStyle.set(c.style, [...(byStyle.get(c.style) ?? []), c]);
  for (const [style, cells] of byStyle) for (const ref of refsOf(cells, merges)) applyLook(range(ref), LOOKS[style]);
  const header = { row: plan.findings.row, col: plan.findings.col, rows: 1, cols: plan.findings.header.length };
  applyLook(range(header), LOOKS.header);
  applyBorders(range(header), header);
  for (const t of TABLE_IDS) applyBorders(range(plan.tables[t]), plan.tables[t]);
  for (const c of plan.cells.filter((x) => x.style === 'metaInput')) applyBorders(range({ row: c.row, col: c.col, rows: 1, cols: 1 }), { row: c.row, col: c.col, rows: 1, cols: 1 });

  // Data validation guides typing; the checks never rely on it (a paste bypasses it).
  for (const kind of ['count', 'amount'] as const) {
    const inputs = plan.cells.filter((c) => c.input && c.kind === kind);
    for (const ref of refsOf(inputs, merges)) validate(range(ref), kind === 'amount' ? AMOUNT_RULE : COUNT_RULE);
  }
  validate(range({ row: plan.year.row, col: plan.year.col, rows: 1, cols: 1 }), YEAR_RULE);

  // The template's marks, in the plan's priority order: written once, evaluated by ET itself, so
  // wrong cells turn red (warnings amber) with or without the add-in, and nothing is written later.
  for (const m of plan.marks) addMark(sheet, m.area, m.formula, m.severity);

  const window = app.ActiveWindow;
  if (window) {
    window.DisplayGridlines = false;
    window.SplitColumn = 0;
    window.SplitRow = 2;
    window.FreezePanes = true;
  }
  try {
    sheet.PageSetup.Orientation = xl.xlLandscape;
    sheet.PageSetup.PaperSize = xl.xlPaperA4;
  } catch {
    // Page setup asks the printer driver; without a printer it may refuse. The sheet is whole without it.
  }
  range(a1(plan.org.row, plan.org.col)).Select();
  // No password: labels and formulas stay put, and a user can still lift the protection.
  // Protect(Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly, AllowFormattingCells, AllowFormattingColumns, AllowFormattingRows)
  sheet.Protect('', true, true, true, false, true, true, true);
  app.Calculate();
}

