/**
 * Text as people get it out of PDFs — `pdftotext -layout`, a PDF viewer's copy (cells one space
 * apart), Markdown from conversion tools — goes through the same locator and converts cell-exact.
 * The real inputs are the three shared PDFs as `pdftotext -layout` gives them (poppler 22.12,
 * committed in test/fixtures/pdftext; where pdftotext is installed, today's output is read too).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../../src/core/engine';
import { Report } from '../../src/core/report';
import { renderFinding } from '../../src/core/render';
import { TABLES, TABLE_IDS } from '../../src/core/tables';
import { importReport } from '../../src/import';
import { DocBlock, Row, officialRows, reportBlocks } from '../helpers/documents';
import { consistentReport } from '../helpers/reports';
import { SHARED } from '../helpers/shared';

const PDF_DIR = path.join(SHARED, 'fixtures/pdf');
const TEXT_DIR = path.resolve(__dirname, '../fixtures/pdftext');
const NAMES = ['01-hongze-district-gov-2023', '02-hongze-district-gov-2024', '03-huaian-city-gov-2024'];
const expected = (name: string): Report => JSON.parse(fs.readFileSync(path.join(PDF_DIR, `${name}.expected.json`), 'utf8'));
const OTHER = [21, 22, 23].flatMap((r) => [1, 2, 3, 4, 5, 6, 7].map((c) => `T3.R${r}.C${c}`));

async function importText(text: string, name = 'report.txt') {
  const r = await importReport(Buffer.from(text, 'utf8'), name);
  if (!r.ok) throw new Error(r.error);
  return r;
}

/** Every cell of the expected report, as the expected file has it (null for the cells not published). */
function expectCellExact(report: Report, want: Report): void {
  const got = Object.fromEntries(Object.keys(want.cells).map((id) => [id, report.cells[id] === undefined ? 'missing' : report.cells[id]]));
  expect(got).toEqual(want.cells);
}

/** What each shared PDF's text gives beyond its cells: the findings we know to be true (see the fixtures' notes). */
const KNOWN: Record<string, string[]> = {
  // The label typo; header cells printed one space apart; the 2019 （六） row; the two real 表四 total errors.
  '01-hongze-district-gov-2023': ['import.labelVariant', 'import.header', 'import.header', 'import.otherCombined', 'T4.groupTotal', 'T4.groupTotal'],
  // As 01 (表四's header cells here spaced so that they are found), and the body's own text: "区政府办代表区政府受理政府信息公开申请 17 件" where 表三 has 95 received.
  '02-hongze-district-gov-2024': ['import.labelVariant', 'import.header', 'import.otherCombined', 'text.received'],
  // 表四's header cells printed one character apart.
  '03-huaian-city-gov-2024': ['import.header'],
};

describe('the shared PDFs as pdftotext -layout gives them', () => {
  test.each(NAMES)('%s converts cell-exact, with only the findings known to be true', async (name) => {
    const r = await importText(fs.readFileSync(path.join(TEXT_DIR, `${name}.pdftotext-layout.txt`), 'utf8'));
    const want = expected(name);
    expectCellExact(r.report, want);
    expect(r.report.year).toBe(want.year);
    expect(r.unreadable).toEqual([]);
    const findings = [...r.findings, ...check(r.report, { unreadable: r.unreadable })];
    expect(findings.map((f) => f.rule).sort()).toEqual([...KNOWN[name]].sort());
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(name.startsWith('01') ? ['T4.groupTotal', 'T4.groupTotal'] : []);
  });

  test('a mixed-format PDF keeps its single （六） row: the three current rows unknown, 表三 still checked', async () => {
    const r = await importText(fs.readFileSync(path.join(TEXT_DIR, `${NAMES[0]}.pdftotext-layout.txt`), 'utf8'));
    expect(r.report.unknown).toEqual(OTHER);
    expect(r.report.sums?.map((s) => s.value)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // One too many in （七）总计 is caught through the single row's total.
    const broken = { ...r.report, cells: { ...r.report.cells, 'T3.R24.C7': 22 } };
    expect(check(broken).filter((f) => f.table === 'T3').map((f) => f.rule)).toEqual(['T3.balance', 'T3.resultTotal', 'T3.applicantTotal']);
  });

  test('plain pdftotext (without -layout) gives a column’s figures apart from their rows: one clear error, not one per row', async () => {
    const r = await importText(fs.readFileSync(path.join(TEXT_DIR, `${NAMES[0]}.pdftotext-plain.txt`), 'utf8'));
    expect(r.unreadable).toEqual(['T2', 'T3', 'T4']);
    expect(r.findings.map((f) => f.rule)).toEqual(['import.columnText']);
    expect(renderFinding(r.findings[0])).toMatch(/^表二、表三、表四的数字在文字中不是按行排列的.*pdftotext -layout/);
    // The prose is still read.
    expect([r.report.org, r.report.year]).toEqual(['洪泽区人民政府', 2023]);
  });

  const pdftotext = (() => {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return fs.existsSync(path.join(PDF_DIR, `${NAMES[0]}.pdf`));
    } catch {
      return false;
    }
  })();
  (pdftotext ? test.each(NAMES) : test.skip.each(NAMES))('%s: the pdftotext installed here gives the same cells', async (name) => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-')), 'out.txt');
    execFileSync('pdftotext', ['-layout', path.join(PDF_DIR, `${name}.pdf`), out]);
    const r = await importText(fs.readFileSync(out, 'utf8'));
    expectCellExact(r.report, expected(name));
  });
});

