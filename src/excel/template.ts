/// <reference types="office-js" />
/**
 * Inserting the template worksheet through Office.js: the core's sheet plan drawn into a new
 * sheet in one batch, the same plan the xlsx writer draws, so both give the same sheet.
 *
 * Thin on purpose: every decision about what goes where is in src/core/sheet.ts; this file
 * only knows how Office.js spells it.
 *
 * With upgrade.ts, the only code that touches sheet protection or conditional formats: the
 * template's marks (plan.marks) are written here once, in the insertion's single write batch,
 * and from then on Excel evaluates them itself. Nothing else lifts protection or writes a
 * conditional format, so checking never clears the user's undo history.
 */
import { parseYear } from '../core/grid';
import { refOnSheet } from '../core/refs';
import { Area, PlannedCell, PlannedMark, SheetPlan, YEAR_NAME, a1, areaA1, compactRefs, findingsBlockGrid, sheetPlan, sheetTitle } from '../core/sheet';
import { TABLE_IDS } from '../core/tables';
import { LOOKS, Look, MARK_LOOKS, applyLookFormat, columnPoints, thinBorders } from './styles';

/**
 * The findings block as the plan gives it (src/core/sheet.ts: its header and its formula, which
 * shows a Chinese sentence instead of an error where the add-in is missing).
 */
export function findingsBlock(plan: SheetPlan): { header: readonly string[]; formula: string } {
  return { header: plan.findings.header, formula: `=${plan.findings.formula.replace(/^=/, '')}` };
}

export interface InsertOptions {
  org?: string;
  year: number | null;
  /** Insert even when the workbook already holds a template for that year. */
  force?: boolean;
  /**
   * Also write the findings block (=NIANBAO.CHECK under the tables). Off by default: on Excel
   * 2021 LTSC each recalculation of a shared-runtime custom function clears the undo history
   * (office-js#2802); the pane offers the block as an explicit choice (setFindingsBlock).
   */
  findingsBlock?: boolean;
}

export type InsertResult = { status: 'inserted'; sheet: string } | { status: 'exists'; sheet: string };

export interface TemplateSheet {
  name: string;
  year: number | null;
}

export interface WorkbookSurvey {
  sheets: string[];
  templates: TemplateSheet[];
  enableEvents: boolean;
}

