/**
 * Precision and recall side by side, on real reports' own prose (test/fixtures/prose, each citing
 * its page; and the shared fixture muchang-town-2024.txt): the clean ones draw no text.* finding
 * and no error; each mutant — one sentence or one cell changed as reports get it wrong — draws
 * its finding.
 */
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { renderFinding } from '../../src/core/render';
import { REPORT_FORMAT, Report } from '../../src/core/report';
import { TABLES, TABLE_IDS, cellId } from '../../src/core/tables';
import { importDocument, parseFlatText } from '../../src/import';
import { DocBlock, flatDocument, officialRows } from '../helpers/documents';
import { FIXTURES, consistentReport } from '../helpers/reports';

interface ProseFixture {
  source: string;
  note: string;
  title: string;
  paragraphs: string[];
  /** 表二 rows 1–2: [本年制发, 本年废止, 现行有效]. */
  t2?: [number, number, number][];
  /** 表三 by row: the six applicant columns; totals are added. */
  t3?: Record<string, number[]>;
  /** 表四 per group: 维持, 纠正, 其他, 尚未审结. */
  t4?: number[][];
  /** The text.* rules the real text draws. */
  expect?: string[];
}

const DIR = path.join(__dirname, '../fixtures/prose');
const FIXTURE_NAMES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (name: string): ProseFixture => JSON.parse(fs.readFileSync(path.join(DIR, name.endsWith('.json') ? name : `${name}.json`), 'utf8'));

function cellsOf(f: ProseFixture): Report['cells'] {
  const cells: Record<string, number> = {};
  (f.t2 ?? [[0, 0, 0], [0, 0, 0]]).forEach((row, r) => row.forEach((v, c) => (cells[cellId('T2', r + 1, c + 1)] = v)));
  for (const r of [3, 4, 5, 6]) cells[cellId('T2', r, 1)] = 0;
  for (let r = 1; r <= 25; r++) {
    const row = f.t3?.[String(r)] ?? [0, 0, 0, 0, 0, 0];
    row.forEach((v, c) => (cells[cellId('T3', r, c + 1)] = v));
  }
  for (let c = 1; c <= 6; c++) {
    let sum = 0;
    for (let r = 3; r <= 23; r++) sum += cells[cellId('T3', r, c)];
    cells[cellId('T3', 24, c)] = sum;
  }
  for (let r = 1; r <= 25; r++) cells[cellId('T3', r, 7)] = [1, 2, 3, 4, 5, 6].reduce((s, c) => s + cells[cellId('T3', r, c)], 0);
  (f.t4 ?? [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]).forEach((g, i) => {
    g.forEach((v, k) => (cells[cellId('T4', 1, i * 5 + k + 1)] = v));
    cells[cellId('T4', 1, i * 5 + 5)] = g.reduce((a, b) => a + b, 0);
  });
  return cells;
}

/** The published text with its tables; parts 五 and 六 are ours when the page's opening is all we have. */
function documentOf(f: ProseFixture, cells: Report['cells'] = cellsOf(f), paragraphs = f.paragraphs): string {
  const report: Report = { format: REPORT_FORMAT, org: '', year: null, cells };
  const blocks: DocBlock[] = [
    f.title,
    ...paragraphs,
    ...TABLE_IDS.flatMap((t): DocBlock[] => [TABLES[t].title, { rows: officialRows(t, report) }]),
    '五、存在的主要问题及改进情况',
    '一是公开内容不够全面；二是解读形式较为单一。',
    '六、其他需要报告事项',
    '本年度未收取信息处理费。',
  ];
  return flatDocument(blocks);
}

const importText = (text: string) => importDocument(parseFlatText(text));
const textRules = (findings: Finding[]) => findings.filter((f) => f.rule.startsWith('text.')).map((f) => f.rule);
const errors = (r: ReturnType<typeof importText>) => [...r.findings, ...check(r.report, { unreadable: r.unreadable })].filter((f) => f.severity === 'error');

