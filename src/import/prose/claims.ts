/**
 * What part 一 says about the figures, against the tables. A claim is a row of data: the rule,
 * the cells it is about, the patterns that state a count (group 1; a pattern without a group
 * states 0), and the other values the same words may honestly mean ("共受理749件" is 本年新收, or
 * 本年新收 + 上年结转). A sentence the patterns do not recognise says nothing.
 *
 * Claims about outcomes ("均获维持", "零败诉", "未发生…纠错或败诉") are not counts: they are read
 * apart and contradict 表四 only where a 结果纠正 cell (or, for 维持, 其他结果 or 尚未审结) is not 0.
 */
import { Finding } from '../../core/findings';
import { T3_COLUMNS, T3_ITEMS, T3_ROW, T3_ROW_NAMES, T4_GROUPS, T4_OUTCOMES, TableId, cellId } from '../../core/tables';
import { N, PIECES, compact, parseCount, quoteOf } from './text';

export interface ClaimContext {
  value(id: string): number | undefined;
  year: number | null;
}

interface CountClaim {
  rule: string;
  table: TableId;
  cells: string[];
  item: string;
  patterns(ctx: ClaimContext): RegExp[];
  /** Besides the cells' sum, values the words may also mean. */
  alsoAccept?(ctx: ClaimContext): (number | undefined)[];
  /** Area-wide clauses ("全区共制发…") are not about this body's own table. */
  ownOnly?: true;
  /** The sentence must be about this: "办结留言230条" is about a hotline, not applications. */
  about?: RegExp;
}

