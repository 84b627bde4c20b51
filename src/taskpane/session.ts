/**
 * State the ribbon command and the pane share. In the shared runtime both run in one page with
 * one webpack runtime, so this module is one instance for both.
 */

export type Notice =
  | { kind: 'inserted'; sheet: string }
  | { kind: 'exists'; sheet: string; org: string; year: number | null }
  | { kind: 'error'; message: string }
  /** The standard register was inserted (the 插入台账 ribbon button): the pane shows it. */
  | { kind: 'ledger'; sheet: string };

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

/**
 * A host error as a sentence for the user. Only Excel's documented error codes (Excel.ErrorCodes)
 * are looked at, never the message: Excel localizes it and does not document it. Anything else
 * takes one generic sentence.
 */
export function describeError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  switch (code) {
    case 'ApiNotFound':
      return '当前 Excel 版本不支持所需的功能，请使用 Microsoft 365、Excel 2021 或更新版本，或 Excel 网页版';
    case 'AccessDenied':
    case 'InvalidOperation':
      return '操作被 Excel 拒绝（工作表或工作簿可能受保护，或正处于单元格编辑状态）';
    case 'InvalidOperationInCellEditMode':
      return '请先结束单元格编辑（按 Enter 或 Esc）再试';
    case 'ItemNotFound':
      return '找不到要操作的工作表或单元格，可能已被删除或改名';
    default:
      // Our own errors (no code) carry a Chinese sentence; Excel's carry a code this list lacks.
      return e instanceof Error && code === '' && e.message !== '' ? e.message : '操作未能完成，请稍后再试';
  }
}
