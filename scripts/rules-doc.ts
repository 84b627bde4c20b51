// Writes docs/rules.md from the rule table.
import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../src/core/rules-doc';

fs.writeFileSync(path.join(__dirname, '../docs/rules.md'), rulesMarkdown());
console.log('docs/rules.md 已更新');
