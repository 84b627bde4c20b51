/**
 * What the template writer (write.ts) and the register writer (ledger.ts) draw the same way in
 * exceljs: a look's style, merges, the conditional-format marks and the password-less protection.
 */
import ExcelJS from 'exceljs';
import { Look, MARK_LOOKS } from '../core/looks';
import { a1, areaA1 } from '../core/sheet';
import type { Area } from '../core/sheet';
import type { Merge } from '../core/tables';

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A "#RRGGBB" colour as exceljs's opaque ARGB. */
const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

/** A core look in exceljs's terms; a number format given here wins over the look's. */
export function lookStyle(look: Look, numberFormat?: string): Partial<ExcelJS.Style> {
  return {
    font: { name: look.font.name, size: look.font.size, ...(look.font.bold ? { bold: true } : {}), ...(look.font.color ? { color: { argb: argb(look.font.color) } } : {}) },
    alignment: { horizontal: look.horizontal.toLowerCase() as 'left', vertical: 'middle', ...(look.wrap ? { wrapText: true } : {}) },
    ...(look.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(look.fill) } } } : {}),
    ...(look.border ? { border: BORDER } : {}),
    ...(numberFormat ?? look.numberFormat ? { numFmt: numberFormat ?? look.numberFormat } : {}),
    protection: { locked: !look.unlocked },
  };
}

/** Merges each block; every covered cell takes the master's style first, or the merged block prints with gaps in its borders. */
export function mergeBlocks(ws: ExcelJS.Worksheet, merges: readonly Merge[]): void {
  for (const m of merges) {
    const master = ws.getCell(a1(m.r1, m.c1));
    for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) ws.getCell(a1(r, c)).style = master.style;
    ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  }
}

/**
 * The marks as conditional formats over their areas, each formula relative to its area's first
 * cell. Priorities follow the order given, so the caller puts what must win first.
 */
export function addMarks(ws: ExcelJS.Worksheet, marks: readonly { area: Area; formula: string; severity: keyof typeof MARK_LOOKS }[]): void {
  marks.forEach((mark, i) => {
    const look = MARK_LOOKS[mark.severity];
    ws.addConditionalFormatting({
      ref: areaA1(mark.area),
      rules: [
        {
          type: 'expression',
          priority: i + 1,
          formulae: [mark.formula],
          style: { font: { color: { argb: argb(look.font) }, bold: look.bold }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(look.fill) } } },
        },
      ],
    });
  });
}

/** Protection without a password: labels and formulas stay put, the user can still lift it and format cells, columns and rows. */
export function protectWithoutPassword(ws: ExcelJS.Worksheet): void {
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatCells: true, formatColumns: true, formatRows: true });
}
