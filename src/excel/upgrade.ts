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
  /** The address of the range it applies to (no sheet part); null where it applies to several areas or was not asked. */
  address: string | null;
}

/** The sheet's conditional formats, or null when Excel fails to list them. One sync (two when `withRanges` asks for the ranges of some). */
async function readRules(context: Excel.RequestContext, sheetKey: string, withRanges?: (r: Rule) => boolean): Promise<Rule[] | null> {
  try {
    const list = context.workbook.worksheets.getItem(sheetKey).getRange().conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula');
    await context.sync();
    const rules: Rule[] = list.items.map((cf) => ({ id: cf.id, formula: cf.type === 'Custom' && !cf.customOrNullObject.isNullObject ? String(cf.customOrNullObject.rule.formula) : null, address: null }));
    if (!withRanges) return rules;
    // ConditionalFormat.getRangeOrNullObject (ExcelApi 1.6): null for a rule on several areas.
    const ranges = list.items.map((cf, i) => (withRanges(rules[i]) ? cf.getRangeOrNullObject().load('address') : null));
    if (ranges.some((r) => r !== null)) await context.sync();
    ranges.forEach((r, i) => {
      if (r && !r.isNullObject) rules[i].address = String(r.address).slice(String(r.address).lastIndexOf('!') + 1);
    });
    return rules;
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
 * The upgrade: reads the rules (and where each old one applies), lifts protection (a sheet
 * protected without a password, as the add-in inserts it), deletes each earlier mark through
 * the collection of its own range — deleting through the whole sheet's collection throws
 * ItemNotFound when two rules share a cell (office-js#5222), and the old marks overlap the
 * template's own — one rule at a time, so one failing rule leaves the others to go; then adds
 * the template's marks, rewrites an earlier findings block, and protects the sheet again with
 * the options it had, in every case. A sheet protected with a password fails before anything
 * changes.
 */
export async function upgradeTemplate(context: Excel.RequestContext, sheetKey: string, plan: SheetPlan = sheetPlan()): Promise<UpgradeOutcome> {
  const isDoomed = (r: Rule) => isOldMark(r) || (plan.marks.length > 0 && isOldCheck(r));
  const rules = await readRules(context, sheetKey, isDoomed);
  const ws = context.workbook.worksheets.getItem(sheetKey);
  const protection = ws.protection.load('protected,options');
  const findings = ws.getRange(a1(plan.findings.row + 1, plan.findings.col)).load('formulas');
  await context.sync();
  const findingsFormula = String(findings.formulas[0][0]);

  const doomed = rules === null ? [] : rules.filter(isDoomed);
  const kept = rules === null ? [] : rules.filter((r) => !doomed.includes(r));
  // Unreadable rules: only a sheet that shows the earlier version's findings block is known to lack the marks.
  const toAdd = rules === null ? (isOldFindings(findingsFormula, plan) ? plan.marks : []) : missingMarks(plan, kept);
  const rewrite = isOldFindings(findingsFormula, plan);
  if (doomed.length === 0 && toAdd.length === 0 && !rewrite) return { removed: 0, added: 0, unreadable: rules === null };

  const wasProtected = protection.protected;
  const options = protectOptions(protection.options);
  let removed = 0;
  context.runtime.enableEvents = false;
  try {
    if (wasProtected) {
      ws.protection.unprotect();
      await context.sync();
    }
    for (const rule of doomed) {
      try {
        await deleteRule(context, sheetKey, rule);
        removed++;
      } catch {
        // office-js#5222 and its kin: this rule stays (the outcome counts it); the others still go.
      }
    }
    drawMarks(ws, toAdd);
    if (rewrite) ws.getRange(a1(plan.findings.row + 1, plan.findings.col)).formulas = [[findingsBlock(plan).formula]];
    await context.sync();
  } finally {
    // Whatever happened above, the sheet is protected again and this add-in's events are back on.
    context.runtime.enableEvents = true;
    await context.sync().catch(() => undefined);
    if (wasProtected) await reprotect(context, sheetKey, options).catch(() => undefined);
  }
  return { removed, added: toAdd.length, unreadable: rules === null, ...(removed < doomed.length ? { notRemoved: doomed.length - removed } : {}) };
}

/**
 * Deletes one rule through the collection of the range it applies to, found there again by its
 * formula (ids are positions, and they differ between collections). A rule on several areas
 * has no single range: it is deleted through the sheet's collection, at its position now.
 */
async function deleteRule(context: Excel.RequestContext, sheetKey: string, rule: Rule): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheetKey);
  const own = rule.address !== null ? ws.getRange(rule.address).conditionalFormats : ws.getRange().conditionalFormats;
  own.load('items/type,items/customOrNullObject/rule/formula');
  await context.sync();
  const item = own.items.find((cf) => cf.type === 'Custom' && !cf.customOrNullObject.isNullObject && normal(cf.customOrNullObject.rule.formula) === normal(rule.formula));
  if (!item) throw new Error('rule no longer there');
  item.delete();
  await context.sync();
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
