/** The text against the tables: statements in part 一, and the 信息处理费 in part 六. */
import { renderFinding } from '../../src/core/render';
import { Report } from '../../src/core/report';
import { importDocument, parseFlatText } from '../../src/import';
import { parseCount } from '../../src/import/prose';
import { flatDocument, officialRows, reportBlocks } from '../helpers/documents';
import { TABLES } from '../../src/core/tables';

const TABLE_TITLES = { T2: TABLES.T2.title, T3: TABLES.T3.title, T4: TABLES.T4.title };
import { consistentReport, fixture, withCells } from '../helpers/reports';

const base = withCells(consistentReport(31, '某县市场监督管理局', 2024), {});
const v = (id: string) => base.cells[id] as number;
const received = v('T3.R1.C7');
const carriedIn = v('T3.R2.C7');
const carriedOut = v('T3.R25.C7');
const reviews = v('T4.R1.C5');
const suits = v('T4.R1.C10') + v('T4.R1.C15');

function read(partOne: string[], options: { report?: Report; partSix?: string[]; partFive?: string } = {}) {
  const report = options.report ?? base;
  let blocks = reportBlocks(report, { partOne, partSix: options.partSix });
  if (options.partFive) blocks = blocks.flatMap((b) => (b === '五、存在的主要问题及改进情况' ? [b, options.partFive!] : [b]));
  return importDocument(parseFlatText(flatDocument(blocks)));
}
const textFindings = (r: ReturnType<typeof read>) => r.findings.filter((f) => f.rule.startsWith('text.'));

