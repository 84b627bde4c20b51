/**
 * Draws the template sheet plan into an exceljs workbook: the .xlsx that `nianbao template`
 * writes and that any spreadsheet program (Excel, WPS, LibreOffice) opens and recalculates.
 */
import ExcelJS from 'exceljs';
import { CellValue, Report } from '../core/report';
import { LOOKS } from '../core/looks';
import { quoteSheet } from '../core/refs';
import { PlannedCell, SheetPlan, a1, areaA1, sheetPlan, sheetTitle } from '../core/sheet';
import { CellId } from '../core/tables';
import { addLedgerSheets } from './ledger';
import { addMarks, lookStyle, mergeBlocks, protectWithoutPassword } from './draw';
import { scopeNamesToSheets, uniqueSheetName } from './names';

export interface TemplateOptions {
  org?: string;
  year?: number | null;
  /** Values to fill in, as typed; without it the template is empty. */
  report?: Report;
  /** The worksheet's name, where the year's title will not do (the review workbook's 汇总). */
  sheetName?: string;
  /** Add the standard register of applications and its 表三 summary (`nianbao template --ledger`). */
  ledger?: boolean;
}

/** A value as a spreadsheet cell holds it: numbers as numbers, text exactly as typed. */
function cellValue(v: CellValue | undefined): ExcelJS.CellValue {
  return v === undefined || v === null ? null : v;
}

function validation(planned: PlannedCell): ExcelJS.DataValidation | undefined {
  if (planned.input) {
    const amount = planned.kind === 'amount';
    return {
      type: amount ? 'decimal' : 'whole',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请填写数字',
      error: amount ? '收费金额以万元为单位，应为不小于0的数字' : '件数应为不小于0的整数；无数据请填0',
      showInputMessage: false,
    };
  }
  return undefined;
}

/** Adds the template sheet to a workbook and returns it. */
export function addTemplateSheet(wb: ExcelJS.Workbook, options: TemplateOptions = {}): { sheet: ExcelJS.Worksheet; plan: SheetPlan } {
  const org = options.org ?? options.report?.org ?? '';
  const year = options.year ?? options.report?.year ?? null;
  const plan = sheetPlan(org, year);
  const name = uniqueSheetName(wb, options.sheetName ?? sheetTitle(year));
  const ws = wb.addWorksheet(name, {
    views: [{ showGridLines: false, state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = plan.colWidths.map((width) => ({ width }));
  for (const [row, height] of plan.rowHeights) ws.getRow(row + 1).height = height;

  const values = (options.report?.cells ?? {}) as Partial<Record<CellId, CellValue>>;
  for (const planned of plan.cells) {
    const cell = ws.getCell(a1(planned.row, planned.col));
    if (planned.formula !== undefined) {
      cell.value = planned.value === undefined ? { formula: planned.formula } : ({ formula: planned.formula, result: planned.value } as ExcelJS.CellFormulaValue);
    } else if (planned.input) {
      cell.value = cellValue(values[planned.input]);
    } else if (planned.value !== undefined) {
      cell.value = planned.value;
    }
    Object.assign(cell, lookStyle(LOOKS[planned.style]));
    const dv = validation(planned);
    if (dv) cell.dataValidation = dv;
  }
  const yearCell = ws.getCell(a1(plan.year.row, plan.year.col));
  yearCell.dataValidation = {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [2000, 2100],
    showErrorMessage: true,
    errorTitle: '请填写年度',
    error: '报告年度应为四位数字，如 2024',
  };

  // Borders on every cell a merge covers, or the merged block prints with gaps.
  mergeBlocks(ws, plan.merges);

  scopeNamesToSheets(wb);
  for (const n of plan.names) wb.definedNames.add(`${quoteSheet(name)}!${areaA1(n.area, true)}`, n.name);

  // The marks: conditional formats over runs of cells, each with a formula relative to the run's
  // first cell. Priorities follow the plan, errors first, so a red mark wins over an amber one.
  addMarks(ws, plan.marks);

  // The findings block's cells stay unlocked: the add-in writes the block there only when the
  // user asks for it in the pane, without lifting protection (src/core/sheet.ts, findings.area).
  const block = plan.findings.area;
  for (let r = block.row; r < block.row + block.rows; r++) for (let c = block.col; c < block.col + block.cols; c++) ws.getCell(r + 1, c + 1).protection = { locked: false };

  protectWithoutPassword(ws);
  return { sheet: ws, plan };
}

export function templateWorkbook(options: TemplateOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.calcProperties = { fullCalcOnLoad: true };
  addTemplateSheet(wb, options);
  if (options.ledger) addLedgerSheets(wb, { org: options.org ?? options.report?.org ?? '', year: options.year ?? options.report?.year ?? null });
  return wb;
}

export async function templateBuffer(options: TemplateOptions = {}): Promise<Buffer> {
  return Buffer.from(await templateWorkbook(options).xlsx.writeBuffer());
}
