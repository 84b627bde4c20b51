/**
 * docs/acceptance-excel.md, the script for someone with real Excel: built around the 环境自检,
 * plus every step only a person can check (issue 22), for each kind and version of Excel, each
 * with its expected result.
 */
import fs from 'fs';
import path from 'path';

const DOC = fs.readFileSync(path.join(__dirname, '../../docs/acceptance-excel.md'), 'utf8');
const steps = DOC.split(/\n(?=## )/).filter((s) => /^## \d+\./.test(s));

test('names the environments: Windows desktop in Chinese by version (2021 LTSC, 2024 LTSC, Microsoft 365), Mac, Excel on the web', () => {
  expect(DOC).toMatch(/Windows 桌面版 Excel，显示语言为中文/);
  for (const version of ['Excel 2021 LTSC', 'Excel 2024 LTSC', 'Microsoft 365']) expect(DOC).toContain(version);
  expect(DOC).toMatch(/Mac 版 Excel/);
  expect(DOC).toMatch(/Excel 网页版/);
});

test('the self-test comes first after sideloading, says what it touches, and asks for the copied report', () => {
  const first = steps.findIndex((s) => /环境自检/.test(s.split('\n')[0]));
  expect(first).toBe(1);
  expect(steps[first]).toContain('复制报告');
  expect(steps[first]).toContain('清空一次撤销记录');
  expect(steps[first]).toContain('nianbao自检');
});

test.each([
  ['旁加载', /旁加载/],
  ['insert', /插入模板/],
  ['the self-test', /环境自检/],
  ['a wrong number turns red', /输入错误的数字，看到红格/],
  ['Ctrl+Z gets the number back, by version', /Ctrl\+Z.*按版本/],
  ['the findings block as a choice', /问题清单/],
  ['a machine without the add-in: the trust prompt', /没有加载项的电脑.*信任提示/],
  ['导出 Word', /导出 Word/],
  ['导入', /导入/],
  ['printing', /打印/],
  ['no CSP violation in DevTools', /开发者工具.*CSP/],
  ['the display language', /切换显示语言/],
  ['a sheet protected with a password', /密码保护/],
  ['save, close, reopen: the findings block recalculates', /保存、关闭、重新打开/],
])('has the step “%s”, with its expected result', (_name, title) => {
  const step = steps.find((s) => title.test(s.split('\n')[0]));
  expect(step).toBeDefined();
  expect(step).toContain('**预期**');
});

test('the steps are numbered in order', () => {
  expect(steps.map((s) => Number(/^## (\d+)\./.exec(s)![1]))).toEqual(steps.map((_, i) => i + 1));
});
