/// <reference types="office-js" />
/**
 * Watching the workbook for edits, so the pane can check again. Our own writes are left out
 * twice over: insertion turns this add-in's events off, and on hosts with ExcelApi 1.14 an
 * event says when it came from this add-in.
 */

export interface Edit {
  worksheetId: string;
  address: string;
}

/** Calls `onEdit` (at most once per `delayMs`, with the last edit) when a person or another program changes cells. */
export async function watchEdits(context: Excel.RequestContext, onEdit: (edit: Edit) => void, delayMs = 300): Promise<() => Promise<void>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (event.triggerSource === 'ThisLocalAddin') return;
    const edit = { worksheetId: event.worksheetId, address: event.address };
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onEdit(edit);
    }, delayMs);
  };
  const registration = context.workbook.worksheets.onChanged.add(handler);
  await context.sync();
  return async () => {
    if (timer !== undefined) clearTimeout(timer);
    registration.remove();
    await context.sync();
  };
}
