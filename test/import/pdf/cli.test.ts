/** `convert`, `check --prior` and `review` take PDFs as they take any report file: the real process, the shared PDFs. */
import * as fs from 'fs';
import * as path from 'path';
import { cliSandbox } from '../../helpers/cli';
import { PDF_FIXTURES } from '../../helpers/shared';

const sandbox = cliSandbox('pdf-cli');
const { dir, run } = sandbox;
afterAll(() => sandbox.remove());
const pdf = (n: string) => path.join(PDF_FIXTURES, `${n}.pdf`);

test('convert: a published PDF to JSON, every cell, exit 0 when it balances', () => {
  const r = run('convert', pdf('03-huaian-city-gov-2024'), 'huaian.json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('淮安市人民政府 2024年度，读取 200 个数据格');
  const want = JSON.parse(fs.readFileSync(path.join(PDF_FIXTURES, '03-huaian-city-gov-2024.expected.json'), 'utf8'));
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'huaian.json'), 'utf8')).cells).toEqual(want.cells);
});

test('check --prior: last year’s PDF for the cross-year rules (洪泽区 2024 against 2023, a clean pair)', () => {
  const r = run('check', pdf('02-hongze-district-gov-2024'), '--prior', pdf('01-hongze-district-gov-2023'), '--format', 'json');
  const findings = JSON.parse(r.out).reports[0].findings as { rule: string; severity: string }[];
  // No cross-year finding at all: 01 is titled 洪泽区人民政府, 02 淮安市洪泽区人民政府 — the same body, so no prior.org.
  expect(findings.filter((f) => f.rule.startsWith('prior.'))).toEqual([]);
});

test('review: a folder of PDFs, 01 flagged for its 表四 totals', () => {
  fs.mkdirSync(path.join(dir, 'pdfs'));
  for (const f of fs.readdirSync(PDF_FIXTURES).filter((x) => x.endsWith('.pdf'))) fs.copyFileSync(path.join(PDF_FIXTURES, f), path.join(dir, 'pdfs', f));
  const r = run('review', 'pdfs', '--out', 'review.xlsx', '--format', 'json');
  expect(r.code).toBe(1);
  const rows = JSON.parse(r.out).results as { file: string; verdict: string; errors: number }[];
  const byFile = Object.fromEntries(rows.map((x) => [path.basename(x.file), x]));
  expect(Object.keys(byFile).sort()).toEqual(['01-hongze-district-gov-2023.pdf', '02-hongze-district-gov-2024.pdf', '03-huaian-city-gov-2024.pdf']);
  expect(byFile['01-hongze-district-gov-2023.pdf'].errors).toBeGreaterThanOrEqual(2);
  expect(byFile['03-huaian-city-gov-2024.pdf']).toMatchObject({ verdict: 'pass', errors: 0 });
  expect(fs.existsSync(path.join(dir, 'review.xlsx'))).toBe(true);
});
