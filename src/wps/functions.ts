/// <reference types="et-jsapi-declare" />
/**
 * The custom worksheet functions in WPS 表格: NIANBAO.CHECK, ERRORS, BALANCE and SUMCHECK, the
 * very functions Excel runs (src/functions/functions.ts), registered the WPS way with
 * `AddCustomFunction(namespace, name, callback, metadata)` (WPS 12.1.0.20540 and later; declared
 * in et-jsapi-declare's EtAddonRoot).
 *
 * Typed as Kingsoft's own generator types them (wpsjs 2.2.3 src/vite_plugins.js, parseType and
 * parseParameter): a table is "any[][]" (a one-dimensional array is refused there), an optional
 * parameter has a "?" suffix, and a spilled result is "any[][]". test/wps/functions.test.ts runs
 * the same rules over the TypeScript signatures and compares. Declared as scalar "any", a range
 * would probably arrive as one value and CHECK would answer 表格不可读 instead of letting the
 * template's IFERROR show its sentence.
 *
 * Registered through `wps.AddCustomFunction` first, as the documentation and the generator's own
 * code call it (365.kdocs.cn "WPS加载项自定义函数"; vite_plugins.js generateRegister), then through
 * `Application`. Detected at run time: an older WPS has no AddCustomFunction, and then nothing is
 * registered — the pane and the template's native check formulas work all the same, and the
 * template's findings block shows its fallback sentence. What happened is kept in
 * PluginStorage, so the pane and the 自检 can say it.
 */
import { balance, check, errors, sumcheck } from '../functions/functions';
import { ZH_CN } from '../functions/metadata-zh-cn';
import type { EtApplication } from './book';

export const NAMESPACE = 'NIANBAO';

type Metadata = Parameters<EtApplication['AddCustomFunction']>[3];

/** Each function by the id Excel's functions.json gives it, with its parameters in order and their types as wpsjs writes them. */
const FUNCTIONS = {
  CHECK: { fn: check, params: { table2: 'any[][]', table3: 'any[][]', table4: 'any[][]', priorTable3: 'any[][]?' }, result: 'any[][]' },
  ERRORS: { fn: errors, params: { table2: 'any[][]', table3: 'any[][]', table4: 'any[][]' }, result: 'number' },
  BALANCE: { fn: balance, params: { received: 'any', carriedIn: 'any', total: 'any', carriedOut: 'any' }, result: 'any' },
  SUMCHECK: { fn: sumcheck, params: { total: 'any', details: 'any[][]' }, result: 'any' },
} as const;

export type FunctionId = keyof typeof FUNCTIONS;
export const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

type Register = (namespace: string, name: string, callback: (...args: never[]) => unknown, metadata?: Metadata) => void;

/** Where AddCustomFunction is: `wps` first (the documented spelling), then `Application`; null where neither has it. */
function registrar(app: EtApplication): Register | null {
  const g = globalThis as { wps?: unknown };
  for (const owner of [g.wps, app]) {
    try {
      const f = owner && (owner as { AddCustomFunction?: unknown }).AddCustomFunction;
      if (typeof f === 'function') return (f as Register).bind(owner);
    } catch {
      /* a member an older build lacks may throw when touched */
    }
  }
  return null;
}

/** Whether this WPS registers add-in functions. */
export function supportsCustomFunctions(app: EtApplication): boolean {
  return registrar(app) !== null;
}

/** The metadata WPS shows in its function wizard: the Chinese descriptions Excel's functions-zh-cn.json carries, the types wpsjs would write. */
export function metadataOf(id: FunctionId): NonNullable<Metadata> {
  const zh = ZH_CN[id];
  const f = FUNCTIONS[id];
  return {
    description: zh.description,
    result: { type: f.result },
    parameters: Object.entries(f.params).map(([p, type]) => ({ name: zh.parameters[p].name, type, description: zh.parameters[p].description })),
  };
}

export type FunctionsState = { state: 'registered' } | { state: 'unsupported' } | { state: 'failed'; error: string };

const STATE_KEY = 'nianbao.functions';

function keep(app: EtApplication, state: FunctionsState): FunctionsState {
  try {
    app.PluginStorage.setItem(STATE_KEY, JSON.stringify(state));
  } catch {
    /* the pane then cannot tell; the functions are as they are */
  }
  return state;
}

/** What the ribbon's page found when it registered the functions; null before it ran (or in another page than WPS's). */
export function functionsState(app: EtApplication): FunctionsState | null {
  try {
    const raw = app.PluginStorage.getItem(STATE_KEY);
    if (!raw) return null;
    const s = JSON.parse(String(raw)) as Record<string, unknown>;
    if (s.state === 'registered' || s.state === 'unsupported') return { state: s.state };
    if (s.state === 'failed' && typeof s.error === 'string') return { state: 'failed', error: s.error };
  } catch {
    /* not ours */
  }
  return null;
}

/** The sentence the pane shows when the functions are not there, or null when they are (or nothing is known). */
export function functionsNote(state: FunctionsState | null): string | null {
  if (state === null || state.state === 'registered') return null;
  const tail = '校验窗格、模板中的校验公式和红黄标记照常工作，模板“问题清单”处显示一句说明。';
  if (state.state === 'unsupported') return `此版本 WPS 没有加载项工作表函数（需 12.1.0.20540 及以上），NIANBAO.CHECK 等函数不可用；${tail}`;
  return `工作表函数 NIANBAO.CHECK 等未能注册（${state.error}）；${tail}`;
}

let registered = false;

/**
 * Registers the functions once per page; returns what happened, and keeps it for the pane. A
 * registration that throws counts as failed, so the template then shows its fallback sentence,
 * not a formula showing #NAME?.
 */
export function registerFunctions(app: EtApplication): FunctionsState {
  if (registered) return { state: 'registered' };
  const register = registrar(app);
  if (!register) return keep(app, { state: 'unsupported' });
  try {
    for (const id of FUNCTION_IDS) register(NAMESPACE, id, FUNCTIONS[id].fn, metadataOf(id));
    registered = true;
    return keep(app, { state: 'registered' });
  } catch (e) {
    return keep(app, { state: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}
