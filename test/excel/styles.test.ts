/** One table of looks (src/core/looks.ts) drives both hosts: the xlsx writer draws exactly it. */
import ExcelJS from 'exceljs';
import { LOOKS } from '../../src/core/looks';
import { a1, sheetPlan } from '../../src/core/sheet';
import { columnPoints } from '../../src/excel/styles';
import { templateWorkbook } from '../../src/xlsx/write';

const argb = (hex?: string) => (hex ? `FF${hex.slice(1).toUpperCase()}` : undefined);
const ALIGN = { Left: 'left', Center: 'center', Right: 'right' } as const;

describe('the xlsx writer draws the core looks', () => {
  const ws = templateWorkbook({ org: '某局', year: 2024 }).worksheets[0];
  const plan = sheetPlan('某局', 2024);
  test.each(Object.keys(LOOKS) as (keyof typeof LOOKS)[])('%s', (style) => {
    const planned = plan.cells.find((c) => c.style === style)!;
    const x = ws.getCell(a1(planned.row, planned.col));
    const o = LOOKS[style];
    expect({ name: x.font.name, size: x.font.size, bold: x.font.bold ?? false, color: (x.font.color as { argb?: string } | undefined)?.argb }).toEqual({
      name: o.font.name,
      size: o.font.size,
      bold: o.font.bold ?? false,
      color: argb(o.font.color),
    });
    expect([x.alignment.horizontal, x.alignment.vertical, x.alignment.wrapText ?? false]).toEqual([ALIGN[o.horizontal], 'middle', o.wrap]);
    expect((x.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe(argb(o.fill));
    expect(x.border?.top?.style === 'thin').toBe(o.border ?? false);
    expect(x.numFmt).toBe(o.numberFormat);
    expect(x.protection?.locked).toBe(!o.unlocked);
  });

  test('column widths grow with the character count', () => {
    expect(columnPoints(10)).toBeCloseTo(56.25);
    expect(columnPoints(36)).toBeGreaterThan(columnPoints(16));
  });
});
