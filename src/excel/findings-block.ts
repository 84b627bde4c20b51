/// <reference types="office-js" />
/**
 * The findings block (=NIANBAO.CHECK under the tables) as an explicit choice in the pane: no
 * template carries it by default, because on Excel 2021 LTSC each recalculation of a
 * shared-runtime custom function clears the user's undo history (office-js#2802, fixed only from
 * about Version 2311). The pane offers to add it, and to take it out again.
 *
 * The block's cells (plan.findings.area) are unlocked in every template this version writes, so
 * adding or removing it writes unlocked cells only and never lifts protection. A template from
 * an earlier version has them locked: then, and only then, protection is lifted for the write
 * and restored with the options it had, which clears the undo history once on every platform
 * ("Undo capabilities with the Excel JavaScript API"); the outcome says so.
 *
 * Never overwrites a user's cell: the block goes in only where its cells are blank (or already
 * the block), and only the block's own text is taken out.
 */
import { areaA1, findingsBlockGrid, sheetPlan, type Area, type SheetPlan } from '../core/sheet';
import type { TemplateAreas } from './read';

export interface FindingsBlockOutcome {
  present: boolean;
  /** True when protection had to be lifted (an earlier version's template): undo was cleared. */
  liftedProtection: boolean;
}

/** Where the block sits on a sheet now: the plan's place moved with the rows and columns inserted above table 4. */
export function blockArea(areas: TemplateAreas, plan: SheetPlan = sheetPlan()): Area | null {
  const t4 = areas.T4;
  if (!t4) return null;
  const from = plan.findings.area;
  return { row: from.row + (t4.row - plan.tables.T4.row), col: from.col + (t4.col - plan.tables.T4.col), rows: from.rows, cols: from.cols };
}

const normal = (v: unknown): string => String(v ?? '').replace(/\s|\$/g, '').toUpperCase();

/** Whether a cell holds the block's formula: ours (IFERROR(NIANBAO.CHECK(…))) or the earlier version's bare call. */
export function isFindingsFormula(formula: unknown): boolean {
  return /^=(IFERROR\()?NIANBAO\.CHECK\(/.test(normal(formula));
}

/** What the block's cells hold: 'present', 'absent' (all blank) or 'other' (something of the user's is there). */
function classify(formulas: unknown[][], plan: SheetPlan): 'present' | 'absent' | 'other' {
  const expected = findingsBlockGrid(plan);
  let blank = true;
  let ours = true;
  formulas.forEach((line, i) =>
    line.forEach((v, j) => {
      const text = String(v ?? '');
      if (text !== '') blank = false;
      const want = expected[i]?.[j] ?? '';
      if (i === 1 && j === 0) {
        if (!isFindingsFormula(text)) ours = false;
      } else if (text !== want && text !== '') ours = false;
    }),
  );
  if (blank) return 'absent';
  return ours && isFindingsFormula(formulas[1]?.[0]) ? 'present' : 'other';
}

/** Whether the sheet shows the findings block. One sync. */
export async function findingsBlockState(context: Excel.RequestContext, sheetKey: string, area: Area, plan: SheetPlan = sheetPlan()): Promise<boolean> {
  const range = context.workbook.worksheets.getItem(sheetKey).getRangeByIndexes(area.row, area.col, area.rows, area.cols).load('formulas');
  await context.sync();
  return classify(range.formulas as unknown[][], plan) === 'present';
}

/**
 * Adds or removes the block. Reads first (one sync): a cell of the user's in the way refuses the
 * change with a sentence naming the cells. Then one write with this add-in's events off, turned
 * back on in a finally.
 */
export async function setFindingsBlock(
  context: Excel.RequestContext,
  sheetKey: string,
  area: Area,
  present: boolean,
  plan: SheetPlan = sheetPlan(),
): Promise<FindingsBlockOutcome> {
  const ws = context.workbook.worksheets.getItem(sheetKey);
  const range = ws.getRangeByIndexes(area.row, area.col, area.rows, area.cols).load('formulas');
  const protection = ws.protection.load('protected,options');
  await context.sync();
  const state = classify(range.formulas as unknown[][], plan);
  if (state === 'other') {
    throw new Error(`问题清单的位置（${areaA1(area)}）已有其他内容，未做改动：请先移走这些格中的内容${present ? '再添加问题清单' : '，或手动删除问题清单'}。`);
  }
  if ((state === 'present') === present) return { present, liftedProtection: false };

  const grid = findingsBlockGrid(plan, present);
  const write = async (liftProtection: boolean): Promise<void> => {
    context.runtime.enableEvents = false;
    try {
      const target = ws.getRangeByIndexes(area.row, area.col, area.rows, area.cols);
      if (liftProtection) {
        ws.protection.unprotect();
        target.format.protection.locked = false;
      }
      target.formulas = grid;
      ws.getRangeByIndexes(area.row, area.col, 1, area.cols).format.font.bold = present;
      if (liftProtection) ws.protection.protect(protectOptions(protection.options));
      await context.sync();
    } finally {
      context.runtime.enableEvents = true;
      await context.sync();
    }
  };
  try {
    await write(false);
    return { present, liftedProtection: false };
  } catch (e) {
    // Locked cells on a protected sheet: an earlier version's template. Excel's documented code
    // tells this apart (never its message); anything else is the caller's to report.
    const code = typeof e === 'object' && e !== null ? String((e as { code?: unknown }).code ?? '') : '';
    if (!protection.protected || !['InvalidOperation', 'AccessDenied'].includes(code)) throw e;
  }
  try {
    await write(true);
  } catch (e) {
    await reprotect(context, sheetKey, protection.options).catch(() => undefined);
    throw e;
  }
  return { present, liftedProtection: true };
}

function protectOptions(o: Excel.WorksheetProtectionOptions | undefined): Excel.WorksheetProtectionOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined && v !== null) out[k] = v;
  return out as Excel.WorksheetProtectionOptions;
}

async function reprotect(context: Excel.RequestContext, sheetKey: string, options: Excel.WorksheetProtectionOptions | undefined): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheetKey);
  const p = ws.protection.load('protected');
  await context.sync();
  if (p.protected) return;
  ws.protection.protect(protectOptions(options));
  await context.sync();
}
