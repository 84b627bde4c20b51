/**
 * What a reviewer reads in the prose besides the figures: the format cited, the statistical
 * period, years copied from last year's report, an outline older than 2019, the six parts in
 * order, and the 信息处理费 (国办函〔2020〕109号).
 */
import { Finding } from '../../core/findings';
import { T3_COLUMNS, T3_ROW, T3_ROW_NAMES, TableId, cellId } from '../../core/tables';
import { PART_NUMBERS, PART_TITLES, PartNumber, Prose } from './read';
import { compact, quoteOf, sentencesOf } from './text';

const whole = { table: null, cells: [] as string[] };
const NEW_FORMAT = '国办公开办函〔2021〕30号';

/** 国办公开办函〔2021〕30号 as cited, with whatever brackets and digits the text has. */
const CITATION = /国办公开办函([〔[［(（【]?)(\d{0,6})([〕\]］)）】]?)(\d{0,4})号/g;
const CLOSING: Record<string, string> = { '〔': '〕', '[': ']', '［': '］', '(': ')', '（': '）', '【': '】' };

export function citationFindings(prose: Prose, year: number | null): Finding[] {
  for (const s of sentencesOf(prose.paragraphs)) {
    const text = compact(s);
    for (const m of text.matchAll(CITATION)) {
      const [cited, open, y, close, n] = m;
      const pair = `${y}/${n}`;
      const wellFormed = open !== '' && CLOSING[open] === close && (pair === '2021/30' || pair === '2019/60');
      if (!wellFormed) return [{ rule: 'text.citation', severity: 'warning', ...whole, params: { quote: quoteOf(s), detail: `文号“${cited}”有误，应为“${NEW_FORMAT}”` } }];
      if (pair === '2019/60' && year !== null && year >= 2021 && !text.includes('2021〕30号'))
        return [{ rule: 'text.citation', severity: 'warning', ...whole, params: { quote: quoteOf(s), detail: `${year}年度报告应依据“${NEW_FORMAT}”印发的格式，国办公开办函〔2019〕60号格式已被取代` } }];
    }
  }
  return [];
}

const PERIOD = /(\d{4})年1月1日(?:起)?(?:至|到|—|－|-|~|～)(?:(\d{4})年)?12月31日/;

/** The statistical period, and part 一 opening on a year that is not the report's. */
export function yearFindings(prose: Prose, year: number | null): Finding[] {
  if (year === null) return [];
  const findings: Finding[] = [];
  for (const s of sentencesOf(prose.paragraphs)) {
    const text = compact(s);
    const m = PERIOD.exec(text);
    if (!m || !/统计|期限|时限|数据|涵盖|期间/.test(text)) continue;
    const wrong = [m[1], m[2]].find((y) => y !== undefined && Number(y) !== year);
    if (wrong) findings.push({ rule: 'text.period', severity: 'warning', ...whole, params: { quote: quoteOf(s), stated: Number(wrong), year } });
    break;
  }
  for (const s of sentencesOf(prose.parts['一'] ?? [])) {
    const m = /^(?:截至|截止)?(\d{4})年度?(?:[，,]|以来|全年|共|我|本|底)/.exec(compact(s));
    if (m && Number(m[1]) !== year) {
      findings.push({ rule: 'text.year', severity: 'warning', ...whole, params: { quote: quoteOf(s), stated: Number(m[1]), year } });
      break;
    }
  }
  return findings;
}

const OLD_PARTS: readonly [RegExp, string][] = [
  [/收费(?:及|和|与)减免/, '政府信息公开的收费及减免情况'],
  [/复议[、，和及]?(?:行政)?诉讼(?:和|及|、)申诉/, '行政复议、诉讼和申诉情况'],
];

/** The outline of the reports before 2019 (收费及减免, 复议、诉讼和申诉); from which year it is wrong is the rule's `since`. */
export function outlineFindings(prose: Prose, year: number | null): Finding[] {
  if (year === null) return [];
  for (const p of prose.paragraphs) {
    const text = compact(p);
    const heading = text.length <= 40 && !/[。；]/.test(text) && /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])/.test(text);
    const outline = /全文包括|报告包括|主要包括|由.{0,60}组成|分为/.test(text);
    if (!heading && !outline) continue;
    for (const [words, name] of OLD_PARTS) {
      if (words.test(text)) return [{ rule: 'text.outline', severity: 'warning', ...whole, params: { quote: quoteOf(p.trim()), evidence: name, year } }];
    }
  }
  return [];
}

