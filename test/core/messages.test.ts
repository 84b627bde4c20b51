/**
 * Every rule speaks Chinese, and every message it can produce is complete: a guard in the spirit
 * of zod's locale parity tests. A rule added without a representative finding here fails the
 * coverage test below.
 */
import { check } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { reportFromGrids } from '../../src/core/grid';
import { locationOf, renderFinding } from '../../src/core/render';
import { EQUATION_RULES, RULE_IDS, RULES, rule } from '../../src/core/rules';
import { CELL_IDS } from '../../src/core/tables';
import { CHINESE, bump, consistentReport, priorFor, t2, t3, t4, tableGrids, withCells } from './helpers';
import { LEDGER_REPRESENTATIVE } from '../ledger/helpers';

const base = consistentReport();
const prior = priorFor(base);
const UNFILLED_SLOT = /\{\w+\}/;

/** The single finding of `ruleId` among `findings`. */
function only(findings: Finding[], ruleId: string): Finding {
  const found = findings.filter((f) => f.rule === ruleId);
  if (found.length === 0) throw new Error(`no ${ruleId} finding among ${findings.map((f) => f.rule).join(', ')}`);
  return found[0];
}

const shapeGrids = () => {
  const g = tableGrids(base);
  return { ...g, T3: g.T3.slice(1) };
};
const labelGrids = () => {
  const g = tableGrids(base);
  return { ...g, T2: g.T2.map((row, i) => (i === 3 ? ['规范性文件', ...row.slice(1)] : row)) };
};

