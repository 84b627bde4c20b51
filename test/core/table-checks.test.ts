/**
 * 表二 beyond the arithmetic: who may make 规章 (立法法 2023 art. 91, 93), judged from the body's
 * name; and 现行有效 figures that cannot be true.
 */
import { authorityOf } from '../../src/core/body';
import { renderFinding } from '../../src/core/render';
import { check } from '../../src/core/engine';
import type { Report } from '../../src/core/report';
import type { TableId } from '../../src/core/tables';
import { consistentReport, t2, withCells } from './helpers';

/** The engine's findings of the 表二 rules beyond the arithmetic: they run wherever a report is checked. */
const T2_RULES = ['T2.rulesAuthority', 'T2.rulesAuthorityUnclear', 'T2.inForceShort', 'T2.inForceZero'];
const tableFindings = (report: Report, unreadable: TableId[] = []) => check(report, { unreadable }).filter((f) => T2_RULES.includes(f.rule));

describe('authorityOf: the body from its name', () => {
  test.each([
    // 立法法 art. 91: national bodies.
    '教育部',
    '中华人民共和国财政部',
    '国家发展和改革委员会',
    '中国人民银行',
    '审计署',
    '海关总署',
    '国家税务总局',
    // art. 93: 省、自治区、直辖市、设区的市、自治州 governments, and the office reporting for one.
    '江苏省人民政府',
    '上海市人民政府办公厅',
    '北京市人民政府',
    '新疆维吾尔自治区人民政府',
    '宿迁市人民政府',
    '江苏省宿迁市人民政府办公室',
    '广州市人民政府',
    '东莞市人民政府',
    '延边朝鲜族自治州人民政府',
  ])('%s may make 规章', (name) => {
    expect(authorityOf(name)).toEqual({ kind: 'may' });
  });

  test.each([
    ['沭阳县人民政府', '县级'],
    ['沭阳县发展和改革局', '县级'],
    ['某县住房和城乡建设局', '县级'],
    ['国家税务总局沭阳县税务局', '县级'],
    ['上海市普陀区人民政府', '市辖区'],
    ['连云港市赣榆区人民政府办公室', '市辖区'],
    ['上海市浦东新区人民政府', '市辖区'],
    ['瑞安市科学技术局', '县级市'],
    ['温州市瑞安市人民政府', '县级市'],
    ['湖北省仙桃市人民政府', '县级市'],
    ['木厂镇', '乡镇、街道'],
    ['六安市金安区木厂镇', '乡镇、街道'],
    ['兴化市沙沟镇人民政府', '乡镇、街道'],
    ['某市某区某街道', '乡镇、街道'],
    ['洛浦县纳瓦乡', '乡镇、街道'],
  ])('%s cannot (%s)', (name, level) => {
    expect(authorityOf(name)).toMatchObject({ kind: 'cannot', level });
  });

  test.each([
    '上海市财政局',
    '江苏省科学技术厅',
    '湛江市人民政府地方志办公室',
    '徐圩新区',
    '锡林郭勒盟行政公署',
    '某市人民政府',
    '测试机关',
  ])('%s: the name does not tell, or names a department', (name) => {
    expect(authorityOf(name).kind).toBe('unclear');
  });

  test('a department name with 城市, 城乡 or 市场 is not read as a place', () => {
    expect(authorityOf('苏州市城市管理局').kind).toBe('unclear');
    expect(authorityOf('宿迁市市场监督管理局').kind).toBe('unclear');
    expect(authorityOf('宿迁市住房和城乡建设局').kind).toBe('unclear');
  });
});

const base = consistentReport({ org: '宿迁市人民政府', t2Documents: [[2, 1, 30], [6, 1, 32]] });

