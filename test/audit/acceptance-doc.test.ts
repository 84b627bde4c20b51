/**
 * docs/acceptance-excel.md, the script for someone with real Excel: every step the issue asks
 * for is there, for the three kinds of Excel, each with its expected result.
 */
import fs from 'fs';
import path from 'path';

const DOC = fs.readFileSync(path.join(__dirname, '../../docs/acceptance-excel.md'), 'utf8');
const steps = DOC.split(/\n(?=## )/).filter((s) => /^## \d+\./.test(s));

test('names the three environments: Windows desktop in Chinese, Mac, Excel on the web', () => {
  expect(DOC).toMatch(/Windows 桌面版 Excel，显示语言为中文/);
  expect(DOC).toMatch(/Mac 版 Excel/);
  expect(DOC).toMatch(/Excel 网页版/);
});

test.each([
  ['旁加载', /旁加载/],
  ['insert', /插入模板/],
  ['a wrong number turns red', /输入错误的数字，看到红格/],
  ['Ctrl+Z gets the number back', /Ctrl\+Z/],
  ['a machine without the add-in', /没有加载项的电脑/],
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
