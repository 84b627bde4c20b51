import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../../src/core/rules-doc';
import { RULE_IDS } from '../../src/core/rules';

test('docs/rules.md is up to date with the rule table (run `npm run docs` after changing a rule)', () => {
  expect(fs.readFileSync(path.join(__dirname, '../../docs/rules.md'), 'utf8')).toBe(rulesMarkdown());
});

test('the rules page lists every rule id', () => {
  const page = rulesMarkdown();
  for (const id of RULE_IDS) expect(page).toContain(`\`${id}\``);
});
