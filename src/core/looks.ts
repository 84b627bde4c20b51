/**
 * How each kind of planned cell looks: the look of a Chinese government table (宋体 五号, thin
 * borders). Host-free data; the xlsx writer and the add-in's inserter each spell it their way.
 */
import type { CellStyle } from '../core/sheet';

export const FONT = '宋体';
export const HEADING_FONT = '黑体';
export const INPUT_FILL = '#FFFBE6';
export const CHECK_FILL = '#F3F3F3';
export const FAIL_FONT = '#C00000';
export const FAIL_FILL = '#FDE2E2';
/** Excel's own "neutral" colours: a warning reads as "look again", not as wrong. */
export const WARN_FONT = '#9C5700';
export const WARN_FILL = '#FFEB9C';

/** How a mark (a conditional format of the template) shows a cell: errors red and bold, warnings amber. */
export const MARK_LOOKS: Record<'error' | 'warning', { font: string; bold: boolean; fill: string }> = {
  error: { font: FAIL_FONT, bold: true, fill: FAIL_FILL },
  warning: { font: WARN_FONT, bold: false, fill: WARN_FILL },
};

export type HAlign = 'Left' | 'Center' | 'Right';

export interface Look {
  font: { name: string; size: number; bold?: boolean; color?: string };
  horizontal: HAlign;
  vertical: 'Center';
  wrap: boolean;
  fill?: string;
  border?: boolean;
  numberFormat?: string;
  unlocked?: boolean;
}

const center = { horizontal: 'Center', vertical: 'Center', wrap: true } as const;

export const LOOKS: Record<CellStyle, Look> = {
  title: { font: { name: FONT, size: 16, bold: true }, ...center },
  metaLabel: { font: { name: FONT, size: 11, bold: true }, horizontal: 'Right', vertical: 'Center', wrap: false },
  metaInput: { font: { name: FONT, size: 11 }, horizontal: 'Left', vertical: 'Center', wrap: false, fill: INPUT_FILL, unlocked: true, border: true },
  heading: { font: { name: HEADING_FONT, size: 12 }, horizontal: 'Left', vertical: 'Center', wrap: false },
  header: { font: { name: FONT, size: 10.5, bold: true }, ...center, border: true },
  note: { font: { name: FONT, size: 9 }, ...center, border: true },
  label: { font: { name: FONT, size: 10.5 }, horizontal: 'Left', vertical: 'Center', wrap: true, border: true },
  input: { font: { name: FONT, size: 10.5 }, ...center, border: true, fill: INPUT_FILL, unlocked: true, numberFormat: 'General' },
  amount: { font: { name: FONT, size: 10.5 }, ...center, border: true, fill: INPUT_FILL, unlocked: true, numberFormat: '0.00##' },
  checkLabel: { font: { name: FONT, size: 9, color: '#595959' }, horizontal: 'Right', vertical: 'Center', wrap: true, fill: CHECK_FILL },
  check: { font: { name: FONT, size: 10, color: '#2E7D32' }, ...center, fill: CHECK_FILL },
  summaryLabel: { font: { name: FONT, size: 11, bold: true }, horizontal: 'Right', vertical: 'Center', wrap: false },
  summary: { font: { name: FONT, size: 11, bold: true }, horizontal: 'Left', vertical: 'Center', wrap: false },
};
