/**
 * The prose of a report: its title (body and year), its six parts, and what the text says about
 * the figures. Statements in part 一 ("未收到政府信息公开申请", "共收到政府信息公开申请36件",
 * "上年结转3件", "结转下年度继续办理2件", "行政复议1件", "行政诉讼2件") are compared with the tables;
 * part 六 should state the 信息处理费 charged (国办函〔2020〕109号). Every finding quotes the sentence.
 *
 * Deterministic pattern reading, no language model: a sentence the patterns do not recognise says
 * nothing, so the checks only ever speak about sentences they understood.
 */
import { Finding } from '../core/findings';
import { readCell, usableValue } from '../core/read';
import { Report } from '../core/report';
import { T3_COLUMNS, T3_ITEMS, T3_ROW, T4_GROUPS, T4_OUTCOMES, TableId, cellId } from '../core/tables';
import { Block } from './model';

export type PartNumber = '一' | '二' | '三' | '四' | '五' | '六';
const PART_NUMBERS: readonly PartNumber[] = ['一', '二', '三', '四', '五', '六'];

export interface Prose {
  /** The report's title as printed, when one was found. */
  title: string | null;
  org: string | null;
  year: number | null;
  /** The paragraphs outside the tables, in order. */
  paragraphs: string[];
  /** The paragraphs under each part heading (the heading itself excluded). */
  parts: Partial<Record<PartNumber, string[]>>;
}

const compact = (s: string): string => s.replace(/[\s\u3000\u00a0]+/g, '');
const PAGE_NUMBER = /^[-—–－_\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／]\s*共?\s*\d{1,4}\s*页?)?[-—–－_\s]*$/;

const TITLE_TAIL = '政府信息公开(?:工作)?年度报告';
/** An org name: no navigation separators or sentence punctuation. */
const ORG = '([^>＞»/:：，,。；;|｜_\\s]{2,40}?)';
const TITLE_ORG_FIRST = new RegExp(`^${ORG}(\\d{4})\\s*年度?${TITLE_TAIL}$`);
const TITLE_YEAR_FIRST = new RegExp(`^(\\d{4})\\s*年度?${ORG}${TITLE_TAIL}$`);
const TITLE_LOOSE = new RegExp(`([\\p{Script=Han}（）()·]{2,40}?)(\\d{4})\\s*年度?${TITLE_TAIL}`, 'u');
const PERIOD = /统计期限(?:为|是)?(?:自)?(\d{4})年1月1日/;

/** A township-level body printed with its county and city: 六安市金安区木厂镇. */
const TOWNSHIP = /^(.*[省市区县旗州盟])([^省市区县旗州盟]{1,10}(?:镇|乡|街道|街道办事处|苏木))$/;

function parseTitle(text: string): { org: string; year: number } | null {
  const t = compact(text);
  const a = TITLE_ORG_FIRST.exec(t);
  if (a) return { org: a[1], year: Number(a[2]) };
  const b = TITLE_YEAR_FIRST.exec(t);
  if (b) return { org: b[2], year: Number(b[1]) };
  return null;
}

/**
 * The title: a paragraph near the top that is exactly "<机关><年>年政府信息公开工作年度报告" (or the
 * year first), possibly broken over two or three lines; else a loose match in the container's title.
 */
function findTitle(paragraphs: readonly string[], containerTitle: string | undefined): { title: string; org: string; year: number } | null {
  const head = paragraphs.slice(0, 40);
  // A title on one line first; then one broken over two or three.
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= head.length; i++) {
      const text = head.slice(i, i + n).join('');
      const parsed = parseTitle(text);
      if (parsed) return { title: compact(text), ...parsed };
    }
  }
  // A title inside a longer line: the page's <title>, or the first lines — never a sentence citing
  // a notice "关于做好2024年度政府信息公开年度报告…的通知".
  for (const text of [containerTitle ?? '', ...head.slice(0, 5)]) {
    const m = TITLE_LOOSE.exec(compact(text));
    if (m && !/关于|做好|印发|编制/.test(m[1])) return { title: m[0], org: m[1], year: Number(m[2]) };
  }
  return null;
}

