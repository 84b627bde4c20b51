import { LOOKS as XLSX_LOOKS } from '../../src/xlsx/write';
import { LOOKS, columnPoints } from '../../src/excel/styles';

const argb = (hex?: string) => (hex ? `FF${hex.slice(1).toUpperCase()}` : undefined);
const ALIGN = { Left: 'left', Center: 'center', Right: 'right' } as const;

describe('the add-in draws the same looks as the xlsx writer', () => {
  test.each(Object.keys(XLSX_LOOKS) as (keyof typeof LOOKS)[])('%s', (style) => {
    const x = XLSX_LOOKS[style];
    const o = LOOKS[style];
    expect({ name: o.font.name, size: o.font.size, bold: o.font.bold ?? false, color: argb(o.font.color) }).toEqual({
      name: x.font.name,
      size: x.font.size,
      bold: x.font.bold ?? false,
      color: (x.font.color as { argb?: string } | undefined)?.argb,
    });
    expect([ALIGN[o.horizontal], 'middle', o.wrap]).toEqual([x.alignment.horizontal, x.alignment.vertical, x.alignment.wrapText ?? false]);
    expect(argb(o.fill)).toBe((x.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb);
    expect(o.border ?? false).toBe(x.border ?? false);
    expect(o.numberFormat).toBe(x.numFmt);
    expect(o.unlocked ?? false).toBe(x.unlocked ?? false);
  });

  test('column widths grow with the character count', () => {
    expect(columnPoints(10)).toBeCloseTo(56.25);
    expect(columnPoints(36)).toBeGreaterThan(columnPoints(16));
  });
});