/** A representative finding for each rule, produced the way users meet it wherever possible. */
const REPRESENTATIVE: Record<string, () => Finding> = {
  // The register's rules (src/ledger): real findings of analysed registers.
  ...LEDGER_REPRESENTATIVE,
  'T3.balance': () => only(check(bump(base, { [t3(1, 1)]: 1, [t3(1, 7)]: 1 })), 'T3.balance'),
  'T3.resultTotal': () => only(check(bump(base, { [t3(5, 1)]: 1, [t3(5, 7)]: 1 })), 'T3.resultTotal'),
  'T3.applicantTotal': () => only(check(bump(base, { [t3(24, 7)]: 1 })), 'T3.applicantTotal'),
  'T4.groupTotal': () => only(check(bump(base, { [t4(10)]: 1 })), 'T4.groupTotal'),
  'prior.carryOver': () => only(check(base, { prior: bump(prior, { [t3(25, 2)]: 1 }) }), 'prior.carryOver'),
  'prior.inForce': () => only(check(base, { prior: bump(prior, { [t2(2, 3)]: 1 }) }), 'prior.inForce'),
  'cell.blank': () => only(check(withCells(base, { [t2(3, 1)]: null })), 'cell.blank'),
  'cell.placeholder': () => only(check(withCells(base, { [t2(3, 1)]: '—' })), 'cell.placeholder'),
  'cell.normalized': () => only(check(withCells(base, { [t2(3, 1)]: ' １,２３４ ' })), 'cell.normalized'),
  'cell.notNumber': () => only(check(withCells(base, { [t2(1, 3)]: '55（含自然失效29件）' })), 'cell.notNumber'),
  'cell.excelError': () => only(check(withCells(base, { [t3(1, 1)]: '#DIV/0!' })), 'cell.excelError'),
  'cell.negative': () => only(check(withCells(base, { [t2(5, 1)]: -3 })), 'cell.negative'),
  'cell.fraction': () => only(check(withCells(base, { [t4(1)]: 1.5 })), 'cell.fraction'),
  'cell.tooLarge': () => only(check(withCells(base, { [t3(3, 1)]: 1e308 })), 'cell.tooLarge'),
  'meta.year': () => only(check({ ...base, year: null }), 'meta.year'),
  'meta.org': () => only(check({ ...base, org: '' }), 'meta.org'),
  'meta.formatYear': () => only(check({ ...base, year: 2020 }), 'meta.formatYear'),
  'prior.year': () => only(check(base, { prior: { ...prior, year: 2021 } }), 'prior.year'),
  'prior.yearMissing': () => only(check(base, { prior: { ...prior, year: null } }), 'prior.yearMissing'),
  'prior.org': () => only(check(base, { prior: { ...prior, org: '另一个机关' } }), 'prior.org'),
  'T3.onlyTotals': () => ({ rule: 'T3.onlyTotals', severity: 'warning', table: 'T3', cells: [] }),
  'prior.notNumber': () => only(check(base, { prior: withCells(prior, { [t3(25, 1)]: '见说明' }) }), 'prior.notNumber'),
  'layout.shape': () => only(reportFromGrids(shapeGrids()).findings, 'layout.shape'),
  'layout.label': () => only(reportFromGrids(labelGrids()).findings, 'layout.label'),
  'layout.missing': () => ({ rule: 'layout.missing', severity: 'error', table: 'T4', cells: [], params: { detail: '文件中没有表格“四、政府信息公开行政复议、行政诉讼情况”' } }),
  // Raised by the importers (src/import), as test/import produces them from real-looking files.
  'format.outdated': () => ({ rule: 'format.outdated', severity: 'error', table: null, cells: [], params: { year: 2022, evidence: '表二有“本年新制作数量”“政府集中采购”', detail: '表二按旧格式填写，与现行格式的栏目不同，未读取；表三、表四已读取并校验' } }),
  'format.edition2019': () => ({ rule: 'format.edition2019', severity: 'warning', table: null, cells: [], params: { evidence: '表三“（六）其他处理”只有一行', detail: '表三、表四已读取并校验' } }),
  'import.missingRow': () => ({ rule: 'import.missingRow', severity: 'error', table: 'T3', cells: [t3(17, 1)], params: { label: '（五）不予处理2.重复申请' } }),
  'import.unplaced': () => ({ rule: 'import.unplaced', severity: 'error', table: 'T3', cells: [t3(3, 1)], params: { label: '（一）予以公开', found: 6, expected: 7 } }),
  'import.otherCombined': () => ({ rule: 'import.otherCombined', severity: 'warning', table: 'T3', cells: [t3(21, 1)], params: { total: 4 } }),
  'import.subtotal': () => ({ rule: 'import.subtotal', severity: 'warning', table: 'T3', cells: [t3(1, 2)], params: { label: '一、本年新收政府信息公开申请数量', subtotal: '9', sum: '8' } }),
  'import.labelVariant': () => ({ rule: 'import.labelVariant', severity: 'warning', table: 'T3', cells: [t3(6, 1)], params: { label: '2.其他法律行政止公开', official: '2.其他法律行政法规禁止公开' } }),
  'import.columnText': () => ({ rule: 'import.columnText', severity: 'error', table: null, cells: [], params: { tables: '表二、表三、表四' } }),
  'import.unknownRow': () => ({ rule: 'import.unknownRow', severity: 'warning', table: 'T2', cells: [], params: { label: '其他文件' } }),
  'import.duplicate': () => ({ rule: 'import.duplicate', severity: 'warning', table: 'T3', cells: [t3(3, 1)], params: { label: '（一）予以公开' } }),
  'import.header': () => ({ rule: 'import.header', severity: 'warning', table: 'T4', cells: [], params: { labels: '“未经复议直接起诉”“复议后起诉”' } }),
  'text.received': () => ({ rule: 'text.received', severity: 'warning', table: 'T3', cells: [t3(1, 7)], value: 3, params: { quote: '2024年我局未收到政府信息公开申请。', stated: 0, item: '表三“一、本年新收政府信息公开申请数量”总计' } }),
  'text.carriedIn': () => ({ rule: 'text.carriedIn', severity: 'warning', table: 'T3', cells: [t3(2, 7)], value: 2, params: { quote: '上年结转3件。', stated: 3, item: '表三“二、上年结转政府信息公开申请数量”总计' } }),
  'text.carriedOut': () => ({ rule: 'text.carriedOut', severity: 'warning', table: 'T3', cells: [t3(25, 7)], value: 1, params: { quote: '结转下年度继续办理2件。', stated: 2, item: '表三“四、结转下年度继续办理”总计' } }),
  'text.review': () => ({ rule: 'text.review', severity: 'warning', table: 'T4', cells: [t4(5)], value: 1, params: { quote: '未发生政府信息公开行政复议案件。', stated: 0, item: '表四“行政复议”总计' } }),
  'text.litigation': () => ({ rule: 'text.litigation', severity: 'warning', table: 'T4', cells: [t4(10), t4(15)], value: 2, params: { quote: '被提起行政诉讼3件。', stated: 3, item: '表四“行政诉讼”（未经复议直接起诉、复议后起诉）总计之和' } }),
  'text.fee': () => ({ rule: 'text.fee', severity: 'warning', table: null, cells: [], params: { where: '正文第六部分“其他需要报告事项”' } }),
  'text.completed': () => ({ rule: 'text.completed', severity: 'warning', table: 'T3', cells: [t3(24, 7)], value: 83, params: { quote: '答复政府信息公开申请85件。', stated: 85, item: '表三“三、本年度办理结果（七）总计”总计' } }),
  'text.applicant': () => ({ rule: 'text.applicant', severity: 'warning', table: 'T3', cells: [t3(1, 1)], value: 28, params: { quote: '其中27件为自然人申请。', stated: 27, item: '表三“一、本年新收政府信息公开申请数量”自然人栏' } }),
  'text.result': () => ({ rule: 'text.result', severity: 'warning', table: 'T3', cells: [t3(3, 7)], value: 389, params: { quote: '予以公开389件，占31.1%。', category: '予以公开', claim: '占31.1%', share: '，占“（七）总计”1292件的30.11%' } }),
  'text.regulations': () => ({ rule: 'text.regulations', severity: 'warning', table: 'T2', cells: [t2(1, 1)], value: 0, params: { quote: '本年度制定规章1件。', stated: 1, item: '表二“规章”本年制发件数' } }),
  'text.normative': () => ({ rule: 'text.normative', severity: 'warning', table: 'T2', cells: [t2(2, 1)], value: 1, params: { quote: '我局新制发规范性文件2个。', stated: 2, item: '表二“行政规范性文件”本年制发件数' } }),
  'text.outcome': () => ({ rule: 'text.outcome', severity: 'warning', table: 'T4', cells: [t4(2)], value: 1, params: { quote: '已审结案件中，未发生被纠错、败诉情况。', item: '表四行政复议“结果纠正”1件' } }),
  'text.allDone': () => ({ rule: 'text.allDone', severity: 'warning', table: 'T3', cells: [t3(25, 1)], value: 1, params: { quote: '所有申请均已办结。', where: '自然人栏1件' } }),
  'text.feeNotice': () => ({ rule: 'text.feeNotice', severity: 'warning', table: 'T3', cells: [t3(22, 7)], value: 1, params: { quote: '本年度未发出收费通知。' } }),
  'text.citation': () => ({ rule: 'text.citation', severity: 'warning', table: null, cells: [], params: { quote: '（国办公开办函〔202130号）', detail: '文号“国办公开办函〔202130号”有误，应为“国办公开办函〔2021〕30号”' } }),
  'text.period': () => ({ rule: 'text.period', severity: 'warning', table: null, cells: [], params: { quote: '统计期限从2024年1月1日到12月31日止。', stated: 2024, year: 2025 } }),
  'text.year': () => ({ rule: 'text.year', severity: 'warning', table: null, cells: [], params: { quote: '2024年，我办坚持…', stated: 2024, year: 2025 } }),
  'text.outline': () => ({ rule: 'text.outline', severity: 'warning', table: null, cells: [], params: { quote: '四、政府信息公开的收费及减免情况', evidence: '政府信息公开的收费及减免情况', year: 2024 } }),
  'text.partMissing': () => ({ rule: 'text.partMissing', severity: 'warning', table: null, cells: [], params: { parts: '六', titles: '六、其他需要报告事项' } }),
  'text.partOrder': () => ({ rule: 'text.partOrder', severity: 'warning', table: null, cells: [], params: { order: '“一、总体情况”、“六、其他需要报告事项”、“五、存在的主要问题及改进情况”' } }),
  'T2.rulesAuthority': () => ({ rule: 'T2.rulesAuthority', severity: 'error', table: 'T2', cells: [t2(1, 1)], params: { org: '沭阳县人民政府', figures: '本年制发件数2件', seat: '沭阳县', level: '县级' } }),
  'T2.rulesAuthorityUnclear': () => ({ rule: 'T2.rulesAuthorityUnclear', severity: 'warning', table: 'T2', cells: [t2(1, 1)], params: { figures: '本年制发件数2件', reason: '机关名称未表明其层级' } }),
  'T2.inForceShort': () => ({ rule: 'T2.inForceShort', severity: 'warning', table: 'T2', cells: [t2(2, 1), t2(2, 2), t2(2, 3)], params: { row: '行政规范性文件', issued: 6, repealed: 1, inForce: 4 } }),
  'T2.inForceZero': () => ({ rule: 'T2.inForceZero', severity: 'warning', table: 'T2', cells: [t2(2, 1), t2(2, 2), t2(2, 3)], params: { row: '行政规范性文件', issued: 2, repealed: 3, inForce: 0 } }),
};