/** The body as the report names it: a township by its own name when the text does. */
function bodyName(org: string, text: string): string {
  const m = TOWNSHIP.exec(org);
  const count = (s: string) => text.split(s).length - 1;
  // Only when the text calls it by the short name on its own, not merely inside the full name.
  if (m && count(m[2]) > count(org)) return m[2];
  return org;
}

const PART_HEADING = /^([一二三四五六])[、.．]\s*(\S.{0,38})$/;

function splitParts(paragraphs: readonly string[]): Prose['parts'] {
  const parts: Prose['parts'] = {};
  let current: PartNumber | null = null;
  for (const p of paragraphs) {
    const m = PART_HEADING.exec(compact(p));
    if (m && !/[。；]/.test(m[2])) {
      const n = m[1] as PartNumber;
      // Parts come in order; a list inside a part ("一、…") does not start a new one.
      if (current === null || PART_NUMBERS.indexOf(n) > PART_NUMBERS.indexOf(current)) {
        current = n;
        parts[n] = [];
        continue;
      }
    }
    if (current) parts[current]!.push(p);
  }
  return parts;
}

export function readProse(blocks: readonly Block[], containerTitle?: string): Prose {
  const paragraphs = blocks.filter((b): b is Block & { kind: 'para' } => b.kind === 'para' && !PAGE_NUMBER.test(b.text)).map((b) => b.text);
  const found = findTitle(paragraphs, containerTitle);
  let year = found?.year ?? null;
  if (year === null) {
    const period = PERIOD.exec(compact(paragraphs.join('')));
    if (period) year = Number(period[1]);
  }
  if (year !== null && (year < 1990 || year > 2100)) year = null;
  const org = found ? bodyName(found.org, paragraphs.join('\n')) : null;
  return { title: found?.title ?? null, org, year, paragraphs, parts: splitParts(paragraphs) };
}

// ---- statements about the figures -------------------------------------------------------------

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "36", "３６", "三十六", "两" as a number; NaN if it is none. */
export function parseCount(s: string): number {
  const half = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(half)) return Number(half);
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else return NaN;
  }
  return total + (digit < 0 ? 0 : digit);
}

const N = '([0-9０-９]+|[零〇一二两三四五六七八九十百千]+)';
const PIECES = '(?:件|个|条|份|宗|起|次)';

interface Statement {
  rule: string;
  table: TableId;
  cells: string[];
  /** What the cells are called in the message. */
  item: string;
  /** Patterns giving the stated count, tried in order; a pattern without a group states 0. */
  patterns: RegExp[];
  /** Besides the cells' sum, values the statement may also mean (e.g. received including carried over). */
  alsoAccept?: (value: (id: string) => number | undefined) => number[];
}

const total = (row: number) => cellId('T3', row, T3_COLUMNS.length);
const t4Total = (group: number) => cellId('T4', 1, (group + 1) * T4_OUTCOMES.length);
const APPLICATION = '(?:政府信息公开|依申请公开|信息公开)(?:的)?申请';

/** "未发生…行政复议", "无行政复议案件": statements of none. */
const nothingOf = (what: string): RegExp[] => [
  new RegExp(`(?:未|没有)(?:发生|收到|产生|涉及|出现|被|接到)[^，。；,]{0,14}?${what}`),
  new RegExp(`无(?:政府信息公开)?(?:相关)?(?:的)?${what}(?:案件|申请)?(?:[，。；,]|$)`),
];

