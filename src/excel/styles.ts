/** The looks of planned cells, and Excel's unit for column widths. */
export * from '../core/looks';

/** Column width in points for a width in characters (Excel's unit: 7 px per character plus 5 px padding). */
export const columnPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
