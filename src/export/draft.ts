/**
 * The report as a document outline: title, the six parts in the official order, the three tables,
 * and the sentences that carry numbers — drafted from the tables, so text and tables cannot
 * disagree. Everything the tables do not know is a visible prompt for the author, never invented.
 *
 * Pure data, no docx and no platform: the Word builder (document.ts) renders it, tests read it.
 */
import { MAX_VALUE, readCell } from '../core/read';
import { Report } from '../core/report';
import { T3_COLUMNS, T3_LEGAL_PERSONS, T3_RESULTS, T3_ROW, T4_OUTCOMES, TABLES, TableId, cellId } from '../core/tables';

/** A visible gap the author fills: a figure the tables do not hold as a usable number. */
export interface Blank {
  blank: true;
}
/** A visible request to write something the tables cannot say. */
export interface Prompt {
  prompt: string;
}
export type Piece = string | Blank | Prompt;

export type OutlineBlock =
  | { kind: 'title' | 'h1' | 'h2' | 'body'; pieces: Piece[] }
  | { kind: 'table'; table: TableId };

export const BLANK: Blank = Object.freeze({ blank: true });
/** How a blank and a prompt read in the document. */
export const BLANK_TEXT = '【\u3000\u3000】';
export const promptText = (p: Prompt): string => `【请填写：${p.prompt}】`;
export const pieceText = (p: Piece): string => (typeof p === 'string' ? p : 'blank' in p ? BLANK_TEXT : promptText(p));
export const blockText = (b: OutlineBlock): string => (b.kind === 'table' ? '' : b.pieces.map(pieceText).join(''));

/** The official part headings, in order (国办公开办函〔2021〕30号). */
export const PART_HEADINGS = [
  '一、总体情况',
  TABLES.T2.title,
  TABLES.T3.title,
  TABLES.T4.title,
  '五、存在的主要问题及改进情况',
  '六、其他需要报告事项',
] as const;

