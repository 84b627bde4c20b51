/** Property: any report written as a template .xlsx reads back as exactly the same report. */
import fc from 'fast-check';
import { Report } from '../../src/core/report';
import { CELL_IDS } from '../../src/core/tables';
import { readWorkbook } from '../../src/xlsx/read';
import { templateBuffer } from '../../src/xlsx/write';

const cellValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 100000 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)) },
  { weight: 1, arbitrary: fc.constantFrom('/', '—', '无', '１２', ' 12 ', '1,234', '22（其中修订16件）', '<img src=x onerror=alert(1)>', '#REF!', '=1+1') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !s.startsWith('=')) },
);

const report: fc.Arbitrary<Report> = fc.record({
  format: fc.constant('nianbao/report@1' as const),
  org: fc.string({ maxLength: 40 }).map((s) => s.replace(/[\u0000-\u001f]/g, '').trim()),
  year: fc.oneof(fc.integer({ min: 2000, max: 2100 }), fc.constant(null)),
  cells: fc.tuple(...CELL_IDS.map(() => cellValue)).map((values) => Object.fromEntries(CELL_IDS.map((id, i) => [id, values[i]]))),
});

test('write → read is the identity on reports', async () => {
  await fc.assert(
    fc.asyncProperty(report, async (r) => {
      const [sheet] = await readWorkbook(await templateBuffer({ report: r }));
      expect(sheet.report.year).toBe(r.year);
      expect(sheet.report.org).toBe(r.org);
      expect(sheet.report.cells).toEqual(r.cells);
      expect(sheet.findings).toEqual([]);
    }),
    { numRuns: 40 },
  );
}, 120_000);