/** The next free name: "2024年政府信息公开年报", then "…(2)", "…(3)" as the xlsx writer names them. Excel compares sheet names without case. */
export function uniqueSheetName(existing: readonly string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}(${i})`.toLowerCase())) return `${base}(${i})`;
}

/**
 * Which sheets exist and which of them are templates, of which year. A template is a sheet
 * with its own NB_YEAR name on the year cell of the plan; its year is what that cell holds.
 * Two syncs: the sheet list has to arrive before its sheets can be asked about.
 */
export async function surveyWorkbook(context: Excel.RequestContext): Promise<WorkbookSurvey> {
  const sheets = context.workbook.worksheets.load('items/name');
  context.runtime.load('enableEvents');
  await context.sync();

  const yearCell = sheetPlan().year;
  const probes = sheets.items.map((ws) => ({
    name: ws.name,
    item: ws.names.getItemOrNullObject(YEAR_NAME).load('formula'),
    cell: ws.getRange(a1(yearCell.row, yearCell.col)).load('values'),
  }));
  await context.sync();

  const templates: TemplateSheet[] = [];
  for (const p of probes) {
    // On the web a sheet's names include the workbook's (office-js#1011): the name must point at this sheet's year cell.
    if (p.item.isNullObject || refOnSheet(String(p.item.formula), p.name)?.address !== a1(yearCell.row, yearCell.col)) continue;
    templates.push({ name: p.name, year: parseYear(p.cell.values[0][0]) });
  }
  return { sheets: sheets.items.map((s) => s.name), templates, enableEvents: context.runtime.enableEvents };
}

/**
 * Inserts the template for a year on a new sheet and makes it active. Never overwrites: a
 * taken sheet name gets "(2)", and a workbook that already holds that year's template gets
 * `{status: 'exists'}` back unless `force` is set.
 *
 * The whole sheet is written in one sync, with this add-in's events off (our own write must not
 * set off our checks) and calculation and screen updating suspended. Survey and restore take
 * their own syncs. Events are always turned back on afterwards, whatever the survey saw: a
 * ribbon insert racing a pane write could otherwise leave them off for good (audit B8).
 *
 * Inserting clears the user's undo history on every platform: protecting the sheet is among the
 * "Unsupported APIs" of "Undo capabilities with the Excel JavaScript API". The pane says so.
 */
export async function insertTemplate(context: Excel.RequestContext, options: InsertOptions): Promise<InsertResult> {
  const survey = await surveyWorkbook(context);
  const same = options.year === null ? undefined : survey.templates.find((t) => t.year === options.year);
  if (same && !options.force) return { status: 'exists', sheet: same.name };

  const name = uniqueSheetName(survey.sheets, sheetTitle(options.year));
  const plan = sheetPlan((options.org ?? '').trim(), options.year);
  let inserted = false;
  try {
    context.runtime.enableEvents = false;
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    const sheet = context.workbook.worksheets.add(name);
    drawPlan(sheet, plan, { findingsBlock: options.findingsBlock === true });
    sheet.activate();
    sheet.getRange(a1(plan.org.row, plan.org.col)).select();
    await context.sync();
    inserted = true;
  } catch (e) {
    await removeSheet(context, name).catch(() => undefined);
    throw e;
  } finally {
    context.runtime.enableEvents = true;
    // Calculation was suspended for the write: the new formulas have to be calculated now.
    if (inserted) context.application.calculate('Recalculate');
    await context.sync();
  }
  return { status: 'inserted', sheet: name };
}

/** Takes away a half-written sheet after a failed insertion. */
async function removeSheet(context: Excel.RequestContext, name: string): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) return;
  ws.protection.unprotect();
  ws.delete();
  await context.sync();
}

/** Shows a sheet: for "go to the existing template". */
export async function showSheet(context: Excel.RequestContext, name: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(name);
  ws.activate();
  ws.getRange('A1').select();
  await context.sync();
}

// ---------------------------------------------------------------------------------------------
// Drawing the plan (queues operations only; the caller syncs)

const toArea = (m: { r1: number; c1: number; r2: number; c2: number }): Area => ({ row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 });

const fill = <T>(rows: number, cols: number, v: T): T[][] => Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));

/** The A1 references covering some planned cells: merged cells as their whole merged area, the rest joined into runs. */
function refsOf(cells: readonly { row: number; col: number }[], merges: Map<string, Area>): { ref: string; area: Area }[] {
  const single: { row: number; col: number }[] = [];
  const out: { ref: string; area: Area }[] = [];
  for (const c of cells) {
    const m = merges.get(`${c.row},${c.col}`);
    if (m) out.push({ ref: areaA1(m), area: m });
    else single.push(c);
  }
  for (const ref of compactRefs(single)) out.push({ ref, area: refArea(ref) });
  return out;
}

function refArea(ref: string): Area {
  const [from, to = from] = ref.split(':');
  const pos = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const a = pos(from);
  const b = pos(to);
  return { row: a.row, col: a.col, rows: b.row - a.row + 1, cols: b.col - a.col + 1 };
}

function applyLook(range: Excel.Range, area: Area, look: Look): void {
  applyLookFormat(range.format, look);
  if (look.numberFormat) range.numberFormat = fill(area.rows, area.cols, look.numberFormat);
}

const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;

function applyBorders(range: Excel.Range, area: Area): void {
  thinBorders(
    range.format,
    BORDER_EDGES.filter((edge) => !(edge === 'InsideVertical' && area.cols === 1) && !(edge === 'InsideHorizontal' && area.rows === 1)),
  );
}

const COUNT_RULE: Excel.DataValidationRule = { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
const AMOUNT_RULE: Excel.DataValidationRule = { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
const YEAR_RULE: Excel.DataValidationRule = { wholeNumber: { formula1: 2000, formula2: 2100, operator: 'Between' } };
const COUNT_ALERT = { showAlert: true, style: 'Stop', title: '请填写数字', message: '件数应为不小于0的整数；无数据请填0' } as const;
const AMOUNT_ALERT = { showAlert: true, style: 'Stop', title: '请填写数字', message: '收费金额以万元为单位，应为不小于0的数字' } as const;
const YEAR_ALERT = { showAlert: true, style: 'Stop', title: '请填写年度', message: '报告年度应为四位数字，如 2024' } as const;

/**
 * Text written through values or formulas is taken as typed: "=…", "+…", "-…" and "@…" become
 * formulas, "-3" and "12" numbers, "TRUE" a boolean, "1/2" a date. A leading apostrophe keeps any
 * text as it is (Excel keeps the apostrophe as the cell's prefix, not in its value).
 */
export function asText(v: string): string {
  return v === '' ? v : `'${v}`;
}

/** Text the user typed (the body's name) and the plan's labels stay text. */
const asConstant = (v: string | number): string | number => (typeof v === 'string' ? asText(v) : v);

/** The cells the plan writes (and the findings block when asked for) as one grid of formulas and constants. */
function contents(plan: SheetPlan, withFindings: boolean): { area: Area; grid: (string | number)[][] } {
  const cells: { row: number; col: number; v: string | number }[] = plan.cells.map((c: PlannedCell) => ({
    row: c.row,
    col: c.col,
    v: c.formula !== undefined ? `=${c.formula}` : asConstant(c.value ?? ''),
  }));
  if (withFindings) {
    const block = plan.findings.area;
    findingsBlockGrid(plan).forEach((line, i) => line.forEach((v, j) => v !== '' && cells.push({ row: block.row + i, col: block.col + j, v })));
  }
  const rows = Math.max(...cells.map((c) => c.row)) + 1;
  const cols = Math.max(...cells.map((c) => c.col)) + 1;
  const grid = fill<string | number>(rows, cols, '');
  for (const c of cells) grid[c.row][c.col] = c.v;
  return { area: { row: 0, col: 0, rows, cols }, grid };
}

