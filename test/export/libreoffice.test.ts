/**
 * LibreOffice Writer — a word processor nobody here wrote — opens the exported .docx and prints it
 * to PDF without error; the page is A4 portrait and the PDF text holds the title, every part
 * heading and every official label of the three tables. Needs soffice and poppler-utils
 * (pdfinfo, pdftotext), installed by scripts/system-deps.js and .ci/run.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPORT_FORMAT, Report } from '../../src/core/report';
import { CELL_IDS, TABLES, TABLE_IDS } from '../../src/core/tables';
import { PART_HEADINGS, PART_ONE_SECTIONS, exportDocx } from '../../src/export';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { fixture } from '../helpers/reports';

const cases: Record<string, Report> = {
  county: fixture('shuyang-county-2025.json'),
  muchang: { format: REPORT_FORMAT, org: '木厂镇', year: 2024, cells: Object.fromEntries(CELL_IDS.map((id) => [id, 0])) },
};
const compact = (s: string) => s.replace(/\s+/g, '');

let dir: string;
const pdfs = new Map<string, string>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-lo-'));
  const files: string[] = [];
  for (const [name, report] of Object.entries(cases)) {
    const file = path.join(dir, `${name}.docx`);
    fs.writeFileSync(file, await exportDocx(report));
    files.push(file);
  }
  // Throws if LibreOffice fails or writes no PDF.
  convertWithLibreOffice(files, path.join(dir, 'pdf'), 'pdf', 'writer').forEach((pdf, i) => pdfs.set(Object.keys(cases)[i], pdf));
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(Object.keys(cases))('%s: printed by LibreOffice Writer', (name) => {
  test('every page is A4 portrait', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdfs.get(name)!], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const [w, h] of sizes) {
      expect(w).toBeCloseTo(595.3, 0); // 210 mm
      expect(h).toBeCloseTo(841.9, 0); // 297 mm
    }
  });

  test('the text holds the title, the part headings and every official label of the tables', () => {
    const text = compact(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfs.get(name)!, '-'], { encoding: 'utf8' }));
    const report = cases[name];
    expect(text).toContain(`${report.org}${report.year}年政府信息公开工作年度报告`);
    for (const heading of [...PART_HEADINGS, ...PART_ONE_SECTIONS]) expect(text).toContain(compact(heading));
    const missing = TABLE_IDS.flatMap((t) => TABLES[t].labels.map((l) => compact(l.text))).filter((label) => !text.includes(label));
    expect(missing).toEqual([]);
  });
});
