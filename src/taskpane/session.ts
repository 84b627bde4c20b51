/**
 * State the ribbon command and the pane share. In the shared runtime both run in one page with
 * one webpack runtime, so this module is one instance for both.
 */

export type Notice =
  | { kind: 'inserted'; sheet: string }
  | { kind: 'exists'; sheet: string; org: string; year: number | null }
  | { kind: 'error'; message: string };

export interface Choice {
  org: string;
  year: number | null;
}

type Listener = (notice: Notice) => void;

const listeners = new Set<Listener>();
let last: Notice | null = null;
let choice: Choice | null = null;

const ORG_KEY = 'nianbao.org';

export { defaultReportYear as defaultYear } from '../core/report';
import { defaultReportYear as defaultYear } from '../core/report';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be switched off in the host's browser settings
  }
}

/** What the next insertion uses: what the pane last set, else the remembered body and the default year. */
export function currentChoice(): Choice {
  if (choice) return choice;
  return { org: storage()?.getItem(ORG_KEY) ?? '', year: defaultYear() };
}

export function setChoice(next: Choice): void {
  choice = next;
  try {
    storage()?.setItem(ORG_KEY, next.org);
  } catch {
    /* a full or blocked storage only loses the convenience */
  }
}

export function announce(notice: Notice): void {
  last = notice;
  for (const l of listeners) l(notice);
}

/** Listens for notices; a notice given before the pane opened is delivered at once. */
export function onNotice(listener: Listener): () => void {
  listeners.add(listener);
  if (last) listener(last);
  return () => listeners.delete(listener);
}

/** A host error as a sentence for the user. */
export function describeError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ApiNotFound' || /is not a function|ApiNotFound/.test(String(e))) return '当前 Excel 版本不支持所需的功能，请使用 Microsoft 365、Excel 2021 或更新版本，或 Excel 网页版';
  if (code === 'InvalidOperation' && /protect/i.test(String((e as Error)?.message ?? ''))) return '工作表受保护，无法写入；请先撤销工作表保护';
  const message = e instanceof Error ? e.message : String(e);
  return message ? `操作未能完成：${message}` : '操作未能完成';
}
