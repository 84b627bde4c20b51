/**
 * The words offices write in a register's cells, read into what they mean: header names,
 * applicant types, result categories, 是/否. Pure lookups built once from columns.ts.
 */
import { APPLICANT_TYPES, LEDGER_COLUMNS, LedgerCell, LedgerKey, RESULT_CATEGORIES, ResultCategory, bareName } from './columns';

const FULL_WIDTH = /[０-９Ａ-Ｚａ-ｚ．]/g;

/** Removes what differs between two spellings of the same words: spaces, quotes, enumeration commas, width. */
export function normalizeText(s: string): string {
  return s
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000“”"'‘’「」、，,*＊※]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export const cellText = (cell: LedgerCell): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

// ---- header names ------------------------------------------------------------------------------

const HEADER_INDEX = new Map<string, LedgerKey>();
for (const c of LEDGER_COLUMNS) for (const name of [c.label, ...c.synonyms]) HEADER_INDEX.set(normalizeText(name), c.key);

/** The column a header cell names, if any: 收到申请日期 → received; 收费金额（元） → fee. */
export function headerKey(cell: LedgerCell): LedgerKey | null {
  if (typeof cell !== 'string') return null;
  const s = normalizeText(cell).replace(/[:：]$/, '');
  if (s === '') return null;
  const exact = HEADER_INDEX.get(s);
  if (exact) return exact;
  // 收到日期（年月日）, 申请人类型（下拉选择）: a note in brackets after the name.
  const bare = s.replace(/（[^）]*）$/, '');
  return bare !== s ? (HEADER_INDEX.get(bare) ?? null) : null;
}

// ---- applicant types ---------------------------------------------------------------------------

const APPLICANT_INDEX = new Map<string, number>();
for (const t of APPLICANT_TYPES) for (const name of [t.name, ...t.synonyms]) APPLICANT_INDEX.set(normalizeText(name), t.col);
const LONG_APPLICANT_NAMES = APPLICANT_TYPES.filter((t) => t.name !== '其他');

/**
 * Remembers what each distinct text means: a register repeats a few dozen words over thousands of
 * rows. Bounded, so a register of free text cannot grow it without end.
 */
function memo<T>(read: (text: string) => T, max = 5000): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined && !seen.has(text)) {
      v = read(text);
      if (seen.size < max) seen.set(text, v);
    }
    return v as T;
  };
}

/** 表三 column (1–6) for an applicant type as written; null when it is not one. */
export const applicantColumn = memo(readApplicant);

function readApplicant(text: string): number | null {
  const s = normalizeText(text).replace(/^法人或其他组织[-—－_/：:·]*/, '').replace(/^（([^）]*)）$/, '$1');
  const exact = APPLICANT_INDEX.get(s);
  if (exact !== undefined) return exact;
  // 法人（商业企业）, 商业企业法人: one official name inside, and only one.
  const inside = LONG_APPLICANT_NAMES.filter((t) => s.includes(t.name));
  return inside.length === 1 ? inside[0].col : null;
}

// ---- result categories -------------------------------------------------------------------------

const stripNote = (s: string): string => s.replace(/（[^）]*）$/, '');
const RESULT_INDEX = new Map<string, ResultCategory>();
const LEAVES_BY_PARENT = new Map<string, Map<string, ResultCategory>>();
for (const c of RESULT_CATEGORIES) {
  for (const name of [c.label, c.name, c.choice, ...c.synonyms, c.parent ? `${c.parent}${c.label}` : c.label]) {
    RESULT_INDEX.set(normalizeText(name), c);
    RESULT_INDEX.set(stripNote(normalizeText(name)), c);
  }
  if (c.parent) {
    const parent = bareName(c.parent);
    if (!LEAVES_BY_PARENT.has(parent)) LEAVES_BY_PARENT.set(parent, new Map());
    for (const name of [c.name, ...c.synonyms]) LEAVES_BY_PARENT.get(parent)!.set(normalizeText(name), c);
  }
}
// A leaf name that is also another parent's word (其他) is found under its parent; alone it is the leaf.
const PARENTS = [...LEAVES_BY_PARENT.keys()];
const HEADING = /^（[一二三四五六七]）\.?/;
const LEAF_NUMBER = /^(?:\d+[.、）]?|（\d+）)/;
const SEPARATOR = /^[-—－_/：:·.]+/;

export type ResultReading = { kind: 'category'; category: ResultCategory } | { kind: 'vague'; parent: string } | { kind: 'unknown' };

/**
 * A result as written: '1.属于国家秘密', '不予公开-属于国家秘密', '属于国家秘密', '（三）不予公开1.属于国家秘密'.
 * A heading with several kinds and no kind ('不予公开') is vague: 表三 counts its kinds apart.
 */
export const readResult = memo(readResultText);

function readResultText(text: string): ResultReading {
  const s = normalizeText(text);
  const direct = RESULT_INDEX.get(s) ?? RESULT_INDEX.get(stripNote(s));
  if (direct) return { kind: 'category', category: direct };
  let rest = s.replace(HEADING, '');
  const parent = PARENTS.find((p) => rest.startsWith(p));
  if (parent) rest = rest.slice(parent.length).replace(SEPARATOR, '');
  rest = stripNote(rest.replace(LEAF_NUMBER, '').replace(SEPARATOR, ''));
  if (parent && rest === '') return { kind: 'vague', parent };
  const leaf = parent ? LEAVES_BY_PARENT.get(parent)!.get(rest) : RESULT_INDEX.get(rest);
  return leaf ? { kind: 'category', category: leaf } : { kind: 'unknown' };
}

// ---- 是 / 否 -------------------------------------------------------------------------------------

const YES = new Set(['是', '有', '需要', '需', '要', '已', 'y', 'yes', 'true', '1', '√', '✓', '✔', '☑']);
const NO = new Set(['否', '无', '不', '没有', '不需要', '无需', '未', 'n', 'no', 'false', '0', '×', '✗', '✘', '/', '-', '—', '－', '无此情况']);

/** 是/否 as written; blank is 否; null when it is neither. */
export function readYesNo(cell: LedgerCell): boolean | null {
  if (cell === null || cell === undefined) return false;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : null;
  if (cell instanceof Date) return null;
  return yesNoText(cell);
}

const yesNoText = memo((text: string): boolean | null => {
  const s = normalizeText(text).toLowerCase();
  if (s === '') return false;
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  // 已补正, 已征求, 已延期, 需要补正 / 未延期, 不延期, 无需补正
  if (/^(?:未|不|无需|无|没有)/.test(s)) return false;
  if (/^(?:是|已|需要|需)/.test(s) || /^(?:补正|征求|延期|延长)/.test(s)) return true;
  return null;
});