/** Part 一's sections, as published reports in this format head them. */
export const PART_ONE_SECTIONS = ['（一）主动公开情况', '（二）依申请公开情况', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障'] as const;

export const FORMAT_CITATION = '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）';

// ---- figures ----------------------------------------------------------------------------------

/** A count that may be stated: a non-negative whole number as the cell shows it; else undefined. */
export function statedCount(raw: unknown): number | undefined {
  const reading = readCell(raw as Parameters<typeof readCell>[0]);
  if (reading.state !== 'number' && reading.state !== 'normalized') return undefined;
  const v = reading.value;
  return Number.isInteger(v) && v >= 0 && v <= MAX_VALUE ? v : undefined;
}

/** The sum of counts, or undefined when any of them cannot be stated. */
function sumOf(values: (number | undefined)[]): number | undefined {
  let total = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}

const n = (v: number | undefined): Piece => (v === undefined ? BLANK : String(v));

class Figures {
  constructor(private readonly report: Report) {}
  count(id: string): number | undefined {
    return statedCount(this.report.cells[id]);
  }
  t3(row: number, col: number = T3_COLUMNS.length): number | undefined {
    return this.count(cellId('T3', row, col));
  }
  t3Rows(rows: number[], col: number = T3_COLUMNS.length): number | undefined {
    // Rows the report gives only as one total (the 2019 format's single （六） row): that total; else blank, never 0.
    const ids = rows.map((r) => cellId('T3', r, col));
    const known = this.report.sums?.find((s) => s.cells.length === ids.length && ids.every((id) => s.cells.includes(id)));
    if (known && ids.every((id) => this.report.unknown?.includes(id))) return statedCount(known.value);
    return sumOf(rows.map((r) => this.t3(r, col)));
  }
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** The result categories of 表三, each with its rows. */
export const RESULT_CATEGORIES: ReadonlyArray<{ name: string; rows: number[] }> = (() => {
  const out: { name: string; rows: number[] }[] = [];
  let row = T3_ROW.firstResult;
  for (const [label, details] of T3_RESULTS) {
    const rows = details.length === 0 ? [row] : range(row, details.length);
    row += rows.length;
    if (row - 1 > T3_ROW.lastResult) break; // （七）总计 is the sum, not a category
    // "（二）部分公开（区分处理的…）" is named by its core words in prose.
    out.push({ name: label.replace(/^（[一二三四五六七]）/, '').replace(/（.*$/, ''), rows });
  }
  return out;
})();

// ---- sentences --------------------------------------------------------------------------------

const who = (report: Report): Piece[] => [report.year === null ? { prompt: '年度' } : String(report.year), '年，', report.org.trim() === '' ? { prompt: '机关名称' } : report.org.trim()];

/** 一（一）: 规章 and 行政规范性文件 from 表二. */
export function activeSentence(report: Report): Piece[] {
  const f = new Figures(report);
  const kind = (row: number, name: string): Piece[] => [
    `制发${name}`,
    n(f.count(cellId('T2', row, 1))),
    '件、废止',
    n(f.count(cellId('T2', row, 2))),
    `件，现行有效${name}`,
    n(f.count(cellId('T2', row, 3))),
    '件',
  ];
  return [...who(report), ...kind(1, '规章'), '；', ...kind(2, '行政规范性文件'), '。'];
}

/** 一（二）: applications received, by applicant, carried in, results by category, carried out. */
export function applicationSentences(report: Report): Piece[] {
  const f = new Figures(report);
  const received = f.t3(T3_ROW.received);
  const carriedIn = f.t3(T3_ROW.carriedIn);
  const total = f.t3(T3_ROW.total);
  const carriedOut = f.t3(T3_ROW.carriedOut);
  const none = [received, carriedIn, total, carriedOut].every((v) => v === 0);
  const out: Piece[] = [...who(report)];
  if (received === 0) {
    out.push('未收到政府信息公开申请');
    if (none) return [...out, '。'];
  } else {
    out.push('新收政府信息公开申请', n(received), '件');
    const natural = f.t3(T3_ROW.received, 1);
    const legalCols = T3_LEGAL_PERSONS.map((_, i) => i + 2);
    const legal = legalCols.map((c) => f.t3(T3_ROW.received, c));
    out.push('，其中自然人申请', n(natural), '件、法人或其他组织申请', n(sumOf(legal)), '件');
    const named = legal.map((v, i) => ({ v, name: T3_LEGAL_PERSONS[i] })).filter((x) => x.v !== 0);
    if (named.length > 0) {
      out.push('（');
      named.forEach((x, i) => out.push(i === 0 ? '' : '、', `${x.name}`, n(x.v), '件'));
      out.push('）');
    }
  }
  out.push('；上年结转政府信息公开申请', n(carriedIn), '件。');
  out.push('本年度办结政府信息公开申请', n(total), '件');
  RESULT_CATEGORIES.forEach((c, i) => out.push(i === 0 ? '，其中' : '、', c.name, n(f.t3Rows(c.rows)), '件'));
  out.push('；结转下年度继续办理', n(carriedOut), '件。');
  return out;
}

/** 行政复议 / 行政诉讼 from 表四. */
export function reviewSentence(report: Report): Piece[] {
  const f = new Figures(report);
  const k = T4_OUTCOMES.length;
  const group = (g: number) => T4_OUTCOMES.map((_, i) => f.count(cellId('T4', 1, g * k + i + 1)));
  const [review, direct, afterReview] = [group(0), group(1), group(2)];
  const reviewTotal = review[k - 1];
  const litigation = sumOf([direct[k - 1], afterReview[k - 1]]);
  const parts = (values: (number | undefined)[]): Piece[] =>
    T4_OUTCOMES.slice(0, k - 1).flatMap((o, i): Piece[] => [i === 0 ? '' : '、', o, n(values[i]), '件']);
  const out: Piece[] = ['本年度'];
  if (reviewTotal === 0 && litigation === 0) return [...out, '未发生政府信息公开行政复议、行政诉讼案件。'];
  if (reviewTotal === 0) out.push('未发生政府信息公开行政复议案件；');
  else out.push('因政府信息公开被申请行政复议', n(reviewTotal), '件，其中', ...parts(review), '；');
  if (litigation === 0) out.push('未发生政府信息公开行政诉讼案件。');
  else {
    out.push('因政府信息公开被提起行政诉讼', n(litigation), '件，其中未经复议直接起诉', n(direct[k - 1]), '件（', ...parts(direct), '）');
    out.push('、复议后起诉', n(afterReview[k - 1]), '件（', ...parts(afterReview), '）。');
  }
  return out;
}

/** Part 六: the 信息处理费 (国办函〔2020〕109号), whose amount the tables do not hold. */
export function feeSentence(): Piece[] {
  return ['按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度收取信息处理费', BLANK, '元。'];
}

// ---- the outline ------------------------------------------------------------------------------

const body = (...pieces: Piece[]): OutlineBlock => ({ kind: 'body', pieces });
const prompt = (text: string): OutlineBlock => body({ prompt: text });
const h1 = (text: string): OutlineBlock => ({ kind: 'h1', pieces: [text] });
const h2 = (text: string): OutlineBlock => ({ kind: 'h2', pieces: [text] });

export const TITLE_TAIL = '政府信息公开工作年度报告';

export function reportTitle(report: Report): Piece[] {
  const org = report.org.trim();
  return [org === '' ? { prompt: '机关名称' } : org, report.year === null ? { prompt: '年度' } : String(report.year), '年', TITLE_TAIL];
}

export function outline(report: Report): OutlineBlock[] {
  const year = report.year === null ? { prompt: '年度' } : String(report.year);
  const [one, two, three, four, five, six] = PART_HEADINGS;
  const [active, onRequest, management, platform, oversight] = PART_ONE_SECTIONS;
  return [
    { kind: 'title', pieces: reportTitle(report) },
    body(`本报告依据${FORMAT_CITATION}编制，统计期限自`, year, '年1月1日起至', year, '年12月31日止。', { prompt: '其他编制依据和说明' }),
    h1(one),
    prompt('本年度政府信息公开工作总体情况'),
    h2(active),
    body(...activeSentence(report)),
    prompt('本年度主动公开工作'),
    h2(onRequest),
    prompt('依申请公开工作的做法'),
    body(...applicationSentences(report)),
    body(...reviewSentence(report)),
    h2(management),
    prompt('本年度政府信息管理工作'),
    h2(platform),
    prompt('本年度政府信息公开平台建设'),
    h2(oversight),
    prompt('本年度监督保障工作（考核、社会评议、责任追究等）'),
    h1(two),
    { kind: 'table', table: 'T2' },
    h1(three),
    { kind: 'table', table: 'T3' },
    h1(four),
    { kind: 'table', table: 'T4' },
    h1(five),
    prompt('上年度存在问题的改进情况'),
    prompt('本年度存在的主要问题及下一步改进举措'),
    h1(six),
    body(...feeSentence()),
    prompt('其他需要报告的事项（如落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果公开、年度工作创新等情况）；没有的写“无”'),
  ];
}