describe('T2.rulesAuthority', () => {
  test('a county government reporting 规章: an error naming the figures and the level', () => {
    const report = { ...base, org: '沭阳县人民政府' };
    const found = tableFindings(report);
    expect(found).toEqual([
      { rule: 'T2.rulesAuthority', severity: 'error', table: 'T2', cells: [t2(1, 1), t2(1, 2), t2(1, 3)], params: { org: '沭阳县人民政府', figures: '本年制发件数2件、本年废止件数1件、现行有效件数30件', seat: '沭阳县', level: '县级' } },
    ]);
    expect(renderFinding(found[0])).toContain('“沭阳县人民政府”属于县级（沭阳县）');
  });

  test('nothing where the body may make them, or where 规章 are all 0', () => {
    expect(tableFindings(base)).toEqual([]);
    expect(tableFindings(withCells({ ...base, org: '木厂镇' }, { [t2(1, 1)]: 0, [t2(1, 2)]: 0, [t2(1, 3)]: 0 }))).toEqual([]);
  });

  test('T2 unreadable: nothing', () => {
    expect(tableFindings({ ...base, org: '沭阳县人民政府' }, ['T2'])).toEqual([]);
  });
});

describe('T2.rulesAuthorityUnclear', () => {
  test('a department of a city government reporting 规章: a warning with the reason', () => {
    const found = tableFindings({ ...base, org: '宿迁市财政局' });
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['T2.rulesAuthorityUnclear', 'warning']]);
    expect(renderFinding(found[0])).toContain('“宿迁市财政局”是政府工作部门，地方政府规章由宿迁市人民政府制定');
  });
});

describe('T2.inForceShort', () => {
  test('现行有效 below 本年制发 − 本年废止', () => {
    const found = tableFindings(withCells(base, { [t2(2, 1)]: 6, [t2(2, 2)]: 1, [t2(2, 3)]: 4 }));
    expect(found).toEqual([{ rule: 'T2.inForceShort', severity: 'warning', table: 'T2', cells: [t2(2, 1), t2(2, 2), t2(2, 3)], params: { row: '行政规范性文件', issued: 6, repealed: 1, inForce: 4 } }]);
    expect(renderFinding(found[0])).toBe('表二“行政规范性文件”：本年制发6件、本年废止1件，现行有效只有4件，少于本年制发减本年废止：本年制发且未废止的文件应计入现行有效，请核实');
  });

  test('equal is fine', () => {
    expect(tableFindings(withCells(base, { [t2(2, 1)]: 6, [t2(2, 2)]: 1, [t2(2, 3)]: 5 }))).toEqual([]);
  });
});

describe('T2.inForceZero', () => {
  test('本年制发 > 0 with 现行有效 0 (all repealed: the short rule does not speak)', () => {
    const found = tableFindings(withCells(base, { [t2(2, 1)]: 2, [t2(2, 2)]: 3, [t2(2, 3)]: 0 }));
    expect(found.map((f) => f.rule)).toEqual(['T2.inForceZero']);
  });

  test('both would fire: only the short rule speaks', () => {
    expect(tableFindings(withCells(base, { [t2(2, 1)]: 2, [t2(2, 2)]: 0, [t2(2, 3)]: 0 })).map((f) => f.rule)).toEqual(['T2.inForceShort']);
  });
});

test('the 规章 rules need the body: a custom function, which knows only the tables, does not raise them', () => {
  const report = { ...consistentReport(), org: '木厂镇人民政府' };
  expect(check(report).map((f) => f.rule)).toContain('T2.rulesAuthority');
  expect(check(report, { metadata: false }).map((f) => f.rule)).not.toContain('T2.rulesAuthority');
});

test('a 现行有效 cell left blank or "/" is not doubted: only figures someone wrote are compared', () => {
  const base = consistentReport();
  expect(tableFindings(withCells(base, { [t2(2, 1)]: 6, [t2(2, 2)]: 1, [t2(2, 3)]: null }))).toEqual([]);
  expect(tableFindings(withCells(base, { [t2(2, 1)]: 6, [t2(2, 2)]: 1, [t2(2, 3)]: '/' }))).toEqual([]);
  expect(tableFindings(withCells(base, { [t2(2, 1)]: 6, [t2(2, 2)]: 1, [t2(2, 3)]: 0 })).map((f) => f.rule)).toEqual(['T2.inForceShort']);
});