describe('precision: real reports draw no text.* finding and no error', () => {
  const clean = FIXTURE_NAMES.filter((n) => load(n).expect === undefined);

  test('there are real reports to read', () => {
    expect(clean.length).toBeGreaterThanOrEqual(8);
    for (const n of FIXTURE_NAMES) expect(load(n).source).toMatch(/^https?:\/\//);
  });

  test.each(clean)('%s', (name) => {
    const r = importText(documentOf(load(name)));
    expect(r.findings.filter((f) => f.rule.startsWith('text.')).map(renderFinding)).toEqual([]);
    expect(errors(r)).toEqual([]);
  });

  test('muchang-town-2024.txt, the whole published report', () => {
    const r = importText(fs.readFileSync(path.join(FIXTURES, 'muchang-town-2024.txt'), 'utf8'));
    expect(textRules(r.findings)).toEqual([]);
    expect(errors(r)).toEqual([]);
  });
});

describe('recall: real text that draws its finding', () => {
  test.each(FIXTURE_NAMES.filter((n) => load(n).expect !== undefined))('%s', (name) => {
    const f = load(name);
    expect(textRules(importText(documentOf(f)).findings)).toEqual(f.expect);
  });
});

type Mutant = [fixture: string, what: string, change: { text?: [string, string]; cells?: Record<string, number | null> }, rule: string];
const t3 = (r: number, c: number) => cellId('T3', r, c);
const t4 = (c: number) => cellId('T4', 1, c);

/** One change each, as reports get it wrong; the rest of the report stays as published. */
const MUTANTS: Mutant[] = [
  ['putuo-district-2025', '受理 stated wrong', { text: ['政府信息公开申请87件', '政府信息公开申请97件'] }, 'text.received'],
  ['putuo-district-2025', '答复 stated wrong', { text: ['答复政府信息公开申请83件', '答复政府信息公开申请85件'] }, 'text.completed'],
  ['putuo-district-2025', 'a share that is not of （七）总计', { text: ['占39.76%', '占37.93%'] }, 'text.result'],
  ['putuo-district-2025', '复议 count', { text: ['行政复议9件', '行政复议8件'] }, 'text.review'],
  ['putuo-district-2025', '"未发生被纠错" with a 复议 corrected', { cells: { [t4(1)]: 4, [t4(2)]: 1 } }, 'text.outcome'],
  ['putuo-district-2025', 'the statistical period of last year', { text: ['统计期限从2025年1月1日', '统计期限从2024年1月1日'] }, 'text.period'],
  ['putuo-district-2025', 'the format of 2019 cited in 2025', { text: ['本年度报告根据', '本年度报告根据国办公开办函〔2019〕60号和'] }, 'text.citation'],
  ['baoshan-office-2025', '上年结转 stated wrong', { text: ['含上年度结转35件', '含上年度结转30件'] }, 'text.carriedIn'],
  ['baoshan-office-2025', '不予公开 count', { text: ['不予公开10件', '不予公开12件'] }, 'text.result'],
  ['songjiang-district-2025', '结转 stated wrong', { text: ['结转到2026年58件', '结转到2026年57件'] }, 'text.carriedOut'],
  ['songjiang-district-2025', 'a rounded share off by more than rounding', { text: ['占30.1%', '占31.1%'] }, 'text.result'],
  ['songjiang-district-2025', '"无行政诉讼败诉" with a suit lost', { cells: { [t4(6)]: 29, [t4(7)]: 1 } }, 'text.outcome'],
  ['songjiang-district-2025', '诉讼 count', { text: ['行政诉讼44件', '行政诉讼45件'] }, 'text.litigation'],
  ['lianyun-district-2025', '办结 stated wrong', { text: ['办结申请103件', '办结申请105件'] }, 'text.completed'],
  ['lianyun-office-2025', '其他处理 beside 撤销 stated wrong', { text: ['其他处理3件', '其他处理4件'] }, 'text.result'],
  ['lianyun-office-2025', 'last year\'s opening kept', { text: ['2025年,我办坚持', '2024年,我办坚持'] }, 'text.year'],
  ['jiangsu-kjt-2024', '自然人 stated wrong', { text: ['其中29件为自然人申请', '其中27件为自然人申请'] }, 'text.applicant'],
  ['ruian-kjj-2024', '规范性文件 stated wrong', { text: ['新制发规范性文件1个', '新制发规范性文件2个'] }, 'text.normative'],
  ['ruian-kjj-2024', '"未发生…行政复议" with one', { cells: { [t4(1)]: 1, [t4(5)]: 1 } }, 'text.review'],
  ['luopu-nawa-2025', 'a 规章 announced', { text: ['主渠道作用。', '主渠道作用。本年度制定规章1件。'] }, 'text.regulations'],
  ['zhanjiang-dfz-2023', '"未接到信息公开申请" with one', { cells: { [t3(1, 1)]: 1, [t3(3, 1)]: 1, [t3(24, 1)]: 1, [t3(1, 7)]: 1, [t3(3, 7)]: 1, [t3(24, 7)]: 1 } }, 'text.received'],
  ['zhanjiang-dfz-2023', 'an old outline as a part', { text: ['一、总体情况', '一、政府信息公开的收费及减免情况'] }, 'text.outline'],
  [
    'jiangsu-kjt-2024',
    '"所有申请均已办结" with one carried over under 自然人, 总计 blank (上海市科委 2024)',
    { text: ['全部在规定时间内办结', '所有申请均已办结'], cells: { [t3(25, 1)]: 1, [t3(1, 1)]: 29, [t3(1, 7)]: 30, [t3(25, 7)]: null } },
    'text.allDone',
  ],
  ['putuo-district-2025', 'a fee notice said never issued while 表三（六）2 counts one', { text: ['均在法定期限内予以答复。', '均在法定期限内予以答复，未发出收费通知。'], cells: { [t3(23, 1)]: 40, [t3(22, 1)]: 1, [t3(22, 7)]: 1, [t3(23, 7)]: 40 } }, 'text.feeNotice'],
  ['dongbao-district-2024', '办结 stated wrong', { text: ['共办结24件', '共办结25件'] }, 'text.completed'],
  ['dongbao-district-2024', 'carried out under 自然人 only, with "均已办结"', { text: ['共办结24件,结转到2025年办理7件。', '共办结24件,均已办结。'] }, 'text.allDone'],
  ['pinghu-bureau-2024', '"均在规定时限内完成答复" with one carried over', { cells: { [t3(2, 1)]: 1, [t3(2, 7)]: 1, [t3(25, 1)]: 1, [t3(25, 7)]: 1 } }, 'text.allDone'],
  ['lianxi-district-2024', '制定规范性文件 stated wrong', { text: ['制定发布规范性文件4件', '制定发布规范性文件5件'] }, 'text.normative'],
  ['putuo-district-2025', 'parts run together, 六 before 五', { text: ['一、总体情况', '一、总体情况'] }, 'text.partOrder'],
];

describe('recall: each mutant draws its finding', () => {
  test.each(MUTANTS)('%s: %s → %s', (name, _what, change, rule) => {
    const f = load(name);
    const cells = { ...cellsOf(f), ...(change.cells ?? {}) };
    let text = documentOf(f, cells);
    if (rule === 'text.partOrder') text = text.replace('五、存在的主要问题及改进情况\n一是公开内容不够全面；二是解读形式较为单一。\n六、其他需要报告事项\n本年度未收取信息处理费。\n', '六、其他需要报告事项\n本年度未收取信息处理费。\n五、存在的主要问题及改进情况\n一是公开内容不够全面；二是解读形式较为单一。\n');
    if (change.text) {
      expect(text).toContain(change.text[0]);
      text = text.replace(change.text[0], change.text[1]);
    }
    const found = importText(text).findings.filter((x) => x.rule.startsWith('text.'));
    expect(found.map((x) => x.rule)).toEqual([rule]);
    // The message quotes the sentence (or, for the parts, names them).
    expect(renderFinding(found[0])).toMatch(/正文/);
  });
});

/**
 * The sentences the Word export drafts from the tables (src/export/draft.ts on its own branch),
 * in the same words: they must draw no text.* finding on any report, corrected cases included.
 */
function draftedParagraphs(report: Report): string[] {
  const v = (id: string) => report.cells[id] as number;
  const t3 = (r: number, c = 7) => v(cellId('T3', r, c));
  const sum = (rows: number[], c = 7) => rows.reduce((s, r) => s + t3(r, c), 0);
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const who = `${report.year}年，${report.org}`;
  const docs = (r: number, name: string) => `制发${name}${v(cellId('T2', r, 1))}件、废止${v(cellId('T2', r, 2))}件，现行有效${name}${v(cellId('T2', r, 3))}件`;
  const legal = [2, 3, 4, 5, 6].map((c) => t3(1, c));
  const names = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
  const named = legal.map((x, i) => (x > 0 ? `${names[i]}${x}件` : '')).filter(Boolean);
  const received = t3(1) === 0 ? '未收到政府信息公开申请' : `新收政府信息公开申请${t3(1)}件，其中自然人申请${t3(1, 1)}件、法人或其他组织申请${legal.reduce((a, b) => a + b, 0)}件${named.length ? `（${named.join('、')}）` : ''}`;
  const cats: [string, number[]][] = [['予以公开', [3]], ['部分公开', [4]], ['不予公开', range(5, 12)], ['无法提供', range(13, 15)], ['不予处理', range(16, 20)], ['其他处理', range(21, 23)]];
  const t4 = (g: number) => [1, 2, 3, 4, 5].map((i) => v(cellId('T4', 1, g * 5 + i)));
  const parts = (g: number) => ['结果维持', '结果纠正', '其他结果', '尚未审结'].map((o, i) => `${o}${t4(g)[i]}件`).join('、');
  const litigation = t4(1)[4] + t4(2)[4];
  const review =
    t4(0)[4] === 0 && litigation === 0
      ? '本年度未发生政府信息公开行政复议、行政诉讼案件。'
      : `本年度${t4(0)[4] === 0 ? '未发生政府信息公开行政复议案件；' : `因政府信息公开被申请行政复议${t4(0)[4]}件，其中${parts(0)}；`}${
          litigation === 0 ? '未发生政府信息公开行政诉讼案件。' : `因政府信息公开被提起行政诉讼${litigation}件，其中未经复议直接起诉${t4(1)[4]}件（${parts(1)}）、复议后起诉${t4(2)[4]}件（${parts(2)}）。`
        }`;
  return [
    `本报告依据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制，统计期限自${report.year}年1月1日起至${report.year}年12月31日止。`,
    '一、总体情况',
    '（一）主动公开情况',
    `${who}${docs(1, '规章')}；${docs(2, '行政规范性文件')}。`,
    '（二）依申请公开情况',
    `${who}${received}；上年结转政府信息公开申请${t3(2)}件。本年度办结政府信息公开申请${t3(24)}件，${cats.map(([c, rows], i) => `${i === 0 ? '其中' : '、'}${c}${sum(rows)}件`).join('')}；结转下年度继续办理${t3(25)}件。`,
    review,
  ];
}

describe('precision: sentences as the Word export drafts them', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const generated = consistentReport(seed, seed % 2 ? '宿迁市人民政府' : '某县市场监督管理局', 2025);
    const f: ProseFixture = { source: '', note: '', title: `${generated.org}2025年政府信息公开工作年度报告`, paragraphs: draftedParagraphs(generated) };
    const text = documentOf(f, generated.cells, f.paragraphs).replace('本年度未收取信息处理费。', '按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度收取信息处理费____元。');
    const r = importText(text);
    expect(r.report.cells).toEqual(generated.cells);
    expect(r.findings.filter((x) => x.rule.startsWith('text.')).map(renderFinding)).toEqual([]);
  });
});