describe('the rule table', () => {
  test('rule ids are unique', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  test('every rule has a representative finding in this file', () => {
    expect(Object.keys(REPRESENTATIVE).sort()).toEqual([...RULE_IDS].sort());
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s has a non-empty Chinese message, a source and a severity', (_, r) => {
    expect(r.message.trim()).not.toBe('');
    expect(r.message).toMatch(CHINESE);
    expect(r.source).toMatch(CHINESE);
    expect(['error', 'warning']).toContain(r.severity);
  });

  test.each(EQUATION_RULES.map((r) => [r.id, r] as const))('%s names both sides in Chinese', (_, r) => {
    expect(r.sides).toHaveLength(2);
    for (const side of r.sides) expect(side).toMatch(CHINESE);
  });
});

describe('rendering a representative finding of each rule', () => {
  test.each(RULE_IDS.map((id) => [id]))('%s: every slot is filled and the text is Chinese', (id) => {
    const f = REPRESENTATIVE[id]();
    expect(f.rule).toBe(id);
    const text = renderFinding(f);
    expect(text).not.toMatch(UNFILLED_SLOT);
    expect(text).not.toMatch(/undefined|NaN|null|\[object/);
    expect(text).toMatch(CHINESE);
    expect(locationOf(f)).toMatch(CHINESE);
  });
});

describe('exact wording', () => {
  test('the example from the issue: T3.balance on the 总计 column, 15 against 14', () => {
    const f: Finding = {
      rule: 'T3.balance',
      severity: 'error',
      table: 'T3',
      cells: [t3(1, 7), t3(2, 7), t3(24, 7), t3(25, 7)],
      anchor: { table: 'T3', axis: 'col', index: 7 },
      lhs: 15,
      rhs: 14,
      difference: 1,
    };
    expect(renderFinding(f)).toBe('表三“总计”列：第一项+第二项=15，（七）总计+第四项=14，相差1');
    expect(locationOf(f)).toBe('表三“总计”列');
  });

  test('the difference is stated without a sign when the right side is larger', () => {
    const f = REPRESENTATIVE['T4.groupTotal']();
    expect(f.difference).toBe(1);
    const reversed = { ...f, lhs: f.rhs, rhs: f.lhs, difference: -1 };
    expect(renderFinding(reversed)).toMatch(/相差1$/);
  });

  test('a blank cell names the cell by column and row', () => {
    expect(renderFinding(only(check(withCells(base, { [t3(1, 1)]: null })), 'cell.blank'))).toBe('表三 自然人/一、本年新收政府信息公开申请数量：未填写，按0计算；无数据的格应填写0');
  });

  test('a T2 or T4 cell is named by row, then column', () => {
    expect(renderFinding(REPRESENTATIVE['cell.negative']())).toBe('表二 行政强制/本年处理决定数量：为负数-3；件数和金额不能为负');
    expect(renderFinding(REPRESENTATIVE['cell.fraction']())).toBe('表四 行政复议/结果维持：为1.5，件数应为整数');
  });

  test('a note inside a number cell suggests the number it starts with', () => {
    expect(renderFinding(REPRESENTATIVE['cell.notNumber']())).toBe(
      '表二 规章/现行有效件数：填写“55（含自然失效29件）”，不是数字，涉及该格的勾稽关系未校验；如本格应为55，请只填数字，说明文字写在正文中',
    );
  });

  test('a normalized number says what was normalized', () => {
    expect(renderFinding(REPRESENTATIVE['cell.normalized']())).toBe('表二 行政许可/本年处理决定数量：填写“ １,２３４ ”（首尾有空格、全角数字、千位分隔符），按数字1234读取；请改为数字');
  });

  test('a long or multi-line value is quoted on one line and cut short', () => {
    const raw = `第一行\n${'很长的说明'.repeat(20)}`;
    const text = renderFinding(only(check(withCells(base, { [t2(3, 1)]: raw })), 'cell.notNumber'));
    expect(text).not.toContain('\n');
    expect(text).toContain('…”');
  });

  test('layout findings name the table and the place', () => {
    expect(renderFinding(REPRESENTATIVE['layout.shape']())).toBe(
      '表三区域应为28行×10列，实为27行×10列：表内插入或删除了行、列，无法按官方格式读取，表三未校验',
    );
    expect(renderFinding(REPRESENTATIVE['layout.label']())).toBe('表二第4行第1列应为“行政规范性文件”，实为“规范性文件”：表格文字与官方格式不一致');
  });

  test('prior-year findings say which year', () => {
    expect(renderFinding(REPRESENTATIVE['prior.year']())).toBe('上年报告的年度为2021，本年报告为2024，应为相邻两年');
    expect(locationOf(REPRESENTATIVE['prior.notNumber']())).toBe('上年 表三 自然人/四、结转下年度继续办理');
  });
});

describe('every instance renders', () => {
  test.each(EQUATION_RULES.flatMap((r) => r.equations.map((eq) => [r.id, `${eq.anchor.axis} ${eq.anchor.index}`, r, eq] as const)))(
    '%s at %s',
    (_, __, r, eq) => {
      const f: Finding = { rule: r.id, severity: r.severity, table: eq.anchor.table, cells: [], anchor: eq.anchor, lhs: 15, rhs: 14, difference: 1 };
      const text = renderFinding(f);
      expect(text).not.toMatch(UNFILLED_SLOT);
      expect(text).toContain('=15');
      expect(text).toContain('相差1');
    },
  );

  test('a cell rule on each of the 200 cells', () => {
    for (const id of CELL_IDS) {
      const text = renderFinding({ rule: 'cell.blank', severity: 'warning', table: id.slice(0, 2) as Finding['table'], cells: [id], value: 0 });
      expect(text).not.toMatch(UNFILLED_SLOT);
      expect(text).toMatch(/^表[二三四] .+\/.+：/);
    }
  });

  // BUG: prior.notNumber is also raised for a number in last year's report that is too large to use
  // (e.g. 1e12): such a reading carries `value` but no `raw`, and the template's “{raw}” stays unfilled:
  // 上年报告 表三 自然人/四、结转下年度继续办理：填写“{raw}”，不能作为数字使用，…
  test('prior.notNumber for a too-large number in last year’s report fills every slot', () => {
    const f = only(check(base, { prior: withCells(prior, { [t3(25, 1)]: 1e12 }) }), 'prior.notNumber');
    expect(renderFinding(f)).not.toMatch(UNFILLED_SLOT);
  });
});

test('rule() refuses an unknown id', () => {
  expect(() => rule('no.such.rule')).toThrow();
});
