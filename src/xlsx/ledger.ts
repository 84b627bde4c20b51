/**
 * Draws the register plan (src/ledger/sheet.ts) into an exceljs workbook: the blank register
 * 台账模板.xlsx, the register sheets of `nianbao template --ledger`, and the registers the tests
 * fill and hand to LibreOffice.
 */
import ExcelJS from 'exceljs';
import { a1, areaA1 } from '../core/sheet';
import { LEDGER_COLUMNS, LedgerCell } from '../ledger/columns';
import { LEDGER_LOOKS, LedgerPlan, LedgerPlanOptions, LedgerRule, LedgerSheetPlan, ledgerPlan, nameReference } from '../ledger/sheet';
import { addMarks, lookStyle, mergeBlocks, protectWithoutPassword } from './draw';
import { scopeName, uniqueSheetName } from './names';

function validation(rule: LedgerRule, title: string, message: string): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: title, error: message };
  switch (rule.type) {
    case 'list':
      return { type: 'list', formulae: [`"${rule.items.join(',')}"`], ...common };
    case 'listName':
      return { type: 'list', formulae: [rule.name], ...common };
    case 'date':
      return { type: 'date', operator: 'between', formulae: [rule.from, rule.to], ...common } as ExcelJS.DataValidation;
    case 'decimal':
      return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [rule.min], ...common };
    case 'whole':
      return { type: 'whole', operator: 'between', formulae: [rule.min, rule.max], ...common };
  }
}

function drawSheet(wb: ExcelJS.Workbook, sheet: LedgerSheetPlan): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, {
    views: [sheet.frozenRows > 0 ? { state: 'frozen', ySplit: sheet.frozenRows } : { state: 'normal' }],
    pageSetup: {
      paperSize: 9,
      orientation: sheet.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      showGridLines: sheet.print.gridlines,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(sheet.print.titleRows ? { printTitlesRow: `${sheet.print.titleRows.from + 1}:${sheet.print.titleRows.to + 1}` } : {}),
      // exceljs prefixes each corner with "$" only before the column: the row's "$" is ours.
      ...(sheet.print.area ? { printArea: areaA1(sheet.print.area, true).replace(/\$([A-Z]+\$)/g, '$1') } : {}),
    },
  });
  // Whole-column formats: a row typed below the prepared ones is still a date, a text, an amount.
  ws.columns = sheet.columns.map((c) => ({
    width: c.width,
    style: { numFmt: c.numberFormat, alignment: { horizontal: c.horizontal.toLowerCase() as 'left', vertical: 'middle', ...(c.wrap ? { wrapText: true } : {}) }, font: { name: LEDGER_LOOKS.input.font.name, size: 10.5 } },
  }));
  for (const [row, height] of sheet.rowHeights) ws.getRow(row + 1).height = height;
  for (const planned of sheet.cells) {
    const cell = ws.getCell(a1(planned.row, planned.col));
    if (planned.formula !== undefined) cell.value = { formula: planned.formula } as ExcelJS.CellFormulaValue;
    else if (planned.value !== undefined) cell.value = planned.value;
    cell.style = lookStyle(LEDGER_LOOKS[planned.style], planned.numberFormat);
  }
  mergeBlocks(ws, sheet.merges);
  const validations = (ws as unknown as { dataValidations: { add(address: string, dv: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of sheet.validations) validations.add(areaA1(v.area), validation(v.rule, v.title, v.message));
  addMarks(ws, sheet.marks);
  if (sheet.autoFilter) ws.autoFilter = areaA1(sheet.autoFilter);
  if (sheet.protect) protectWithoutPassword(ws);
  return ws;
}

export interface LedgerWorkbookOptions extends LedgerPlanOptions {
  /**
   * Register rows to fill in, each in the order of the schema's columns (LEDGER_COLUMNS); dates
   * as Date (UTC midnight of the day) or serial numbers. Tests and the bench use it; a user's
   * register is never written by us.
   */
  rows?: readonly (readonly LedgerCell[])[];
}

/** Adds the register and its summary to a workbook, under names not yet taken. */
export function addLedgerSheets(wb: ExcelJS.Workbook, options: LedgerWorkbookOptions = {}): { register: ExcelJS.Worksheet; summary: ExcelJS.Worksheet; plan: LedgerPlan } {
  const base = ledgerPlan(options);
  const plan = ledgerPlan({ ...options, registerName: uniqueSheetName(wb, base.register.name), summaryName: uniqueSheetName(wb, base.summary.name) });
  const register = drawSheet(wb, plan.register);
  const summary = drawSheet(wb, plan.summary);

  for (const n of plan.names) {
    wb.definedNames.add(nameReference(plan, n), n.name);
    scopeName(wb, n.name, plan[n.scope].name);
  }

  const rows = options.rows ?? [];
  rows.forEach((values, i) => {
    values.forEach((v, c) => {
      if (v === null || v === undefined || c >= LEDGER_COLUMNS.length) return;
      const cell = register.getCell(a1(plan.firstRow + i, c));
      cell.value = v as ExcelJS.CellValue;
      cell.numFmt = plan.register.columns[c].numberFormat;
    });
  });
  return { register, summary, plan };
}

export function ledgerWorkbook(options: LedgerWorkbookOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.calcProperties = { fullCalcOnLoad: true };
  addLedgerSheets(wb, options);
  return wb;
}

/** The register workbook: 台账模板.xlsx when blank. */
export async function ledgerBuffer(options: LedgerWorkbookOptions = {}): Promise<Buffer> {
  return Buffer.from(await ledgerWorkbook(options).xlsx.writeBuffer());
}
