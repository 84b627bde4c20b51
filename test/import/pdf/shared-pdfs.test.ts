/**
 * The three real published PDFs in ../shared/fixtures/pdf (WPS exports of 洪泽区 and 淮安市 reports):
 * every one of their 200 cells as the notes and expected.json give them, and `check` finding
 * exactly their real errors — 01's two 表四 totals printed as 0 — and nothing on the clean ones.
 */
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../../src/core/engine';
import { CELL_IDS } from '../../../src/core/tables';
import { importReport } from '../../../src/import';
import { nodeImportOptions } from '../../../src/import/node';
import { PDF_FIXTURES } from '../../helpers/shared';

const CASES = fs
  .readdirSync(PDF_FIXTURES)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''));

const read = async (name: string) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(PDF_FIXTURES, `${name}.pdf`)));
  const r = await importReport(bytes, `${name}.pdf`, nodeImportOptions);
  if (!r.ok) throw new Error(r.error);
  return r;
};
const expected = (name: string) => JSON.parse(fs.readFileSync(path.join(PDF_FIXTURES, `${name}.expected.json`), 'utf8'));

test('there are the three shared PDFs', () => {
  expect(CASES).toHaveLength(3);
});

describe.each(CASES)('%s', (name) => {
  test('every cell as published, the year and the body', async () => {
    const r = await read(name);
    const want = expected(name);
    if (!name.startsWith('03')) {
      // Both print "2.其他法律行政止公开" (法规禁 missing) and keep the 2019 single （六） row: said, and read.
      expect(r.findings.filter((f) => f.rule === 'import.labelVariant').map((f) => f.params?.label)).toEqual(['2.其他法律行政止公开']);
      expect(r.findings.some((f) => f.rule === 'import.otherCombined')).toBe(true);
    }
    expect(r.format).toBe('pdf');
    expect(r.report.year).toBe(want.year);
    // 02's title says 淮安市洪泽区人民政府; the expected file names the body without its city.
    expect(r.report.org.endsWith(want.org)).toBe(true);
    const got = Object.fromEntries(CELL_IDS.map((id) => [id, r.report.cells[id] ?? null]));
    expect(got).toEqual(want.cells);
  });

  test('check finds exactly the real errors', async () => {
    const r = await read(name);
    const errors = check(r.report, { unreadable: r.unreadable })
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.rule} ${f.cells.join(',')}`);
    const importErrors = r.findings.filter((f) => f.severity === 'error' && f.rule.startsWith('import.'));
    expect(importErrors).toEqual([]);
    expect(r.unreadable).toEqual([]);
    if (name.startsWith('01')) {
      // Published 行政复议 10 1 0 0 总计 0 and 复议后起诉 5 0 0 0 总计 0: the report's own errors.
      expect(errors).toEqual([expect.stringMatching(/^T4\.groupTotal .*T4\.R1\.C5/), expect.stringMatching(/^T4\.groupTotal .*T4\.R1\.C15/)]);
    } else {
      expect(errors).toEqual([]);
    }
  });
});

test('01: its two real 表四 errors are caught, with the published figures', async () => {
  const r = await read('01-hongze-district-gov-2023');
  const t4 = check(r.report, { unreadable: r.unreadable }).filter((f) => f.rule === 'T4.groupTotal');
  expect(t4.map((f) => [f.cells[0], f.lhs, f.rhs])).toEqual([
    ['T4.R1.C5', 0, 11],
    ['T4.R1.C15', 0, 5],
  ]);
});
