import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../../src/core/rules-doc';
import { RULE_IDS } from '../../src/core/rules';
import { areaA1, sheetPlan } from '../../src/core/sheet';
import { OMITTED_CHECKS } from '../../src/core/omitted';

test('docs/rules.md is up to date with the rule table (run `npm run docs` after changing a rule)', () => {
  expect(fs.readFileSync(path.join(__dirname, '../../docs/rules.md'), 'utf8')).toBe(rulesMarkdown());
});

test('the rules page lists every rule id', () => {
  const page = rulesMarkdown();
  for (const id of RULE_IDS) expect(page).toContain(`\`${id}\``);
});

test('the rules page says what the template marks, where and for which rules', () => {
  const page = rulesMarkdown();
  expect(page).toContain('## 表格中的标记（条件格式）');
  for (const m of sheetPlan().marks) {
    expect(page).toContain(areaA1(m.area));
    for (const r of m.rules) expect(page).toContain(`\`${r}\``);
  }
});

test('the rules page lists, in a section of its own, the checks consciously left out, each with its reason', () => {
  const page = rulesMarkdown();
  const section = page.slice(page.indexOf('## 有意不做的检查'));
  expect(section).not.toBe(page);
  for (const o of OMITTED_CHECKS) expect(section).toContain(`| ${o.check} | ${o.reason} |`);
});