const STATEMENTS: Statement[] = [
  {
    rule: 'text.received',
    table: 'T3',
    cells: [total(T3_ROW.received)],
    item: `表三“${T3_ITEMS.received}”总计`,
    patterns: [
      new RegExp(`(?:收到|新收|受理|接收|接到)[^，。；,]{0,16}?${APPLICATION}(?:数量|件数)?(?:共计|共|合计|总计)?(?:为)?${N}${PIECES}`),
      new RegExp(`(?:未|没有|无)(?:收到|受理|接到|接收|发生)?(?:过)?(?:任何)?${APPLICATION}`),
    ],
    alsoAccept: (v) => [(v(total(T3_ROW.received)) ?? 0) + (v(total(T3_ROW.carriedIn)) ?? 0)],
  },
  {
    rule: 'text.carriedIn',
    table: 'T3',
    cells: [total(T3_ROW.carriedIn)],
    item: `表三“${T3_ITEMS.carriedIn}”总计`,
    patterns: [new RegExp(`上一?年度?结转(?:的|而来的)?(?:${APPLICATION}|申请)?(?:共计|共)?${N}${PIECES}`)],
  },
  {
    rule: 'text.carriedOut',
    table: 'T3',
    cells: [total(T3_ROW.carriedOut)],
    item: `表三“${T3_ITEMS.carriedOut}”总计`,
    patterns: [
      new RegExp(`结转(?:至|到|入)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:${APPLICATION}|申请)?(?:共计|共)?${N}${PIECES}`),
      new RegExp(`${N}${PIECES}(?:申请)?(?:结转|转入)(?:至|到)?下一?年`),
    ],
  },
  {
    rule: 'text.review',
    table: 'T4',
    cells: [t4Total(0)],
    item: `表四“${T4_GROUPS[0].name}”总计`,
    patterns: [new RegExp(`行政复议(?:案件|申请)?(?:共计|共)?${N}${PIECES}`), ...nothingOf('行政复议')],
  },
  {
    rule: 'text.litigation',
    table: 'T4',
    cells: [t4Total(1), t4Total(2)],
    item: `表四“${T4_GROUPS[1].parent}”（${T4_GROUPS[1].name}、${T4_GROUPS[2].name}）总计之和`,
    patterns: [new RegExp(`行政诉讼(?:案件)?(?:共计|共)?${N}${PIECES}`), ...nothingOf('行政诉讼')],
  },
];

const MAX_QUOTE = 80;
const sentencesOf = (paragraphs: readonly string[]): string[] =>
  paragraphs.flatMap((p) => p.split(/(?<=[。；;！!？?])|\n/)).map((s) => s.trim()).filter((s) => s !== '');
const quoteOf = (sentence: string): string => (sentence.length > MAX_QUOTE ? `${sentence.slice(0, MAX_QUOTE - 1)}…` : sentence);

/** What a sentence states for one statement kind: the count, or undefined. */
function stated(statement: Statement, sentence: string): number | undefined {
  const text = compact(sentence);
  for (const pattern of statement.patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (m[1] === undefined) return 0;
    const n = parseCount(m[1]);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

const PART_SIX_TITLE = '其他需要报告事项';
const FEE = /处理费/;

/**
 * The text.* findings: statements in part 一 against the tables, and part 六 on the 信息处理费.
 * Tables the import could not read are not compared.
 */
export function proseFindings(prose: Prose, report: Report, unreadable: readonly TableId[]): Finding[] {
  const findings: Finding[] = [];
  if (prose.paragraphs.length === 0) return findings;
  const partOne = prose.parts['一'] ?? (Object.keys(prose.parts).length === 0 ? prose.paragraphs : []);
  const sentences = sentencesOf(partOne);
  const valueOf = (id: string): number | undefined => usableValue(readCell(report.cells[id] ?? null));
  for (const st of STATEMENTS) {
    if (unreadable.includes(st.table)) continue;
    const parts = st.cells.map(valueOf);
    if (parts.some((v) => v === undefined)) continue;
    const sum = parts.reduce((a, b) => a! + b!, 0)!;
    const claims = sentences.map((s) => ({ s, n: stated(st, s) })).filter((c): c is { s: string; n: number } => c.n !== undefined);
    if (claims.length === 0) continue;
    const accepted = [sum, ...(st.alsoAccept?.(valueOf) ?? [])];
    if (claims.some((c) => accepted.includes(c.n))) continue;
    findings.push({ rule: st.rule, severity: 'warning', table: st.table, cells: st.cells, value: sum, params: { quote: quoteOf(claims[0].s), stated: claims[0].n, item: st.item } });
  }
  const six = prose.parts['六'];
  const feeText = six ?? prose.paragraphs;
  if (!feeText.some((p) => FEE.test(compact(p)))) {
    const where = six ? `正文第六部分“${PART_SIX_TITLE}”` : `正文（未找到第六部分“${PART_SIX_TITLE}”）`;
    findings.push({ rule: 'text.fee', severity: 'warning', table: null, cells: [], params: { where } });
  }
  return findings;
}
