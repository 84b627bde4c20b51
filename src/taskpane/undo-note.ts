/**
 * What the pane tells the user when a write they chose (a quick fix, a suggestion, an import)
 * clears Excel's undo history: Excel without ExcelUndoApiAll clears it on any add-in write, as
 * "Undo capabilities with the Excel JavaScript API" documents. Checking never writes, so only a
 * write the user chose can do this.
 */
import type { WorkbookHost } from '../host/contract';

export const UNDO_CLEARED = '注意：当前 Excel 版本不能撤销加载项所做的修改，这次写入已清空撤销记录，此前的操作无法再用 Ctrl+Z 撤销。';

/** The sentence to add after a write the user chose, or '' where the host keeps undo. */
export function undoNote(host: Pick<WorkbookHost, 'writesKeepUndo'>): string {
  return host.writesKeepUndo?.() === false ? UNDO_CLEARED : '';
}

/** A note about a write, followed by the undo sentence when it applies. */
export function withUndoNote(host: Pick<WorkbookHost, 'writesKeepUndo'>, text: string): string {
  const extra = undoNote(host);
  return extra === '' ? text : `${text}${extra}`;
}