/** Queues the plan's names and cell contents only: what a read needs (the self-test's fallback when a full insertion fails). */
export function drawNamesAndContents(sheet: Excel.Worksheet, plan: SheetPlan, withFindings = false): void {
  const range = (a: Area) => sheet.getRangeByIndexes(a.row, a.col, a.rows, a.cols);
  for (const n of plan.names) sheet.names.add(n.name, range(n.area));
  const body = contents(plan, withFindings);
  range(body.area).formulas = body.grid;
}

/** Queues the whole plan into an empty sheet. Protection comes last: it would refuse everything after it. */
export function drawPlan(sheet: Excel.Worksheet, plan: SheetPlan, options: { findingsBlock?: boolean } = {}): void {
  const merges = new Map(plan.merges.map((m) => [`${m.r1},${m.c1}`, toArea(m)]));
  const range = (a: Area) => sheet.getRangeByIndexes(a.row, a.col, a.rows, a.cols);

  sheet.showGridlines = false;
  plan.colWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = columnPoints(w)));
  for (const [row, height] of plan.rowHeights) sheet.getRangeByIndexes(row, 0, 1, 1).format.rowHeight = height;

  // Names before formulas: the findings formula refers to NB_T2…, and a formula written before
  // its name exists would be bound to an unknown name. Worksheet-scoped, so two years'
  // templates can live in one workbook.
  drawNamesAndContents(sheet, plan, options.findingsBlock === true);
  for (const m of merges.values()) range(m).merge(false);

  // Looks, grouped by style so a few hundred ranges carry the formatting of the whole sheet.
  const byStyle = new Map<keyof typeof LOOKS, PlannedCell[]>();
  for (const c of plan.cells) byStyle.set(c.style, [...(byStyle.get(c.style) ?? []), c]);
  for (const [style, cells] of byStyle) {
    for (const { area } of refsOf(cells, merges)) applyLook(range(area), area, LOOKS[style]);
  }
  // The findings block's cells stay unlocked, so the pane can add or remove the block later
  // without lifting protection; its header is bold text only (no borders left when removed).
  range(plan.findings.area).format.protection.locked = false;
  const header = { row: plan.findings.row, col: plan.findings.col, rows: 1, cols: plan.findings.header.length };
  range(header).format.font.bold = true;
  for (const t of TABLE_IDS) applyBorders(range(plan.tables[t]), plan.tables[t]);
  for (const c of plan.cells.filter((x) => x.style === 'metaInput')) applyBorders(range({ row: c.row, col: c.col, rows: 1, cols: 1 }), { row: c.row, col: c.col, rows: 1, cols: 1 });

  // Data validation guides typing; the checks never rely on it (a paste bypasses it).
  for (const kind of ['count', 'amount'] as const) {
    const inputs = plan.cells.filter((c) => c.input && c.kind === kind);
    for (const { area } of refsOf(inputs, merges)) {
      const dv = range(area).dataValidation;
      dv.ignoreBlanks = true;
      dv.rule = kind === 'amount' ? AMOUNT_RULE : COUNT_RULE;
      dv.errorAlert = kind === 'amount' ? AMOUNT_ALERT : COUNT_ALERT;
    }
  }
  const yearArea = { row: plan.year.row, col: plan.year.col, rows: 1, cols: 1 };
  range(yearArea).dataValidation.rule = YEAR_RULE;
  range(yearArea).dataValidation.errorAlert = YEAR_ALERT;

  drawMarks(sheet, plan.marks);

  sheet.freezePanes.freezeRows(2);
  sheet.pageLayout.orientation = 'Landscape';
  sheet.pageLayout.paperSize = 'A4';
  // No password: labels and formulas stay put, and a user can still lift the protection.
  sheet.protection.protect({ allowFormatCells: true, allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' });
}

/** The look of a mark, by severity: the xlsx writer's and the preview's (src/core/looks.ts). */
export { MARK_LOOKS };

/**
 * Queues the plan's marks as custom-formula conditional formats. Each add() goes on top of the
 * collection, so they are added last first: the plan's first mark ends on top, as it says.
 */
export function drawMarks(sheet: Excel.Worksheet, marks: readonly Pick<PlannedMark, 'area' | 'formula' | 'severity'>[]): void {
  for (const mark of [...marks].reverse()) {
    const cf = sheet.getRangeByIndexes(mark.area.row, mark.area.col, mark.area.rows, mark.area.cols).conditionalFormats.add('Custom');
    cf.custom.rule.formula = `=${mark.formula.replace(/^=/, '')}`;
    const look = MARK_LOOKS[mark.severity];
    cf.custom.format.fill.color = look.fill;
    cf.custom.format.font.color = look.font;
    cf.custom.format.font.bold = look.bold;
  }
}
