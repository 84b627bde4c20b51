/**
 * Calendar days as whole numbers (days since 1970-01-01), and dates as registers hold them:
 * date cells (Excel serial numbers from Office.js and WPS, Date objects from exceljs) or text.
 */
import type { Day, LedgerCell } from './columns';

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 in the 1900 date system is 1899-12-30 (its phantom 1900-02-29 included). */
const EXCEL_EPOCH: Day = -25_569;
/** Years a register date may plausibly name; anything else is a typing error. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function dayOf(year: number, month: number, day: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1) return null; // 2月30日
  return ms / MS_PER_DAY;
}

export const yearStart = (year: number): Day => Date.UTC(year, 0, 1) / MS_PER_DAY;
export const yearEnd = (year: number): Day => Date.UTC(year, 11, 31) / MS_PER_DAY;
export const yearOfDay = (day: Day): number => new Date(day * MS_PER_DAY).getUTCFullYear();
/** 0 Sunday … 6 Saturday. */
export const weekday = (day: Day): number => (((day + 4) % 7) + 7) % 7;

/** 2025-03-04. */
export function isoDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 2025年3月4日, as a message shows a date. */
export function chineseDay(day: Day): string {
  const d = new Date(day * MS_PER_DAY);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const FULL_WIDTH = /[０-９．／－]/g;
const halfWidth = (s: string): string => s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/** 2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日 (号 too), optionally followed by a time; 20250304. */
const TEXT_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?(?:[\sT]+\d{1,2}[:：时]\d{1,2}(?:[:：分]\d{1,2}秒?)?分?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

export type DateReading = { ok: true; day: Day | null } | { ok: false };

/**
 * Reads a date cell: blank is `{ ok: true, day: null }`; anything that is not a plausible date
 * (2000–2100) is `{ ok: false }`, for the caller to report with its row and column.
 */
export function readDate(cell: LedgerCell): DateReading {
  if (cell === null || cell === undefined) return { ok: true, day: null };
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return { ok: false };
    // exceljs gives the day shown at UTC midnight; a time of day is dropped.
    const day = Math.floor(t / MS_PER_DAY);
    const y = yearOfDay(day);
    return y >= MIN_YEAR && y <= MAX_YEAR ? { ok: true, day } : { ok: false };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false };
    const compact = COMPACT_DATE.exec(String(cell));
    if (compact) return fromParts(compact);
    const day = EXCEL_EPOCH + Math.floor(cell);
    const y = yearOfDay(day);
    return cell > 0 && y >= MIN_YEAR && y <= MAX_YEAR ? { ok: true, day } : { ok: false };
  }
  if (typeof cell === 'boolean') return { ok: false };
  const text = halfWidth(cell).trim();
  if (text === '') return { ok: true, day: null };
  const m = TEXT_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  return m ? fromParts(m) : { ok: false };
}

function fromParts(m: RegExpExecArray): DateReading {
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return day === null ? { ok: false } : { ok: true, day };
}

/** Excel's serial number for a day (for writers and hosts that put dates back into cells). */
export const excelSerial = (day: Day): number => day - EXCEL_EPOCH;
