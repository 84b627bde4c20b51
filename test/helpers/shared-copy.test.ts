/** The copy of the shared folder in test/fixtures stays identical to the real one when it is there. */
import * as fs from 'fs';
import * as path from 'path';

const BESIDE = path.resolve(__dirname, '../../../shared');
const COPY = path.resolve(__dirname, '../fixtures/shared');
const files = ['spec/report-format.md', ...['reports', 'pdf'].flatMap((dir) => fs.readdirSync(path.join(COPY, 'fixtures', dir)).map((f) => `fixtures/${dir}/${f}`))];

const haveShared = fs.existsSync(path.join(BESIDE, 'spec/report-format.md'));
(haveShared ? test.each(files) : test.skip.each(files))('%s matches ../shared', (f) => {
  expect(fs.readFileSync(path.join(COPY, f)).equals(fs.readFileSync(path.join(BESIDE, f)))).toBe(true);
});