describe('part 一 against the tables', () => {
  test('statements that agree raise nothing', () => {
    const r = read([
      `2024年共收到政府信息公开申请${received}件，上年结转${carriedIn}件，结转下年度继续办理${carriedOut}件。`,
      `全年发生政府信息公开行政复议${reviews}件，行政诉讼${suits}件。`,
    ]);
    expect(textFindings(r)).toEqual([]);
  });

  test('"未收到政府信息公开申请" while 表三 has applications: a warning quoting the sentence', () => {
    const r = read(['严格按照依申请公开制度办理。2024年我局未收到政府信息公开申请。']);
    expect(textFindings(r)).toEqual([
      {
        rule: 'text.received',
        severity: 'warning',
        table: 'T3',
        cells: ['T3.R1.C7'],
        value: received,
        params: { quote: '2024年我局未收到政府信息公开申请。', stated: 0, item: '表三“一、本年新收政府信息公开申请数量”总计' },
      },
    ]);
    expect(renderFinding(textFindings(r)[0])).toBe(`正文“2024年我局未收到政府信息公开申请。”为0件，表三“一、本年新收政府信息公开申请数量”总计为${received}件：正文与表格不一致`);
  });

  test('each count stated differently from the table is a warning of its own', () => {
    const r = read([
      `本年度新收政府信息公开申请${received + 1}件；上一年度结转${carriedIn + 2}件；有${carriedOut + 3}件结转下一年度办理。`,
      `因政府信息公开被申请行政复议${reviews + 1}件，被提起行政诉讼${suits}件。`,
    ]);
    expect(textFindings(r).map((f) => [f.rule, f.params?.stated, f.value])).toEqual([
      ['text.received', received + 1, received],
      ['text.carriedIn', carriedIn + 2, carriedIn],
      ['text.carriedOut', carriedOut + 3, carriedOut],
      ['text.review', reviews + 1, reviews],
    ]);
  });

  test('"共收到…（含上年结转）" may count the carried-over ones too', () => {
    expect(textFindings(read([`共收到政府信息公开申请${received + carriedIn}件（含上年结转${carriedIn}件）。`]))).toEqual([]);
  });

  test('"未发生行政复议、行政诉讼" against 表四 with cases', () => {
    const report = withCells(base, { 'T4.R1.C1': 1, 'T4.R1.C2': 0, 'T4.R1.C3': 0, 'T4.R1.C4': 0, 'T4.R1.C5': 1 });
    const none = withCells(report, Object.fromEntries([6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((c) => [`T4.R1.C${c}`, 0])));
    const r = read(['本年度未发生政府信息公开行政复议、行政诉讼案件。'], { report: none });
    expect(textFindings(r).map((f) => [f.rule, f.params?.stated, f.value, f.cells])).toEqual([['text.review', 0, 1, ['T4.R1.C5']]]);
  });

  test('an outcome claim is not a count: "未发生…纠错或败诉" with 55 复议 cases, none corrected (上海市人民政府办公厅 2025)', () => {
    const t4 = (cells: number[]) => Object.fromEntries(cells.map((v, i) => [`T4.R1.C${i + 1}`, v]));
    const sentence = '全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。';
    const clean = withCells(base, t4([40, 0, 5, 10, 55, 3, 0, 0, 1, 4, 0, 0, 0, 0, 0]));
    expect(textFindings(read([sentence], { report: clean }))).toEqual([]);
    const corrected = withCells(base, t4([39, 1, 5, 10, 55, 3, 0, 0, 1, 4, 0, 0, 0, 0, 0]));
    expect(textFindings(read([sentence], { report: corrected }))).toEqual([
      { rule: 'text.outcome', severity: 'warning', table: 'T4', cells: ['T4.R1.C2'], value: 1, params: { quote: sentence, item: '表四行政复议“结果纠正”1件' } },
    ]);
    const lost = withCells(base, t4([40, 0, 5, 10, 55, 2, 1, 0, 1, 4, 0, 0, 0, 0, 0]));
    expect(textFindings(read([sentence], { report: lost })).map((f) => [f.rule, f.cells])).toEqual([['text.outcome', ['T4.R1.C7']]]);
  });

  test('"均获维持" is contradicted by 纠正, 其他结果 or 尚未审结; "零败诉" only by a suit corrected', () => {
    const t4 = (cells: number[]) => Object.fromEntries(cells.map((v, i) => [`T4.R1.C${i + 1}`, v]));
    const upheld = '被申请行政复议3件，均获维持。';
    expect(textFindings(read([upheld], { report: withCells(base, t4([3, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1])) }))).toEqual([]);
    expect(textFindings(read([upheld], { report: withCells(base, t4([2, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])) })).map((f) => f.cells)).toEqual([['T4.R1.C4']]);
    const noLoss = '行政诉讼零败诉。';
    expect(textFindings(read([noLoss], { report: withCells(base, t4([0, 2, 0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0])) }))).toEqual([]);
    expect(textFindings(read([noLoss], { report: withCells(base, t4([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1])) })).map((f) => f.cells)).toEqual([['T4.R1.C12']]);
  });

  test('"共受理749件" is 本年新收 + 上年结转 (沭阳县人民政府 2025: 713 + 36)', () => {
    const shuyang = fixture('shuyang-county-2025.json');
    const r = read(['2025年，我县共受理政府信息公开申请749件，办结718件，结转下年度继续办理31件。'], { report: shuyang });
    expect(r.report.org).toBe('沭阳县人民政府');
    expect(textFindings(r)).toEqual([]);
    expect(r.findings.filter((f) => f.rule.startsWith('T2.'))).toEqual([]);
    expect(textFindings(read(['2025年，我县共受理政府信息公开申请750件。'], { report: shuyang })).map((f) => f.rule)).toEqual(['text.received']);
  });

  test('counts in Chinese numerals are read', () => {
    expect(parseCount('十二')).toBe(12);
    expect(parseCount('两')).toBe(2);
    expect(parseCount('一百零五')).toBe(105);
    expect(parseCount('３６')).toBe(36);
    const report = withCells(base, {});
    const r = read([`共收到政府信息公开申请${['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'][received] ?? received}件。`], { report });
    expect(textFindings(r)).toEqual([]);
  });

  test('only part 一 is read: figures elsewhere (last year, in part 五) are not compared', () => {
    const r = read(['本年度依申请公开工作平稳有序。'], { partFive: `2023年共收到政府信息公开申请${received + 10}件，办理时效有待提高。` });
    expect(textFindings(r)).toEqual([]);
  });

  test('a table that could not be read is not compared', () => {
    const blocks = reportBlocks(base, { partOne: ['本年未收到政府信息公开申请。'], tables: { T3: [officialRows('T3', base).slice(0, 10)] } });
    const r = importDocument(parseFlatText(flatDocument(blocks)));
    expect(r.unreadable).toEqual(['T3']);
    expect(textFindings(r)).toEqual([]);
  });
});

describe('part 六 and the 信息处理费', () => {
  test('stating none charged is enough', () => {
    for (const six of [['本年度未收取信息处理费。'], ['按照国办函〔2020〕109号规定的按件、按量收费标准，本年度没有产生信息公开处理费。'], ['本机关收取信息处理费共计0.02万元。']]) {
      expect(textFindings(read([], { partSix: six }))).toEqual([]);
    }
  });

  test('part 六 without it is a warning', () => {
    const r = read([], { partSix: ['本年度无其他需要报告的事项。'] });
    expect(textFindings(r)).toEqual([{ rule: 'text.fee', severity: 'warning', table: null, cells: [], params: { where: '正文第六部分“其他需要报告事项”' } }]);
    expect(renderFinding(textFindings(r)[0])).toBe('正文第六部分“其他需要报告事项”未说明本年度收取信息处理费的情况（未收取也应写明）');
  });

  test('no part 六 at all, and no mention anywhere: the warning says the part is missing', () => {
    const blocks = reportBlocks(base, { partSix: [] }).filter((b) => b !== '六、其他需要报告事项');
    const r = importDocument(parseFlatText(flatDocument(blocks)));
    expect(textFindings(r).map((f) => [f.rule, f.params?.where ?? f.params?.parts])).toEqual([
      ['text.partMissing', '六'],
      ['text.fee', '正文（未找到第六部分“其他需要报告事项”）'],
    ]);
  });

  test('"其它需要报告事项" and "其他需要报告的事项" are part 六 too', () => {
    for (const title of ['六、其它需要报告事项', '六、其他需要报告的事项']) {
      const blocks = reportBlocks(base, { partSix: ['本年度未收取信息处理费。'] }).map((b) => (b === '六、其他需要报告事项' ? title : b));
      const r = importDocument(parseFlatText(flatDocument(blocks)));
      expect(r.prose!.parts['六']).toEqual(['本年度未收取信息处理费。']);
      expect(textFindings(r)).toEqual([]);
    }
  });
});

describe('the title', () => {
  test.each([
    ['六安市金安区木厂镇2024年政府信息公开工作年度报告', '木厂镇', 2024],
    ['沭阳县人民政府2025年政府信息公开工作年度报告', '沭阳县人民政府', 2025],
    ['2023年度沭阳县发展和改革局政府信息公开工作年度报告', '沭阳县发展和改革局', 2023],
    ['某市某区某街道2024年度政府信息公开工作年度报告', '某市某区某街道', 2024],
  ])('%s → %s, %i', (title, org, year) => {
    const short = String(org);
    const r = importDocument(parseFlatText(flatDocument(reportBlocks({ ...base, org: short, year: Number(year) }, { title: String(title) }))));
    expect([r.report.org, r.report.year]).toEqual([org, year]);
  });

  test('a title broken over two lines, and a year only in the statistics period', () => {
    const two = reportBlocks(base, { title: '某县市场监督管理局2024年政府\n信息公开工作年度报告' });
    expect(importDocument(parseFlatText(flatDocument(two))).report.year).toBe(2024);
    const none = reportBlocks(base, { title: '政府信息公开工作年度报告' });
    // A sentence citing a notice about the reports is not a title.
    none.splice(1, 0, '根据《关于做好2024年度政府信息公开工作年度报告编制和发布工作的通知》要求编制。');
    const r = importDocument(parseFlatText(flatDocument(none)));
    expect([r.report.org, r.report.year]).toEqual(['', 2024]);
  });
});

describe('the six parts, by their wording', () => {
  const blocksWith = (rename: Record<string, string>, extra: string[] = []) =>
    reportBlocks(base, { partSix: ['本年度未收取信息处理费。'] })
      .map((b) => (typeof b === 'string' && rename[b] !== undefined ? rename[b] : b))
      .concat(extra);
  const partsOf = (blocks: ReturnType<typeof reportBlocks>) => importDocument(parseFlatText(flatDocument(blocks)));

  test('the variants real reports print are the official parts, and draw nothing', () => {
    const r = partsOf(
      blocksWith({
        [TABLE_TITLES.T4]: '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况',
        '五、存在的主要问题及改进情况': '五、政府信息公开工作存在的主要问题及改进措施',
        '六、其他需要报告事项': '六、其它需要报告事项',
      }),
    );
    expect(r.prose!.headings.map((h) => h.part)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(textFindings(r)).toEqual([]);
  });

  test('renumbered parts are found by their titles', () => {
    const r = partsOf(blocksWith({ '五、存在的主要问题及改进情况': '四、存在的主要问题及改进情况', '六、其他需要报告事项': '五、其他需要报告事项' }));
    expect(r.prose!.parts['六']).toEqual(['本年度未收取信息处理费。']);
    expect(textFindings(r)).toEqual([]);
  });

  test('two parts run together on one line are cut apart', () => {
    const blocks = reportBlocks(base, { partSix: [] });
    const i = blocks.indexOf('五、存在的主要问题及改进情况');
    blocks.splice(i, 3, '五、存在的主要问题及改进情况：一是公开内容不够全面。六、其他需要报告事项 本年度未收取信息处理费。');
    const r = partsOf(blocks.filter((b) => b !== '六、其他需要报告事项'));
    expect(r.prose!.parts['五']).toEqual(['一是公开内容不够全面。']);
    expect(r.prose!.parts['六']).toEqual(['本年度未收取信息处理费。']);
    expect(textFindings(r)).toEqual([]);
  });

  test('a list numbered 一、二、 inside part 五 does not start new parts', () => {
    const blocks = reportBlocks(base);
    const i = blocks.indexOf('五、存在的主要问题及改进情况');
    blocks.splice(i + 1, 1, '一、存在的问题', '公开内容不够全面。', '二、改进措施', '加强解读。');
    const r = partsOf(blocks);
    expect(r.prose!.parts['五']).toEqual(['一、存在的问题', '公开内容不够全面。', '二、改进措施', '加强解读。']);
    expect(textFindings(r)).toEqual([]);
  });

  test('part 六 that is just "无" says nothing of the fee', () => {
    expect(textFindings(read([], { partSix: ['无'] })).map((f) => f.rule)).toEqual(['text.fee']);
  });

  test('a missing part 五 is named; parts out of order are named with their headings', () => {
    const missing = partsOf(reportBlocks(base).filter((b) => b !== '五、存在的主要问题及改进情况' && b !== '一是公开内容不够全面；二是解读形式较为单一。'));
    expect(textFindings(missing).map((f) => [f.rule, f.params?.parts])).toEqual([['text.partMissing', '五']]);
  });
});

describe('the format cited, the period and the years', () => {
  const withIntro = (intro: string, year = 2024) => {
    const report = { ...base, year };
    const blocks = reportBlocks(report);
    blocks.splice(1, 1, intro);
    return textFindings(importDocument(parseFlatText(flatDocument(blocks))));
  };

  test('the 2021 format cited, the period of the report year: nothing', () => {
    expect(withIntro('本报告依据国办公开办函〔2021〕30号编制，统计期限自2024年1月1日起至2024年12月31日止。')).toEqual([]);
  });

  test('a 2021-or-later report citing the 2019 format', () => {
    const found = withIntro('本报告依据国办公开办函〔2019〕60号编制，统计期限自2024年1月1日起至2024年12月31日止。');
    expect(found.map((f) => f.rule)).toEqual(['text.citation']);
    expect(renderFinding(found[0])).toContain('国办公开办函〔2019〕60号格式已被取代');
  });

  test('a garbled number', () => {
    expect(withIntro('本报告依据国办公开办函〔202130号编制，统计期限自2024年1月1日起至2024年12月31日止。').map((f) => f.params?.detail)).toEqual(['文号“国办公开办函〔202130号”有误，应为“国办公开办函〔2021〕30号”']);
  });

  test('the statistical period of last year (统计期限从2024年1月1日… in a 2025 report)', () => {
    const found = withIntro('本年度报告中所列数据统计期限从2024年1月1日到12月31日止。', 2025);
    expect(found.map((f) => [f.rule, f.params?.stated, f.params?.year])).toEqual([['text.period', 2024, 2025]]);
  });

  test('years that belong in the text draw nothing: 结转 from last year, last year\'s problems in part 五', () => {
    const r = read([`${base.year}年，共收到政府信息公开申请${received}件（含${base.year! - 1}年结转${carriedIn}件）。`], { partFive: `${base.year! - 1}年度存在问题及改进情况：${base.year! - 1}年，我局解读形式较为单一。` });
    expect(textFindings(r).filter((f) => f.rule === 'text.year' || f.rule === 'text.period')).toEqual([]);
  });

  test('part 一 opening on last year', () => {
    const r = read([`${base.year! - 1}年，我局严格落实政府信息公开条例。`]);
    expect(textFindings(r).map((f) => [f.rule, f.params?.stated])).toEqual([['text.year', base.year! - 1]]);
  });
});

describe('part 一 with its sections numbered 一、二、… as parts are', () => {
  test('the sections stay in part 一, the statements in them are read, and no part is out of order', () => {
    const blocks = reportBlocks(base, { partOne: ['二、依申请公开情况', `本年度新收政府信息公开申请${received + 1}件。`, '三、政府信息管理', '严格审核。', '四、政府信息公开平台建设', '五、监督保障'] });
    const r = importDocument(parseFlatText(flatDocument(blocks)));
    expect(r.prose!.headings.map((h) => h.part)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(textFindings(r).map((f) => f.rule)).toEqual(['text.received']);
  });
});
