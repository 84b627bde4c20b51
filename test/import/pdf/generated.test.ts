/**
 * PDFs made the ways offices make them, generated here from our fixtures once per run: LibreOffice
 * Writer's "export as PDF" of our own `nianbao export` document (portrait, and turned landscape)
 * (its page numbers "— 1 —" in the footer) and of Word-style fixture documents (half- and full-width
 * numbering "1、" "１．", a long part 一 that pushes 表三 across a page break),
 * and Chromium's "print to PDF" of a government-style web page (with the browser's own header and
 * page-number footer). Each converts cell for cell to the report it was made from, and to what
 * the same document gives when imported as .docx or .html.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { Report } from '../../../src/core/report';
import { CELL_IDS } from '../../../src/core/tables';
import { exportDocx } from '../../../src/export';
import { ImportResult, importReport } from '../../../src/import';
import { nodeImportOptions } from '../../../src/import/node';
import { DEFAULT_PDF_LIMITS } from '../../../src/import/pdf';
import { extractPages } from '../../../src/import/pdf/extract';
import { launchChromium } from '../../e2e/harness';
import { documentXml, htmlPage, makeDocx, officialRows, reportBlocks, withLegalSubtotal } from '../../helpers/documents';
import { convertWithLibreOffice } from '../../helpers/libreoffice';
import { consistentReport, fixture } from '../../helpers/reports';

interface Case {
  name: string;
  report: Report;
  /** The source document, imported as-is for comparison. */
  source: { file: string; bytes: Uint8Array };
  pdf?: string;
}

const county = fixture('shuyang-county-2025.json');
const bureau = consistentReport(7, '某某县交通运输局', 2024);
const town = consistentReport(11, '某某镇人民政府', 2023);
const district = consistentReport(23, '某某区司法局', 2024);
/** 表三 as some bodies publish it: a "法人或其他组织小计" column of its own after the five, or a 小计 under the group. */
const subtotalBlocks = (r: Report, style: 'own' | 'under') => reportBlocks(r, { tables: { T3: [withLegalSubtotal(officialRows('T3', r), style)] } });

/** Turns a .docx's sections landscape: page size swapped, w:orient set. */
function landscape(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  const xml = strFromU8(files['word/document.xml']).replace(/<w:pgSz\b([^>]*?)\/>/g, (_m, attrs: string) => {
    const w = /w:w="(\d+)"/.exec(attrs)?.[1];
    const h = /w:h="(\d+)"/.exec(attrs)?.[1];
    return `<w:pgSz w:w="${h}" w:h="${w}" w:orient="landscape"/>`;
  });
  files['word/document.xml'] = strToU8(xml);
  return zipSync(files);
}

/** "1.属于国家秘密" → "1、属于国家秘密" (half-width), "（一）" kept; or full-width digits "１．". */
const halfWidthComma = (text: string) => text.replace(/^(\d+)\./, '$1、');
const fullWidth = (text: string) => text.replace(/^(\d+)\./, (_m, d: string) => `${String.fromCharCode(0xff10 + Number(d))}．`);

