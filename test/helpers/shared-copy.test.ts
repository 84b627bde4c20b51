/** The copy of the shared folder in test/fixtures stays identical to the real one when it is there. */
import * as fs from 'fs';
import * as path from 'path';

const BESIDE = path.resolve(__dirname, '../../../shared');
const COPY = path.resolve(__dirname, '../fixtures/shared');
const files = ['spec/report-format.md', ...fs.readdirSync(path.join(COPY, 'fixtures/reports')).map((f) => `fixtures/reports/${f}`)];

const haveShared = fs.existsSync(path.join(BESIDE, 'spec/report-format.md'));
(haveShared ? test.each(files) : test.skip.each(files))('%s matches ../shared', (f) => {
  expect(fs.readFileSync(path.join(COPY, f), 'utf8')).toBe(fs.readFileSync(path.join(BESIDE, f), 'utf8'));
});
