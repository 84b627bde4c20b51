/** Register workbooks for CLI tests and the bench, written with exceljs as an office's Excel would save them. */
import ExcelJS from 'exceljs';
import { LedgerGrid } from '../../src/ledger/columns';

/** A workbook whose sheets hold the given grids; dates given as Date objects become date cells. */
export async function workbookOf(sheets: Record<string, LedgerGrid>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, grid] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    grid.forEach((row) => {
      const r = ws.addRow(row.map((v) => (v === null ? undefined : v)));
      row.forEach((v, c) => {
        if (v instanceof Date) r.getCell(c + 1).numFmt = 'yyyy-mm-dd';
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
