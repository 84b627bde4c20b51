/**
 * Reading the prose of a report: its title (body and year) and its six parts, found by the
 * official headings and the variants real reports print (renumbered, 其它需要报告事项, 存在的主要
 * 问题及改进措施, two headings run together on one line).
 */
import { Block } from '../model';
import { compact } from './text';

export type PartNumber = '一' | '二' | '三' | '四' | '五' | '六';
export const PART_NUMBERS: readonly PartNumber[] = ['一', '二', '三', '四', '五', '六'];

export interface Prose {
  /** The report's title as printed, when one was found. */
  title: string | null;
  org: string | null;
  year: number | null;
  /** The paragraphs outside the tables, in order. */
  paragraphs: string[];
  /** The paragraphs under each part heading (the heading itself excluded). */
  parts: Partial<Record<PartNumber, string[]>>;
  /** The part headings as found, in the order they appear. */
  headings: { part: PartNumber; text: string }[];
}

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

/** What each part is called: the official title and the wording real reports use instead. */
export const PART_TITLES: Readonly<Record<PartNumber, string>> = {
  一: '总体情况',
  二: '主动公开政府信息情况',
  三: '收到和处理政府信息公开申请情况',
  四: '政府信息公开行政复议、行政诉讼情况',
  五: '存在的主要问题及改进情况',
  六: '其他需要报告事项',
};
const PART_WORDING: readonly [PartNumber, RegExp][] = [
  ['一', /^(?:总体情况|概述|概况|基本情况)/],
  ['二', /主动公开政府信息/],
  ['三', /收到和处理|(?:收到|受理|处理)政府信息公开申请|政府信息公开申请(?:的)?(?:办理)?情况|依申请公开政府信息/],
  ['四', /行政复议|行政诉讼/],
  ['五', /存在的?(?:主要)?问题|改进(?:情况|措施)/],
  ['六', /^其[他它]需要|^其[他它](?:的)?事项/],
];
const CHINESE_NUMBER = '[一二三四五六七八九]';
/** The sections of part 一, which some reports number 一、二、… as well. */
const PART_ONE_SECTIONS = /主动公开|依申请|政府信息管理|平台建设|监督保障|公开平台/;
/** A numbered heading on a line of its own: "六、其它需要报告事项", "四．因政府信息公开工作被申请行政复议和提起行政诉讼情况". */
const NUMBERED = new RegExp(`^(${CHINESE_NUMBER})[、.．]\\s*(\\S.{0,44})$`);
/** A numbered heading inside a line, after the end of a sentence: "…（略）。六、其他需要报告事项 本年度…". */
const INLINE = new RegExp(`(?:^|(?<=[。；;！!？?\\s]))${CHINESE_NUMBER}[、．](?=(?:政府信息公开|因政府信息公开)?(?:${PART_WORDING.map(([, w]) => w.source.replace(/^\^/, '')).join('|')}))`, 'g');

/** Which part a heading's title names, by its wording; null when it names none. */
function partOf(title: string): PartNumber | null {
  const t = title.replace(/^(?:政府信息公开工作|政府信息公开)(?=存在)/, '');
  for (const [part, wording] of PART_WORDING) if (wording.test(t)) return part;
  return null;
}

/** A line holding a heading after other text, or two headings, is cut before each heading. */
function cutAtHeadings(paragraph: string): string[] {
  const starts = [...paragraph.matchAll(INLINE)].map((m) => m.index!).filter((i) => i > 0);
  if (starts.length === 0) return [paragraph];
  const pieces: string[] = [];
  let from = 0;
  for (const at of starts) {
    if (paragraph.slice(from, at).trim() !== '') pieces.push(paragraph.slice(from, at).trim());
    from = at;
  }
  pieces.push(paragraph.slice(from).trim());
  return pieces;
}

/** A heading and the text run on after it on the same line: "六、其他需要报告事项：本年度未收取信息处理费。". */
function headingOf(line: string): { part: PartNumber; heading: string; rest: string } | null {
  const text = compact(line);
  const numbered = NUMBERED.exec(text);
  if (numbered && !/[。；]/.test(numbered[2])) {
    // By its number only when the title is no subsection of part 一 ("二、依申请公开情况" is one).
    const byNumber = PART_NUMBERS.includes(numbered[1] as PartNumber) && !/[，,]/.test(numbered[2]) && !PART_ONE_SECTIONS.test(numbered[2]);
    const part = partOf(numbered[2]) ?? (byNumber ? (numbered[1] as PartNumber) : null);
    if (part) return { part, heading: text, rest: '' };
  }
  const run = new RegExp(`^${CHINESE_NUMBER}[、.．]\\s*([^。；：:]{2,44}?(?:情况|事项|措施|概述))[：:\\s]*(.+)$`).exec(line.trim());
  if (run) {
    const part = partOf(compact(run[1]));
    if (part) return { part, heading: compact(run[1]), rest: run[2].trim() };
  }
  return null;
}

function splitParts(paragraphs: readonly string[]): Pick<Prose, 'parts' | 'headings'> {
  const parts: Prose['parts'] = {};
  const headings: Prose['headings'] = [];
  let current: PartNumber | null = null;
  for (const p of paragraphs.flatMap(cutAtHeadings)) {
    const h = headingOf(p);
    // A list inside a part ("一、…") or a part named twice does not start a new one; a part out
    // of order does (it is reported), as long as it has not been seen.
    if (h && parts[h.part] === undefined && (current === null || PART_NUMBERS.indexOf(h.part) > PART_NUMBERS.indexOf(current) || partOf(h.heading.replace(/^.[、.．]/, '')) !== null)) {
      current = h.part;
      parts[h.part] = h.rest === '' ? [] : [h.rest];
      headings.push({ part: h.part, text: h.heading });
      continue;
    }
    if (current) parts[current]!.push(p);
  }
  return { parts, headings };
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
  return { title: found?.title ?? null, org, year, paragraphs, ...splitParts(paragraphs) };
}

