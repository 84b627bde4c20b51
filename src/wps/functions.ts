/// <reference types="et-jsapi-declare" />
/**
 * The custom worksheet functions in WPS 表格: NIANBAO.CHECK, ERRORS, BALANCE and SUMCHECK, the
 * very functions Excel runs (src/functions/functions.ts), registered the WPS way with
 * `AddCustomFunction(namespace, name, callback, metadata)` (WPS 12.1.0.20540 and later; declared
 * in et-jsapi-declare's EtAddonRoot).
 *
 * Detected at run time: an older WPS has no AddCustomFunction, and then nothing is registered —
 * the pane and the template's native check formulas work all the same, and the template's
 * findings block holds a note instead of the formula (src/wps/template.ts).
 */
import { balance, check, errors, sumcheck } from '../functions/functions';
import { ZH_CN } from '../functions/metadata-zh-cn';
import type { EtApplication } from './book';

export const NAMESPACE = 'NIANBAO';

/** Each function by the id Excel's functions.json gives it, with its parameters in order. */
const FUNCTIONS = {
  CHECK: { fn: check, params: ['table2', 'table3', 'table4', 'priorTable3'], result: 'any' },
  ERRORS: { fn: errors, params: ['table2', 'table3', 'table4'], result: 'number' },
  BALANCE: { fn: balance, params: ['received', 'carriedIn', 'total', 'carriedOut'], result: 'any' },
  SUMCHECK: { fn: sumcheck, params: ['total', 'details'], result: 'any' },
} as const;

export type FunctionId = keyof typeof FUNCTIONS;
export const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

/** Whether this WPS registers add-in functions. A member an older build lacks may throw when touched, not only be undefined. */
export function supportsCustomFunctions(app: EtApplication): boolean {
  try {
    return typeof app.AddCustomFunction === 'function';
  } catch {
    return false;
  }
}

/** The metadata WPS shows in its function wizard: the Chinese descriptions Excel's functions-zh-cn.json carries. */
export function metadataOf(id: FunctionId): Parameters<EtApplication['AddCustomFunction']>[3] {
  const zh = ZH_CN[id];
  const f = FUNCTIONS[id];
  return {
    description: zh.description,
    result: { type: f.result },
    parameters: f.params.map((p) => ({ name: zh.parameters[p].name, type: 'any', description: zh.parameters[p].description })),
  };
}

let registered = false;

/**
 * Registers the functions once per page; returns whether they are available. A registration
 * that fails (a build that declares the member but refuses) counts as not available, so the
 * template then gets the note, not a formula showing #NAME?.
 */
export function registerFunctions(app: EtApplication): boolean {
  if (registered) return true;
  if (!supportsCustomFunctions(app)) return false;
  try {
    for (const id of FUNCTION_IDS) app.AddCustomFunction(NAMESPACE, id, FUNCTIONS[id].fn, metadataOf(id));
    registered = true;
  } catch {
    registered = false;
  }
  return registered;
}