// ---- text made from our fixtures the ways people copy it ------------------------------------------

/** A report's blocks with each table row on one line, cells joined by `sep`. */
function lineText(blocks: DocBlock[], sep: (cells: string[]) => string): string {
  return blocks.map((b) => (typeof b === 'string' ? b : b.rows.map((row) => sep(row.map((c) => c.text.replace(/\n/g, '')))).join('\n'))).join('\n');
}

/** Markdown as conversion tools write it: `#` headings, pipe tables with a rule under the first row. */
function markdown(blocks: DocBlock[]): string {
  return blocks
    .map((b, i) => {
      if (typeof b !== 'string') {
        const width = Math.max(...b.rows.map((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0)));
        const line = (row: Row) => `| ${[...row.flatMap((c) => [c.text.replace(/\n/g, '<br>'), ...Array<string>((c.colSpan ?? 1) - 1).fill('')]), ...Array<string>(width).fill('')].slice(0, width).join(' | ')} |`;
        return [line(b.rows[0]), `|${' --- |'.repeat(width)}`, ...b.rows.slice(1).map(line)].join('\n');
      }
      if (i === 0) return `# ${b}`;
      return /^[一二三四五六]、/.test(b) ? `## ${b}` : /^（[一二三四五]）/.test(b) ? `### **${b}**` : b;
    })
    .join('\n\n');
}

describe('text made from a report the ways people copy it', () => {
  const report = consistentReport(7, '某县交通运输局', 2024);
  const blocks = reportBlocks(report);

  test('a PDF viewer’s copy: each row on one line, cells one space apart', async () => {
    const r = await importText(lineText(blocks, (cells) => cells.filter((c) => c !== '').join(' ')));
    expectCellExact(r.report, report);
    expect(r.findings.filter((f) => f.rule.startsWith('import.') || f.rule.startsWith('layout.'))).toEqual([]);
    expect([r.report.org, r.report.year]).toEqual(['某县交通运输局', 2024]);
  });

  test('cells set apart by runs of spaces, labels wrapped over the lines above and below their figures', async () => {
    const wrapped = reportBlocks(report, {
      tables: {
        T3: [
          officialRows('T3', report).map((row) =>
            row.map((c) => (c.text.length > 12 && !/^[0-9]/.test(c.text) ? { ...c, text: `${c.text.slice(0, 10)}\n${c.text.slice(10)}` } : c)),
          ),
        ],
      },
    });
    // The first part of a wrapped label on the line above the figures, the rest below, in its own column.
    const text = wrapped
      .map((b) => {
        if (typeof b === 'string') return b;
        return b.rows
          .map((row) => {
            const cells = row.map((c) => c.text).filter((t) => t !== '');
            const labels = cells.filter((t) => !/^[0-9.]+$/.test(t));
            const figures = cells.filter((t) => /^[0-9.]+$/.test(t));
            if (figures.length === 0) return cells.join('    ');
            const column = (i: number) => ' '.repeat(i * 8);
            const above = labels.map((l, i) => (l.includes('\n') ? `${column(i)}${l.split('\n')[0]}` : '')).filter((l) => l !== '');
            const below = labels.map((l, i) => (l.includes('\n') ? `${column(i)}${l.split('\n')[1]}` : '')).filter((l) => l !== '');
            const own = labels.map((l, i) => (l.includes('\n') ? '' : `${column(i)}${l}`)).join('');
            const line = `${own.padEnd(labels.length * 8 + 40)}${figures.join('     ')}`;
            return [...above, line, ...below].join('\n');
          })
          .join('\n');
      })
      .join('\n');
    const r = await importText(text);
    expectCellExact(r.report, report);
    expect(r.unreadable).toEqual([]);
  });

  test('Markdown: pipe tables and heading marks go through the same locator', async () => {
    const r = await importText(markdown(blocks), 'report.md.txt');
    expectCellExact(r.report, report);
    expect(r.unreadable).toEqual([]);
    // "# 某县交通运输局2024年…" names the body without the mark; "## 五、…" is still part 五.
    expect([r.report.org, r.report.year]).toEqual(['某县交通运输局', 2024]);
    expect(r.prose?.headings.map((h) => h.part)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(r.findings.filter((f) => f.rule === 'text.partMissing')).toEqual([]);
  });

  test('every table of a report is found in each form', async () => {
    for (const text of [lineText(blocks, (cells) => cells.join('  ')), markdown(blocks)]) {
      const r = await importText(text);
      for (const t of TABLE_IDS) for (const input of TABLES[t].inputs) expect([input.id, r.report.cells[input.id]]).toEqual([input.id, report.cells[input.id]]);
    }
  });
});
