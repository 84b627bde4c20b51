/** The drafted outline: official order and headings, sentences from the tables, blanks where a cell holds no usable number. */
import { REPORT_FORMAT, Report } from '../../src/core/report';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { BLANK_TEXT, OutlineBlock, PART_HEADINGS, blockText, outline } from '../../src/export';
import { fixture, withCells } from '../helpers/reports';

const county = fixture('shuyang-county-2025.json');
const zeros: Report = { format: REPORT_FORMAT, org: '木厂镇', year: 2024, cells: Object.fromEntries(CELL_IDS.map((id) => [id, 0])) };
const texts = (r: Report, kind?: OutlineBlock['kind']) => outline(r).filter((b) => !kind || b.kind === kind).map(blockText);
const sentenceWith = (r: Report, needle: string) => texts(r, 'body').find((t) => t.includes(needle)) ?? '';

describe('the outline', () => {
  test('title, then the six parts in the official order with the official headings, each table under its part', () => {
    const blocks = outline(county);
    expect(blockText(blocks[0])).toBe('沭阳县人民政府2025年政府信息公开工作年度报告');
    expect(texts(county, 'h1')).toEqual([...PART_HEADINGS]);
    expect(PART_HEADINGS).toEqual(['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告事项']);
    expect(texts(county, 'h2')).toEqual(['（一）主动公开情况', '（二）依申请公开情况', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障']);
    const order = blocks.map((b) => (b.kind === 'table' ? b.table : b.kind === 'h1' ? blockText(b) : null)).filter((x) => x !== null);
    expect(order).toEqual([PART_HEADINGS[0], TABLES.T2.title, 'T2', TABLES.T3.title, 'T3', TABLES.T4.title, 'T4', PART_HEADINGS[4], PART_HEADINGS[5]]);
  });

  test('without a body or year, the title asks for them instead of inventing them', () => {
    expect(blockText(outline({ ...county, org: ' ', year: null })[0])).toBe('【请填写：机关名称】【请填写：年度】年政府信息公开工作年度报告');
  });

  test('what the tables cannot say is a visible prompt, one per section of part 一 and in parts 五 and 六', () => {
    const prompts = texts(county, 'body').filter((t) => t.startsWith('【请填写：'));
    expect(prompts).toEqual(expect.arrayContaining(['【请填写：本年度政府信息管理工作】', '【请填写：本年度政府信息公开平台建设】']));
    expect(prompts.length).toBeGreaterThanOrEqual(8);
  });
});

describe('sentences drafted from the tables', () => {
  test('一（一）: 规章 and 行政规范性文件 from 表二', () => {
    expect(sentenceWith(county, '规章')).toBe('2025年，沭阳县人民政府制发规章0件、废止0件，现行有效规章0件；制发行政规范性文件6件、废止1件，现行有效行政规范性文件32件。');
  });

  test('一（二）: received, by applicant type, carried in, results by category, carried out', () => {
    expect(sentenceWith(county, '新收')).toBe(
      '2025年，沭阳县人民政府新收政府信息公开申请713件，其中自然人申请705件、法人或其他组织申请8件（商业企业3件、法律服务机构5件）；上年结转政府信息公开申请36件。' +
        '本年度办结政府信息公开申请718件，其中予以公开294件、部分公开101件、不予公开32件、无法提供113件、不予处理19件、其他处理159件；结转下年度继续办理31件。',
    );
  });

  test('no applications at all: "未收到政府信息公开申请", and no case under 表四', () => {
    expect(sentenceWith(zeros, '未收到')).toBe('2024年，木厂镇未收到政府信息公开申请。');
    expect(sentenceWith(zeros, '行政复议')).toBe('本年度未发生政府信息公开行政复议、行政诉讼案件。');
  });

  test('行政复议 and 行政诉讼 from 表四, 行政诉讼 being both groups', () => {
    expect(sentenceWith(county, '行政复议')).toBe(
      '本年度因政府信息公开被申请行政复议61件，其中结果维持27件、结果纠正10件、其他结果9件、尚未审结15件；' +
        '因政府信息公开被提起行政诉讼13件，其中未经复议直接起诉3件（结果维持3件、结果纠正0件、其他结果0件、尚未审结0件）、复议后起诉10件（结果维持8件、结果纠正0件、其他结果1件、尚未审结1件）。',
    );
  });

  test('part 六 states the 信息处理费 with a visible blank for the amount', () => {
    expect(sentenceWith(county, '信息处理费')).toBe(`按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度收取信息处理费${BLANK_TEXT}元。`);
  });

  test.each([
    ['a note inside the cell', '22（其中修订16件）'],
    ['a blank', null],
    ['a placeholder', '/'],
    ['a negative count', -2],
    ['a fraction of a case', 2.5],
  ])('a cell holding no usable number (%s) is never stated: its sentence leaves a blank', (_name, v) => {
    const r = withCells(county, { 'T2.R2.C1': v, 'T3.R1.C7': v, 'T3.R9.C7': v, 'T4.R1.C5': v, 'T4.R1.C15': v });
    expect(sentenceWith(r, '规章')).toContain(`制发行政规范性文件${BLANK_TEXT}件`);
    expect(sentenceWith(r, '新收')).toContain(`新收政府信息公开申请${BLANK_TEXT}件`);
    // 不予公开 adds up 8 rows; one of them unusable leaves the category blank.
    expect(sentenceWith(r, '新收')).toContain(`不予公开${BLANK_TEXT}件`);
    expect(sentenceWith(r, '行政复议')).toContain(`被申请行政复议${BLANK_TEXT}件`);
    expect(sentenceWith(r, '行政复议')).toContain(`被提起行政诉讼${BLANK_TEXT}件`);
    expect(texts(r).join('')).not.toMatch(/22件|申请-?2\.?5?件/);
  });

  test('full-width digits are stated as the number they show', () => {
    expect(sentenceWith(withCells(county, { 'T3.R1.C7': '７１３' }), '新收')).toContain('新收政府信息公开申请713件');
  });
});