const TABLE_PART: Partial<Record<PartNumber, TableId>> = { 二: 'T2', 三: 'T3', 四: 'T4' };

/**
 * What each prose part is about, to know it is there when its heading is not (lost in a PDF's text,
 * printed as an image, run into the paragraph): part 一's five sections, part 五's problems and
 * improvements, part 六's fee statement or "no other matters".
 */
const PART_CONTENT: Partial<Record<PartNumber, RegExp>> = {
  一: /^[（(]?[一二三四五1-5][)）、.．]?\s*(?:主动公开|依申请公开|政府信息管理|(?:政府信息公开)?平台建设|监督保障)|(?:主动公开|依申请公开).{0,60}(?:政府信息管理|平台建设|监督保障)/,
  五: /存在(?:的)?(?:主要)?(?:问题|不足)|问题(?:及|和|与)(?:改进|整改)|(?:改进|整改)(?:情况|措施|举措)|下一步|有待(?:提高|加强|提升|改进|完善)|不够(?:全面|深入|及时|规范)|仍需|还需/,
  六: /其[他它](?:需要)?报告(?:的)?事项|无其[他它].{0,8}事项/,
};

/** The part's content is in the text even though its heading was not found. */
function contentPresent(prose: Prose, part: PartNumber): boolean {
  // Parts 五 and 六 come after the tables: their text, headless, runs on in the part before; part 一's "整改" is no part 五.
  const where = part === '一' ? prose.paragraphs : PART_NUMBERS.filter((n) => n !== '一').flatMap((n) => prose.parts[n] ?? []);
  if (part === '六' && where.some((p) => FEE_STATEMENT.test(compact(p)))) return true;
  const content = PART_CONTENT[part];
  return content !== undefined && where.some((p) => content.test(compact(p)));
}

/**
 * A part missing, or the parts out of order. Parts 二 to 四 are their tables: layout.missing speaks
 * for those. A part whose heading was not found but whose content is there is not missing.
 */
export function partFindings(prose: Prose): Finding[] {
  if (prose.headings.length < 2) return [];
  const findings: Finding[] = [];
  const missing = PART_NUMBERS.filter((n) => prose.parts[n] === undefined && TABLE_PART[n] === undefined && !contentPresent(prose, n));
  if (missing.length > 0) findings.push({ rule: 'text.partMissing', severity: 'warning', ...whole, params: { parts: missing.join('、'), titles: missing.map((n) => `${n}、${PART_TITLES[n]}`).join('；') } });
  const order = prose.headings.map((h) => h.part);
  if (order.some((n, i) => i > 0 && PART_NUMBERS.indexOf(n) < PART_NUMBERS.indexOf(order[i - 1]))) {
    findings.push({ rule: 'text.partOrder', severity: 'warning', ...whole, params: { order: prose.headings.map((h) => `“${h.text}”`).join('、') } });
  }
  return findings;
}

const PART_SIX_TITLE = '其他需要报告事项';
/**
 * A statement of the fees charged, in the words reports use: "信息处理费0元", "未收取信息处理费",
 * "未发生收费情况", "未收取任何费用", "不收取费用", "收费0元".
 */
const FEE_STATEMENT =
  /处理费|(?:未|没有|无|不|均未|均不|从未)(?:发生|产生|收取|征收|收|涉及|存在)(?:过)?(?:任何)?(?:相关)?(?:的)?(?:收费|费用)|(?:收费|费用)(?:情况|事项|行为)?(?:为|共计|合计|计)?(?:[0０零]|\d+(?:\.\d+)?)(?:元|万元)|收取(?:了)?(?:[^，。；]{0,8})?费用|(?:无|没有)(?:收费|费用)/;
/** Outside part 六 only the explicit word counts: "收费" there is often 表二's 行政事业性收费. */
const FEE = /处理费/;
/**
 * No fee notice was issued, or no fee arises here at all. "未收取" (not collected) is not among
 * them: an applicant who did not pay after a notice leaves the fee uncollected, as 表三（六）2 says.
 */