/** Word's "table grid" style: every cell edge drawn, as published reports' tables are. */
const ruled = (xml: string) =>
  xml.replace(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/g, `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((e) => `<w:${e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('')}</w:tblBorders>`);

const longPartOne = Array.from({ length: 14 }, (_, i) => `（${'一二三四五六七八九十'[i % 10]}）第${i + 1}项工作。本单位围绕政务公开重点工作，持续完善制度机制，规范公开流程，强化平台建设，及时回应社会关切，全年各项工作有序推进，取得了较好成效。`);

let dir: string;
const cases: Case[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-gen-'));
  const word: Case[] = [];
  const add = (name: string, report: Report, file: string, bytes: Uint8Array, list: Case[]) => {
    fs.writeFileSync(path.join(dir, file), bytes);
    list.push({ name, report, source: { file, bytes } });
  };
  const exported = await exportDocx(county);
  add('nianbao export → LibreOffice, A4 portrait', county, 'export-portrait.docx', exported, word);
  add('nianbao export → LibreOffice, landscape', county, 'export-landscape.docx', landscape(exported), word);
  add('Word document, "1、" numbering', bureau, 'word-comma.docx', makeDocx(ruled(documentXml(reportBlocks(bureau, { label: halfWidthComma })))), word);
  add('Word document, full-width "１．" numbering, 表三 across a page break', town, 'word-fullwidth.docx', makeDocx(ruled(documentXml(reportBlocks(town, { label: fullWidth, partOne: longPartOne })))), word);
  add('Word document, 表三 with a 法人或其他组织小计 column', district, 'word-subtotal.docx', makeDocx(ruled(documentXml(subtotalBlocks(district, 'own')))), word);
  const pdfs = convertWithLibreOffice(
    word.map((c) => path.join(dir, c.source.file)),
    path.join(dir, 'pdf'),
    'pdf',
    'writer',
  );
  word.forEach((c, i) => (c.pdf = pdfs[i]));
  cases.push(...word);

  const browser = await launchChromium();
  try {
    for (const [name, report, opts] of [
      ['web page → Chromium print to PDF, A4 portrait, header and page numbers', county, { landscape: false }],
      ['web page → Chromium print to PDF, landscape, long part 一', bureau, { landscape: true }],
      ['web page → Chromium print to PDF, 表三 with a 小计 under 法人或其他组织', district, { landscape: false }],
    ] as const) {
      const blocks = name.includes('小计') ? subtotalBlocks(report, 'under') : reportBlocks(report, name.includes('long') ? { partOne: longPartOne } : {});
      const html = htmlPage(blocks, `${report.org}${report.year}年政府信息公开工作年度报告`);
      const file = `web-${cases.length}.html`;
      const page = await browser.newPage();
      await page.setContent(html.replace(/<script>[\s\S]*?<\/script>/, ''));
      const pdf = path.join(dir, `web-${cases.length}.pdf`);
      await page.pdf({
        path: pdf,
        format: 'A4',
        landscape: opts.landscape,
        displayHeaderFooter: true,
        headerTemplate: `<div style="font-size:8px;width:100%;padding-left:1cm">${report.org}政府信息公开年报 - 某某县人民政府门户网站</div>`,
        footerTemplate: '<div style="font-size:9px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
        margin: { top: '2cm', bottom: '2cm', left: '1.5cm', right: '1.5cm' },
      });
      await page.close();
      cases.push({ name, report, source: { file, bytes: Buffer.from(html) }, pdf });
    }
  } finally {
    await browser.close();
  }
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cellsOf = (r: ImportResult) => (r.ok ? Object.fromEntries(CELL_IDS.map((id) => [id, r.report.cells[id] ?? null])) : r.error);

const NAMES = [
  'nianbao export → LibreOffice, A4 portrait',
  'nianbao export → LibreOffice, landscape',
  'Word document, "1、" numbering',
  'Word document, full-width "１．" numbering, 表三 across a page break',
  'web page → Chromium print to PDF, A4 portrait, header and page numbers',
  'web page → Chromium print to PDF, landscape, long part 一',
  'Word document, 表三 with a 法人或其他组织小计 column',
  'web page → Chromium print to PDF, 表三 with a 小计 under 法人或其他组织',
];

test.each(NAMES)('%s: every cell as the report has it, nothing unreadable', async (name) => {
  const c = cases.find((x) => x.name === name)!;
  const r = await importReport(new Uint8Array(fs.readFileSync(c.pdf!)), path.basename(c.pdf!), nodeImportOptions);
  if (!r.ok) throw new Error(r.error);
  expect(r.format).toBe('pdf');
  // Chromium prints 表四's first header rows at the foot of a page without their inner borders; the
  // locator still finds each header label in the text run together, so nothing is said.
  expect(r.findings.filter((f) => f.rule.startsWith('import.') || f.rule.startsWith('layout.'))).toEqual([]);
  expect(r.unreadable).toEqual([]);
  expect(cellsOf(r)).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, c.report.cells[id] ?? null])));
  expect(r.report.year).toBe(c.report.year);
  expect(r.report.org).toBe(c.report.org);
  // The same as the document it was printed from.
  const source = await importReport(c.source.bytes, c.source.file, nodeImportOptions);
  expect(cellsOf(r)).toEqual(cellsOf(source));
});

test.each(['表三 across a page break', 'long part 一'])('%s: 表三 really starts on one page and ends on another', async (part) => {
  const c = cases.find((x) => x.name.includes(part))!;
  const pages = await extractPages(new Uint8Array(fs.readFileSync(c.pdf!)), DEFAULT_PDF_LIMITS);
  const pageOf = (text: string) => pages.findIndex((p) => p.runs.map((r) => r.text).join('').replace(/\s/g, '').includes(text));
  expect(pageOf('本年新收政府信息公开申请数量')).toBeGreaterThanOrEqual(0);
  expect(pageOf('结转下年度继续办理')).toBeGreaterThan(pageOf('本年新收政府信息公开申请数量'));
});
