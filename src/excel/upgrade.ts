/// <reference types="office-js" />
/**
 * The one-time upgrade of a template inserted by the earlier version of the add-in, which marked
 * offending cells at run time with conditional formats of its own (tagged `nianbao:mark`) and
 * called the custom function by its English name in the findings block. The upgrade removes
 * those marks, adds the template's own (plan.marks) and rewrites the findings block, in one
 * write batch.
 *
 * With template.ts, the only code that touches sheet protection or conditional formats. Lifting
 * protection clears the user's undo history (it is on the list of "Undo capabilities with the
 * Excel JavaScript API"), so this runs only when the user chooses it, once, after being told.
 *
 * Reading a sheet's conditional formats throws in open Excel bugs (office-js#6835, #6827). Then
 * nothing is deleted: a rule that cannot be identified is never removed. The earlier version's
 * findings formula still tells such a template apart, and the upgrade adds the template's marks
 * and says the old ones may remain for the user to remove by hand.
 */
import { a1, sheetPlan, SheetPlan } from '../core/sheet';
import type { UpgradeOutcome, UpgradeState } from '../host/contract';
import { drawMarks, findingsBlock } from './template';

/** The earlier version's runtime mark: a custom rule that is always true, with a formula no one else writes. */
export const OLD_MARK_FORMULA = '=ISTEXT("nianbao:mark")';

/** The findings block as the earlier version wrote it (the English name gives #NAME? in Chinese Excel, office-js#891). */
export const OLD_FINDINGS_FORMULA = '=NIANBAO.CHECK(NB_T2,NB_T3,NB_T4)';

/** The earlier inserter's rule on a check cell: red unless "✓" or blank. The template's marks cover the checks now. */
const OLD_CHECK_RULE = /^=AND\(\$?([A-Z]{1,3})\$?(\d+)<>"✓",\$?\1\$?\2<>""\)$/;

const normal = (formula: unknown): string => (typeof formula === 'string' ? formula.replace(/\s|\$/g, '').toUpperCase() : '');

interface Rule {
  /** Its id, that is its priority in the sheet's collection when read. */
  id: string;
  formula: string | null;
}

/** The sheet's conditional formats, or null when Excel fails to list them. One sync. */
async function readRules(context: Excel.RequestContext, sheetKey: string): Promise<Rule[] | null> {
  try {
    const list = context.workbook.worksheets.getItem(sheetKey).getRange().conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula');
    await context.sync();
    return list.items.map((cf) => ({ id: cf.id, formula: cf.type === 'Custom' && !cf.customOrNullObject.isNullObject ? String(cf.customOrNullObject.rule.formula) : null }));
  } catch {
    return null;
  }
}

const isOldMark = (r: Rule): boolean => normal(r.formula) === normal(OLD_MARK_FORMULA);
const isOldCheck = (r: Rule): boolean => r.formula !== null && OLD_CHECK_RULE.test(r.formula.replace(/\s/g, ''));
const missingMarks = (plan: SheetPlan, rules: readonly Rule[]) => {
  const have = new Set(rules.map((r) => normal(r.formula)));
  return plan.marks.filter((m) => !have.has(normal(`=${m.formula.replace(/^=/, '')}`)));
};

/** The formula of the findings block's first cell, where the plan puts it. One sync. */
async function readFindingsFormula(context: Excel.RequestContext, sheetKey: string, plan: SheetPlan): Promise<string> {
  const cell = context.workbook.worksheets.getItem(sheetKey).getRange(a1(plan.findings.row + 1, plan.findings.col)).load('formulas');
  await context.sync();
  return String(cell.formulas[0][0]);
}

/** The earlier version's findings formula, where the plan's differs from it. */
const isOldFindings = (formula: string, plan: SheetPlan): boolean => normal(formula) === normal(OLD_FINDINGS_FORMULA) && normal(formula) !== normal(findingsBlock(plan).formula);

/**
 * Whether a template sheet needs the upgrade. Reads only (one or two syncs): the sheet's
 * conditional formats, and when Excel fails to list them, the findings block's formula.
 */
export async function upgradeState(context: Excel.RequestContext, sheetKey: string, plan: SheetPlan = sheetPlan()): Promise<UpgradeState> {
  const rules = await readRules(context, sheetKey);
  if (rules !== null) return rules.some(isOldMark) || missingMarks(plan, rules).length > 0 ? 'needed' : 'current';
  return isOldFindings(await readFindingsFormula(context, sheetKey, plan), plan) ? 'needed' : 'unknown';
}

/**
 * The upgrade: one read, then one write batch that lifts protection (a sheet protected without
 * a password, as the add-in inserts it), deletes the earlier marks, adds the template's, rewrites
 * the findings block and protects the sheet again with the options it had. A sheet protected
 * with a password fails the batch before anything changes.
 */
export async function upgradeTemplate(context: Excel.RequestContext, sheetKey: string, plan: SheetPlan = sheetPlan()): Promise<UpgradeOutcome> {
  const rules = await readRules(context, sheetKey);
  const ws = context.workbook.worksheets.getItem(sheetKey);
  const protection = ws.protection.load('protected,options');
  const findings = ws.getRange(a1(plan.findings.row + 1, plan.findings.col)).load('formulas');
  context.runtime.load('enableEvents');
  await context.sync();
  const findingsFormula = String(findings.formulas[0][0]);

  // Deleted from the bottom up: deleting a format moves the ids of every format below it.
  const doomed = rules === null ? [] : rules.filter((r) => isOldMark(r) || (plan.marks.length > 0 && isOldCheck(r)));
  const ids = doomed.map((r) => Number(r.id)).sort((a, b) => b - a);
  const kept = rules === null ? [] : rules.filter((r) => !doomed.includes(r));
  // Unreadable rules: only a sheet that shows the earlier version's findings block is known to lack the marks.
  const toAdd = rules === null ? (isOldFindings(findingsFormula, plan) ? plan.marks : []) : missingMarks(plan, kept);
  const rewrite = isOldFindings(findingsFormula, plan);
  if (ids.length === 0 && toAdd.length === 0 && !rewrite) return { removed: 0, added: 0, unreadable: rules === null };

  const wasProtected = protection.protected;
  const options = protectOptions(protection.options);
  const events = context.runtime.enableEvents;
  context.runtime.enableEvents = false;
  try {
    if (wasProtected) ws.protection.unprotect();
    const all = ws.getRange().conditionalFormats;
    for (const id of ids) all.getItem(String(id)).delete();
    drawMarks(ws, toAdd);
    if (rewrite) ws.getRange(a1(plan.findings.row + 1, plan.findings.col)).formulas = [[findingsBlock(plan).formula]];
    if (wasProtected) ws.protection.protect(options);
    await context.sync();
  } catch (e) {
    // Excel keeps what ran before the failing call: a sheet left unprotected is protected again.
    if (wasProtected) await reprotect(context, sheetKey, options).catch(() => undefined);
    throw e;
  } finally {
    context.runtime.enableEvents = events;
    await context.sync();
  }
  return { removed: ids.length, added: toAdd.length, unreadable: rules === null };
}

/** The options protect() takes back, from what protection.options reported. */
function protectOptions(o: Excel.WorksheetProtectionOptions): Excel.WorksheetProtectionOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined && v !== null) out[k] = v;
  return out as Excel.WorksheetProtectionOptions;
}

async function reprotect(context: Excel.RequestContext, sheetKey: string, options: Excel.WorksheetProtectionOptions): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheetKey);
  const p = ws.protection.load('protected');
  await context.sync();
  if (p.protected) return;
  ws.protection.protect(options);
  await context.sync();
}
