/**
 * The Word export's 按期答复 and 平均办理工作日: said only from a register complete for the report's
 * year whose answers are 表三's 总计; otherwise the text stays as the tables alone draft it.
 */
import { Report } from '../../src/core/report';
import { RegisterTimeliness, blockText, outline, timelinessGap, timelinessSentence } from '../../src/export';
import { fixture, withCells } from '../helpers/reports';

const county = fixture('shuyang-county-2025.json');
const total = county.cells['T3.R24.C7'] as number;
const register = (stats: Partial<RegisterTimeliness['stats']> = {}, year = 2025): RegisterTimeliness => ({
  year,
  stats: { complete: true, answered: total, onTime: total - 3, timed: total, averageWorkingDays: 8.5, ...stats },
});
const bodies = (r: Report, ledger?: RegisterTimeliness) => outline(r, { ledger }).filter((b) => b.kind === 'body').map(blockText);

test('a complete register for the year adds one sentence after the applications’, with 按期答复 and 平均办理工作日', () => {
  const with_ = bodies(county, register());
  const without = bodies(county);
  expect(with_.length).toBe(without.length + 1);
  const i = with_.findIndex((t) => t.includes('按期答复'));
  expect(with_[i]).toBe(`据本机关政府信息公开申请登记台账统计，本年度答复的${total}件申请中，按期答复${total - 3}件，平均办理用时8.5个工作日。`);
  expect(with_[i - 1]).toContain('新收政府信息公开申请');
  expect(timelinessSentence(county, register({ onTime: total }))!.join("")).toContain("件申请中，全部按期答复，平均办理用时8.5个工作日");
});

test.each([
  ['no register', undefined, null],
  ['an incomplete register', register({ complete: false }), '台账不完整'],
  ['another year’s register', register({}, 2024), '台账按2024年统计'],
  ['answers the deadline of which is unknown', register({ timed: total - 1 }), '无法计算办理期限'],
  ['no answers in the year', register({ answered: 0, onTime: 0, timed: 0, averageWorkingDays: null }), '没有已答复的申请'],
  ['a register that disagrees with 表三', register({ answered: total + 1, timed: total + 1 }), `与表三（七）总计 ${total} 件不一致`],
] as const)('%s: no such sentence, and the reason is said', (_what, ledger, reason) => {
  expect(bodies(county, ledger ?? undefined).some((t) => t.includes('按期答复'))).toBe(false);
  if (ledger) expect(timelinessGap(county, ledger)).toContain(reason);
});

test('a report without a year or a usable total never takes the register’s figures', () => {
  expect(timelinessGap({ ...county, year: null }, register())).toContain('未填年度');
  expect(timelinessGap(withCells(county, { 'T3.R24.C7': '约700' }), register())).toContain('未填或不是数字');
});