const T3_TOTAL: number = T3_COLUMNS.length;
const t3 = (row: number, col = T3_TOTAL) => cellId('T3', row, col);
const t4Total = (group: number) => cellId('T4', 1, (group + 1) * T4_OUTCOMES.length);
const t4 = (group: number, outcome: number) => cellId('T4', 1, group * T4_OUTCOMES.length + outcome + 1);
const APPLICATION = '(?:政府信息公开|依申请公开|信息公开)(?:的)?(?:申请|案件)';
const ALSO_WORDS = '(?:共计|共|合计|总计|为|达)?';
const sumOf = (ctx: ClaimContext, ids: string[]): number | undefined => {
  let s = 0;
  for (const id of ids) {
    const v = ctx.value(id);
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
};
const lastYear = (ctx: ClaimContext) => (ctx.year === null ? '上一?年度?' : `(?:上一?年度?|${ctx.year - 1}年度?)`);
const nextYear = (ctx: ClaimContext) => (ctx.year === null ? '下一?年度?' : `(?:下一?年度?|${ctx.year + 1}年度?)`);

/** "未发生…行政复议", "无行政复议案件": statements of none. */
const nothingOf = (what: string): RegExp[] => [
  new RegExp(`(?:未|没有)(?:发生|收到|产生|涉及|出现|被|接到)[^，。；,]{0,14}?${what}`),
  new RegExp(`无(?:政府信息公开)?(?:相关)?(?:的)?${what}(?:案件|申请)?(?:[，。；,]|$)`),
];
const documentClaim = (rule: string, row: number, doc: string, name: string): CountClaim => ({
  rule,
  table: 'T2',
  cells: [cellId('T2', row, 1)],
  item: `表二“${name}”本年制发件数`,
  ownOnly: true,
  patterns: () => [
    new RegExp(`(?:制发|制定|出台|印发|新制定|新制发)(?:了)?[^，。；,、]{0,8}?${doc}${ALSO_WORDS}${N}${PIECES}`),
    new RegExp(`${doc}${ALSO_WORDS}(?:制发|制定|出台|印发)${N}${PIECES}`),
    new RegExp(`(?:未|没有)(?:制发|制定|出台|印发)(?:过)?(?:任何)?[^，。；,]{0,10}?${doc}`),
  ],
});

const APPLICANTS: [string, number[]][] = [
  ['自然人', [1]],
  ['法人或其他组织', [2, 3, 4, 5, 6]],
  ['商业企业', [2]],
  ['科研机构', [3]],
  ['社会公益组织', [4]],
  ['法律服务机构', [5]],
];
const applicantClaim = ([name, cols]: [string, number[]]): CountClaim => ({
  rule: 'text.applicant',
  table: 'T3',
  cells: cols.map((c) => t3(T3_ROW.received, c)),
  item: `表三“${T3_ITEMS.received}”${name}${cols.length > 1 ? '各栏之和' : '栏'}`,
  patterns: () => [
    new RegExp(`(?<!法人或其他组织和|或)${name}(?:提出(?:的)?)?(?:的)?(?:申请|来件)?${ALSO_WORDS}${N}${PIECES}`),
    new RegExp(`${N}${PIECES}(?:申请)?(?:为|系|是|由|来自)${name}`),
  ],
  // By applicant the text may count the new ones, all handled this year, or those answered.
  alsoAccept: (ctx) => [sumOf(ctx, [...cols.map((c) => t3(T3_ROW.received, c)), ...cols.map((c) => t3(T3_ROW.carriedIn, c))]), sumOf(ctx, cols.map((c) => t3(T3_ROW.total, c)))],
});

export const COUNT_CLAIMS: readonly CountClaim[] = [
  {
    rule: 'text.received',
    table: 'T3',
    cells: [t3(T3_ROW.received)],
    item: `表三“${T3_ITEMS.received}”总计`,
    patterns: () => [
      new RegExp(`(?:收到|新收|受理|接收|接到)[^，。；,]{0,16}?${APPLICATION}(?:数量|件数)?${ALSO_WORDS}${N}${PIECES}`),
      new RegExp(`(?:未|没有|无)(?:收到|受理|接到|接收|发生)?(?:过)?(?:任何)?${APPLICATION}`),
    ],
    alsoAccept: (ctx) => [sumOf(ctx, [t3(T3_ROW.received), t3(T3_ROW.carriedIn)])],
  },
  {
    rule: 'text.carriedIn',
    table: 'T3',
    cells: [t3(T3_ROW.carriedIn)],
    item: `表三“${T3_ITEMS.carriedIn}”总计`,
    patterns: (ctx) => [new RegExp(`${lastYear(ctx)}(?:结转|转结|结转而来)(?:的|而来的)?(?:${APPLICATION}|申请)?(?:共计|共)?${N}${PIECES}`)],
  },
  {
    rule: 'text.carriedOut',
    table: 'T3',
    cells: [t3(T3_ROW.carriedOut)],
    item: `表三“${T3_ITEMS.carriedOut}”总计`,
    patterns: (ctx) => [
      new RegExp(`(?:结转|顺延)(?:至|到|入)?${nextYear(ctx)}(?:继续)?(?:办理|答复)?(?:的)?(?:${APPLICATION}|申请)?(?:共计|共)?${N}${PIECES}`),
      new RegExp(`${N}${PIECES}(?:申请)?(?:结转|转入|顺延)(?:至|到)?${nextYear(ctx)}`),
    ],
  },
  {
    rule: 'text.completed',
    table: 'T3',
    cells: [t3(T3_ROW.total)],
    item: `表三“${T3_ROW_NAMES[T3_ROW.total - 1]}”总计`,
    patterns: () => [new RegExp(`(?:办结|答复|办理完毕)(?:了)?(?:${APPLICATION}|申请)?${ALSO_WORDS}${N}件`)],
    about: /申请/,
  },
  {
    rule: 'text.review',
    table: 'T4',
    cells: [t4Total(0)],
    item: `表四“${T4_GROUPS[0].name}”总计`,
    patterns: () => [new RegExp(`行政复议(?:案件|申请)?(?:共计|共)?${N}${PIECES}`), ...nothingOf('行政复议')],
  },
  {
    rule: 'text.litigation',
    table: 'T4',
    cells: [t4Total(1), t4Total(2)],
    item: `表四“${T4_GROUPS[1].parent}”（${T4_GROUPS[1].name}、${T4_GROUPS[2].name}）总计之和`,
    patterns: () => [new RegExp(`行政诉讼(?:案件)?(?:共计|共)?${N}${PIECES}`), ...nothingOf('行政诉讼')],
    // 复议后起诉 is sometimes told apart from 行政诉讼.
    alsoAccept: (ctx) => [ctx.value(t4Total(1))],
  },
  documentClaim('text.regulations', 1, '(?:政府)?规章', '规章'),
  documentClaim('text.normative', 2, '(?<!非)(?:行政)?规范性文件', '行政规范性文件'),
  ...APPLICANTS.map(applicantClaim),
];

/** Counts per result category of 表三, and their share of （七）总计. */
interface Category {
  name: string;
  rows: number[];
  words: string;
}
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const CATEGORIES: readonly Category[] = [
  { name: '予以公开及部分公开', rows: [3, 4], words: '(?:予以|同意)公开(?:及|和|或|与|、|并)部分公开' },
  { name: '予以公开', rows: [3], words: '(?<!不)(?:予以|同意)公开(?!及|和|或|与|、|并)' },
  { name: '部分公开', rows: [4], words: '(?<!(?:公开)(?:及|和|或|与|、|并))部分公开' },
  { name: '不予公开', rows: range(5, 12), words: '不予(?:以)?公开' },
  { name: '无法提供', rows: range(13, 15), words: '无法提供' },
  { name: '不予处理', rows: range(16, 20), words: '不予处理' },
  { name: '其他处理', rows: range(21, 23), words: '其他处理' },
];
const PAREN = '(?:[（(][^）)]{0,30}[）)])?';
const categoryPattern = (c: Category) =>
  new RegExp(`${c.words}(?:的)?(?:申请)?(?:共计|共|为)?(?:${N}${PIECES})?${PAREN}[，,、]?(?:(?:占|比例为|占比)(?:比)?(?:为)?(?:总数的|总量的)?([0-9]+(?:\\.[0-9]+)?)[%％])?`, 'g');

/** A clause's own year ("2023年共收到…" in a 2024 report) says it is about another year. */
function aboutAnotherYear(text: string, at: number, year: number | null): boolean {
  if (year === null) return false;
  const clauseStart = Math.max(...['，', ',', '；', ';', '：', ':', '。'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  const clause = text.slice(clauseStart, at);
  return [...clause.matchAll(/(\d{4})年(?!度?结转|度?转结)/g)].some((m) => Number(m[1]) !== year);
}
const AREA_WIDE = /(?:^|[，,；;])[^，,；;]{0,8}?全(?:省|市|区|县|州|旗|盟|镇|乡)/;
const OUTCOME_WORDS = /纠错|纠正|败诉|撤销|维持|确认违法|责令/;

function clauseAt(text: string, at: number): string {
  const start = Math.max(...['，', ',', '；', ';', '。'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  const endIdx = [...'，,；;。'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
  return text.slice(start, endIdx.length ? Math.min(...endIdx) : text.length);
}

/** What one sentence states for a claim: the count and where, or undefined. */
function stated(claim: CountClaim, ctx: ClaimContext, sentence: string): { n: number; extra: number[] } | undefined {
  const text = compact(sentence);
  if (claim.about && !claim.about.test(text)) return undefined;
  for (const pattern of claim.patterns(ctx)) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (aboutAnotherYear(text, m.index, ctx.year)) continue;
    if (claim.table === 'T4' && OUTCOME_WORDS.test(clauseAt(text, m.index + m[0].length - 1))) continue;
    // "行政复议9件（含上一年度结转1件）": a count about cases, not applications.
    if (claim.table === 'T3' && /复议|诉讼/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (claim.ownOnly && AREA_WIDE.test(text.slice(0, m.index + 1))) continue;
    // "（含新制定4件，修改14件）" right after the count: the parts are honest readings too.
    const after = /^[（(]([^）)]{0,40})[）)]/.exec(text.slice(m.index + m[0].length));
    const extra = after ? [...after[1].matchAll(/(\d+)件/g)].map((x) => Number(x[1])) : [];
    if (m[1] === undefined) return { n: 0, extra };
    const n = parseCount(m[1]);
    if (Number.isFinite(n)) return { n, extra };
  }
  return undefined;
}

export function countFindings(sentences: readonly string[], ctx: ClaimContext, unreadable: readonly TableId[]): Finding[] {
  const findings: Finding[] = [];
  const done = new Set<string>();
  for (const claim of COUNT_CLAIMS) {
    if (unreadable.includes(claim.table)) continue;
    const sum = sumOf(ctx, claim.cells);
    if (sum === undefined) continue;
    const claims = sentences.map((s) => ({ s, r: stated(claim, ctx, s) })).filter((c): c is { s: string; r: { n: number; extra: number[] } } => c.r !== undefined);
    if (claims.length === 0) continue;
    const accepted = [sum, ...(claim.alsoAccept?.(ctx) ?? [])];
    if (claims.some((c) => accepted.includes(c.r.n) || c.r.extra.includes(sum))) continue;
    // One finding per rule: the applicant claims share an id.
    if (done.has(claim.rule)) continue;
    done.add(claim.rule);
    findings.push({ rule: claim.rule, severity: 'warning', table: claim.table, cells: claim.cells, value: sum, params: { quote: quoteOf(claims[0].s), stated: claims[0].r.n, item: claim.item } });
  }
  if (!unreadable.includes('T3')) findings.push(...resultFindings(sentences, ctx));
  if (!unreadable.includes('T4')) findings.push(...outcomeFindings(sentences, ctx));
  return findings;
}

const decimals = (p: string) => (p.includes('.') ? p.split('.')[1].length : 0);

function resultFindings(sentences: readonly string[], ctx: ClaimContext): Finding[] {
  const total = ctx.value(t3(T3_ROW.total));
  const findings: Finding[] = [];
  for (const cat of CATEGORIES) {
    const cells = cat.rows.map((r) => t3(r));
    const value = sumOf(ctx, cells);
    if (value === undefined) continue;
    const share = total ? (100 * value) / total : undefined;
    let agreed = false;
    let first: { s: string; claim: string } | undefined;
    for (const s of sentences) {
      const text = compact(s);
      // "申请人主动撤销36件" told beside 其他处理 may or may not be inside it.
      const withdrawn = [...text.matchAll(new RegExp(`(?:撤销|撤回)(?:了)?(?:申请)?${N}${PIECES}`, 'g'))].map((m) => parseCount(m[1]));
      for (const m of text.matchAll(categoryPattern(cat))) {
        if (m[1] === undefined && m[2] === undefined) continue;
        if (aboutAnotherYear(text, m.index!, ctx.year)) continue;
        // A count and a share in one statement must both agree.
        const n = m[1] === undefined ? undefined : parseCount(m[1]);
        const countOk = n === undefined || n === value || (cat.name === '其他处理' && withdrawn.some((w) => n + w === value));
        const shareOk = m[2] === undefined || share === undefined || Math.abs(Number(m[2]) - share) <= 0.5 * 10 ** -decimals(m[2]) + 1e-9;
        if (countOk && shareOk) agreed = true;
        else first ??= { s, claim: countOk ? `占${m[2]}%` : `为${n}件` };
      }
    }
    if (agreed || !first) continue;
    const shown = share === undefined ? '' : `，占“（七）总计”${total}件的${Number(share.toFixed(2))}%`;
    findings.push({ rule: 'text.result', severity: 'warning', table: 'T3', cells, value, params: { quote: quoteOf(first.s), category: cat.name, claim: first.claim, share: shown } });
  }
  return findings;
}

/**
 * Outcome claims: which words, which groups they speak of, and which outcome cells must be 0. A
 * claim of none holds no count between its negation and its outcome ("未经复议直接起诉3件（结果维持
 * 1件、结果纠正…" states counts, it claims nothing).
 */
const OUTCOMES: readonly { words: RegExp; outcomes: number[] }[] = [
  { words: /(?:均|全部|都)(?:获|被|予以|得到)?(?:维持|支持)/, outcomes: [1, 2, 3] },
  { words: /零败诉|(?:无|未(?!经)|没有)(?:发生|出现)?[^，。；\d０-９件]{0,24}?败诉/, outcomes: [1] },
  { words: /(?:未(?!经)|没有|无|零)(?:被|发生|出现)?[^，。；\d０-９件]{0,24}?(?:纠错|纠正|撤销|确认违法)/, outcomes: [1] },
];

function outcomeFindings(sentences: readonly string[], ctx: ClaimContext): Finding[] {
  for (const s of sentences) {
    const text = compact(s);
    // A clause without its own subject speaks of those named before it in the sentence:
    // "被申请行政复议3件，均获维持"; "…行政复议9件，…行政诉讼1件，未发生被纠错、败诉情况".
    const named = { review: false, suit: false };
    for (const clause of text.split(/[，,；;。]/)) {
      const own = { review: /复议/.test(clause), suit: /诉讼|起诉/.test(clause) };
      const subject = own.review || own.suit ? own : { ...named };
      named.review ||= own.review;
      named.suit ||= own.suit;
      for (const o of OUTCOMES) {
        if (!o.words.test(clause)) continue;
        const { review, suit } = subject;
        // 败诉 is said of suits only; 纠错 and 维持 of whatever the clause names, or of all.
        const groups = o.outcomes.length === 1 && /败诉/.test(o.words.source) ? [1, 2] : review || suit ? [...(review ? [0] : []), ...(suit ? [1, 2] : [])] : [0, 1, 2];
        const bad = groups.flatMap((g) => o.outcomes.map((i) => t4(g, i))).filter((id) => (ctx.value(id) ?? 0) > 0);
        if (bad.length === 0) continue;
        const item = bad.map((id) => {
          const col = Number(/C(\d+)$/.exec(id)![1]) - 1;
          const g = T4_GROUPS[Math.floor(col / T4_OUTCOMES.length)];
          return `${g.name}“${T4_OUTCOMES[col % T4_OUTCOMES.length]}”${ctx.value(id)}件`;
        });
        return [{ rule: 'text.outcome', severity: 'warning', table: 'T4', cells: bad, value: bad.reduce((a, id) => a + (ctx.value(id) ?? 0), 0), params: { quote: quoteOf(s), item: `表四${item.join('、')}` } }];
      }
    }
  }
  return [];
}