const NO_FEE_NOTICE = /(?:未|没有|无)(?:向申请人)?(?:发出|发放|出具|送达|下发|开具|产生)(?:过)?(?:任何)?(?:信息处理费)?(?:的)?(?:收费|缴费)通知|(?:未|没有)(?:产生|发生)(?:过)?(?:任何)?[^，。；]{0,12}?处理费|不(?:收取|征收)(?:任何)?[^，。；]{0,6}?处理费/
/** 表三（六）2: applicants who did not pay after a fee notice. */
const R22 = T3_ROW_NAMES.findIndex((n) => n.includes('收费通知')) + 1;

/** Part 六 on the 信息处理费; and no fee notice claimed while 表三 counts applicants who did not pay one. */
export function feeFindings(prose: Prose, value: (id: string) => number | undefined, unreadable: readonly TableId[]): Finding[] {
  const findings: Finding[] = [];
  const six = prose.parts['六'];
  const stated = six ? six.some((p) => FEE_STATEMENT.test(compact(p))) : prose.paragraphs.some((p) => FEE.test(compact(p)));
  if (!stated) {
    const where = six ? `正文第六部分“${PART_SIX_TITLE}”` : `正文（未找到第六部分“${PART_SIX_TITLE}”）`;
    findings.push({ rule: 'text.fee', severity: 'warning', table: null, cells: [], params: { where } });
  }
  if (!unreadable.includes('T3')) {
    const cells = T3_COLUMNS.map((_, i) => cellId('T3', R22, i + 1)).filter((id) => (value(id) ?? 0) > 0);
    const said = sentencesOf(prose.paragraphs).find((s) => NO_FEE_NOTICE.test(compact(s)));
    if (cells.length > 0 && said) {
      const total = value(cellId('T3', R22, T3_COLUMNS.length));
      const shown = total && total > 0 ? total : Math.max(...cells.map((id) => value(id) ?? 0));
      findings.push({ rule: 'text.feeNotice', severity: 'warning', table: 'T3', cells, value: shown, params: { quote: quoteOf(said) } });
    }
  }
  return findings;
}

/** "所有申请均已办结" while 表三 carries applications over to next year in some column. */
const ALL_DONE = [
  /(?:所有|全部)(?:的)?(?:政府信息公开|依申请公开)?(?:申请)?(?:均|都|全部)?(?:已)?(?:按时|按期|依法|依法依规|在法定期限内|在法定时限内|在规定时间内|在规定时限内|在规定期限内)?(?:办结|办理完毕|办理完成|答复完毕|完成办理|完成答复)/,
  /(?:均|全部|都)(?:已)?(?:按时|按期|依法|依法依规|在法定期限内|在法定时限内|在规定时间内|在规定时限内|在规定期限内)?(?:办结|办理完毕|办理完成|答复完毕|完成办理|完成答复)/,
  /全部(?:按时|按期|依法|在法定期限内)?(?:予以)?答复/,
];
const NOT_ALL = /(?:结转|顺延|转入)(?:至|到|入)?(?:下一?年|\d{4}年)|下一?年度?(?:继续|办理|答复)|尚在办理|正在办理|未办结|跨年|已(?:办结|答复|办理)的|办结的|答复的/;

export function allDoneFindings(prose: Prose, value: (id: string) => number | undefined, unreadable: readonly TableId[]): Finding[] {
  if (unreadable.includes('T3')) return [];
  const cells = T3_COLUMNS.map((_, i) => cellId('T3', T3_ROW.carriedOut, i + 1)).filter((id) => (value(id) ?? 0) > 0);
  if (cells.length === 0) return [];
  const sentences = sentencesOf(prose.parts['一'] ?? (Object.keys(prose.parts).length === 0 ? prose.paragraphs : []));
  const said = sentences.find((s) => {
    const text = compact(s);
    return ALL_DONE.some((p) => p.test(text)) && !NOT_ALL.test(text);
  });
  if (!said) return [];
  const where = cells.map((id) => `${T3_COLUMNS[Number(/C(\d+)$/.exec(id)![1]) - 1]}栏${value(id)}件`).join('、');
  return [{ rule: 'text.allDone', severity: 'warning', table: 'T3', cells, value: Math.max(...cells.map((id) => value(id) ?? 0)), params: { quote: quoteOf(said), where } }];
}
