/**
 * A register (台账) chosen as a file in the pane: an .xlsx read in the page by the light reader
 * (src/io/xlsx-ledger.ts: the zip guard and saxes), the first sheet whose header the ledger core
 * recognises. Nothing leaves the page: the bytes are read here and dropped.
 */
import type { LedgerGrid } from '../ledger/columns';
import { findHeader } from '../ledger/read';
import { readSheetGrids } from '../io/xlsx-ledger';
import { XlsxLiteError } from '../io/xlsx-lite';

export async function readLedgerXlsx(bytes: Uint8Array, fileName: string): Promise<{ ok: true; sheet: string; grid: LedgerGrid } | { ok: false; error: string }> {
  if (!/\.xls[xm]$/i.test(fileName)) return { ok: false, error: '台账文件应为 Excel 工作簿（.xlsx）' };
  try {
    for (const { sheet, grid } of await readSheetGrids(bytes)) if (findHeader(grid) !== null) return { ok: true, sheet, grid };
    return { ok: false, error: '文件中没有台账：没有一个工作表的前几行能认出“收到日期”“申请人类型”“答复日期”“办理结果”等列名' };
  } catch (e) {
    if (e instanceof XlsxLiteError) return { ok: false, error: e.message };
    throw e;
  }
}
