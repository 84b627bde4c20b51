/**
 * Importing the reports people already have — published Word files, web pages, plain text, our
 * template, our JSON — into the report model, deterministically.
 *
 *   const result = await importReport(bytes, '2024年报.docx', { unzip });
 *   if (result.ok) check(result.report, { unreadable: result.unreadable }) …
 *
 * Platform-free: runs in the browser (the pane) as in Node. What needs a platform is passed in:
 * `unzip` for .docx (the zip guard: node.ts, browser.ts) and `readXlsx`
 * for our template. Never throws: a file that cannot be read gives `ok: false` and a Chinese error.
 */
import type { SheetReport } from '../core/grid';
import { Finding } from '../core/findings';
import { REPORT_FORMAT, Report } from '../core/report';
import { parseReportJson } from '../core/report-schema';
import { CellId, TABLES, TableId } from '../core/tables';
import { DocxError, ZipTextReader, readDocx } from './docx';
import { decodeText } from './decode';
import { parseHtml } from './html';
import { locate } from './locate';
import { SourceDoc } from './model';
import { Prose, proseFindings, readProse } from './prose';
import { parseFlatText } from './text';
import { looksColumnar } from './spaced';

export type { ZipTextReader } from './docx';
export type { Prose, PartNumber } from './prose';
export type { SourceDoc, SourceTable, SourceCell, Block } from './model';
export { parseHtml } from './html';
export { parseFlatText } from './text';
export { parseDocumentXml } from './docx';
export { decodeText } from './decode';
export { planFill } from './merge';
export type { FillPlan, FillConflict } from './merge';

export type ImportFormat = 'docx' | 'html' | 'txt' | 'xlsx' | 'json' | 'pdf';

/** One report read from a file. */
export interface ImportedReport {
  report: Report;
  /** Findings from reading — format.*, import.*, layout.*, text.* — before any rule runs; pass `unreadable` to check(). */
  findings: Finding[];
  /** Tables that could not be read: the engine must skip them rather than read their cells as 0. */
  unreadable: TableId[];
  /** Which official format the tables follow (null for JSON). */
  edition: '2021' | '2019' | null;
  /** The text outside the tables (Word, web page, text). */
  prose?: Prose;
  /** For a workbook: the sheet, and where each cell was read from. */
  sheet?: string;
  addresses?: Partial<Record<CellId, string>>;
}

export type ImportResult =
  | ({ ok: true; format: ImportFormat; /** Every report in the file (a workbook may hold several years). */ reports: ImportedReport[] } & ImportedReport)
  | { ok: false; format: ImportFormat | null; error: string };

/** What an .xlsx reader returns: one template sheet read into a report. */
export type XlsxSheet = SheetReport;

export interface ImportOptions {
  /** Reads .docx entries; required for Word files. Node: `nodeImportOptions.unzip`. */
  unzip?: ZipTextReader;
  /** Reads our template; required for .xlsx. Node: `nodeImportOptions.readXlsx`. */
  readXlsx?: (bytes: Uint8Array) => Promise<XlsxSheet[]>;
  /** Reads a PDF into the document model (src/import/pdf); required for .pdf. Node: `nodeImportOptions.readPdf`. */
  readPdf?: (bytes: Uint8Array) => Promise<SourceDoc>;
}

/** Thrown by plugged-in readers with a message for the user; any other error is reported as damage. */
export class ImportError extends Error {}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** File extensions a report may come in, and the reader for each. */
export const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  '.docx': 'docx',
  '.docm': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.shtml': 'html',
  '.xhtml': 'html',
  '.txt': 'txt',
  '.text': 'txt',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.json': 'json',
  '.pdf': 'pdf',
};

/** Formats we know but cannot read, with what to do instead. */
const REFUSED: Record<string, string> = {
  '.doc': '不支持旧版 Word（.doc）文件，请在 Word 或 WPS 中“另存为” .docx 后再导入',
  '.wps': '不支持 WPS 文字（.wps）文件，请在 WPS 中“另存为” .docx 后再导入',
  '.xls': '不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx',
  '.et': '不支持 WPS 表格（.et）文件，请在 WPS 中另存为 .xlsx',
  '.mht': '不支持 .mht 网页存档，请在浏览器中“另存为”网页（.html）后再导入',
  '.mhtml': '不支持 .mhtml 网页存档，请在浏览器中“另存为”网页（.html）后再导入',
};

export const IMPORT_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

const extensionOf = (fileName: string): string => {
  const m = /(\.[^./\\]+)$/.exec(fileName.toLowerCase());
  return m ? m[1] : '';
};

/** The format of a file: by its content where that is unmistakable, else by its extension. */
export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat | null {
  const byName = EXTENSIONS[extensionOf(fileName)] ?? null;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return byName === 'xlsx' ? 'xlsx' : 'docx';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).replace(/^\ufeff/, '').trimStart();
  if (head.startsWith('%PDF-')) return 'pdf';
  if (byName) return byName;
  if (head.startsWith('{')) return 'json';
  if (/^<(?:!doctype|html|head|body|table|div|meta|p\b)/i.test(head)) return 'html';
  return null;
}

/** Reads a document already in the intermediate model: the locator, the prose and their findings. */
export function importDocument(doc: SourceDoc): ImportedReport {
  const located = locate(doc.blocks);
  const prose = readProse(doc.blocks, doc.title);
  const report: Report = { format: REPORT_FORMAT, org: prose.org ?? '', year: prose.year, cells: located.cells };
  if (located.unknown.length > 0) report.unknown = located.unknown;
  if (located.sums.length > 0) report.sums = located.sums;
  const findings: Finding[] = [];
  if (located.edition === '2019') findings.push(formatFinding(report.year, located.evidence, located.t2Outdated, located.t3SingleOther));
  findings.push(...located.findings, ...proseFindings(prose, report, located.unreadable));
  return { report, findings, unreadable: located.unreadable, edition: located.edition, prose };
}

function formatFinding(year: number | null, evidence: string[], t2Outdated: boolean, t3SingleOther: boolean): Finding {
  const detail: string[] = [];
  if (t2Outdated) detail.push('表二按旧格式填写，与现行格式的栏目不同，未读取');
  if (t3SingleOther) detail.push('表三“（六）其他处理”按旧格式只有一行，现行格式的三行数据未知（不按0计算），涉及它们的勾稽关系按这一行的合计校验');
  detail.push('表三、表四已读取并校验');
  const params = { evidence: evidence.join('，'), detail: detail.join('；') };
  if (year !== null && year >= 2021) return { rule: 'format.outdated', severity: 'error', table: null, cells: [], params: { ...params, year } };
  return { rule: 'format.edition2019', severity: 'warning', table: null, cells: [], params };
}

/** Tables whose figures came a column at a time: one finding saying why, instead of one per row not placed. */
function columnarFindings(imported: ImportedReport): ImportedReport {
  const tables = imported.unreadable;
  if (tables.length === 0) return imported;
  const rowByRow = (f: Finding) => (f.rule === 'import.missingRow' || f.rule === 'import.unplaced' || f.rule === 'import.header' || f.rule === 'layout.missing') && f.table !== null && tables.includes(f.table);
  const finding: Finding = { rule: 'import.columnText', severity: 'error', table: null, cells: [], params: { tables: tables.map((t) => TABLES[t].name).join('、') } };
  return { ...imported, findings: [finding, ...imported.findings.filter((f) => !rowByRow(f))] };
}

const fail = (format: ImportFormat | null, error: string): ImportResult => ({ ok: false, format, error });

function single(format: ImportFormat, r: ImportedReport): ImportResult {
  return { ok: true, format, reports: [r], ...r };
}

/**
 * Reads a report file of any supported kind. `fileName` chooses the format (with the content's
 * own signature winning for zip files); `options` supplies the platform's zip and xlsx readers.
 */
export async function importReport(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const ext = extensionOf(fileName);
  if (REFUSED[ext] && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) return fail(null, REFUSED[ext]);
  const format = detectFormat(bytes, fileName);
  if (format === null) return fail(null, `不支持的文件类型“${ext || '无扩展名'}”，请使用 .docx、.pdf、.html、.txt、.xlsx 或 .json`);
  if (bytes.length === 0) return fail(format, '文件是空的');
  if (bytes.length > MAX_IMPORT_BYTES) return fail(format, `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），年报文件不超过 ${MAX_IMPORT_BYTES / 1048576} MB`);
  try {
    switch (format) {
      case 'json': {
        const parsed = parseReportJson(decodeText(bytes).text);
        if (!parsed.ok) return fail(format, parsed.error);
        return single(format, { report: parsed.report, findings: [], unreadable: parsed.report.unreadable ?? [], edition: null });
      }
      case 'txt': {
        const text = decodeText(bytes).text;
        const imported = importDocument(parseFlatText(text));
        return single(format, looksColumnar(text) ? columnarFindings(imported) : imported);
      }
      case 'html':
        return single(format, importDocument(parseHtml(decodeText(bytes, true).text)));
      case 'docx': {
        if (!options.unzip) return fail(format, '此环境无法读取 Word 文件（未提供解压程序）');
        return single(format, importDocument(await readDocx(bytes, options.unzip)));
      }
      case 'pdf': {
        if (!options.readPdf) return fail(format, '此环境无法读取 PDF 文件（未提供 PDF 读取程序）');
        return single(format, importDocument(await options.readPdf(bytes)));
      }
      case 'xlsx': {
        if (!options.readXlsx) return fail(format, '此环境无法读取 .xlsx 文件（未提供工作簿读取程序）');
        const sheets = await options.readXlsx(bytes);
        if (sheets.length === 0) return fail(format, '工作簿中没有年报模板');
        const reports = sheets.map((s): ImportedReport => ({ ...s, edition: '2021' }));
        return { ok: true, format, reports, ...reports[0] };
      }
    }
  } catch (e) {
    if (e instanceof ImportError || e instanceof DocxError) return fail(format, e.message);
    return fail(format, `文件已损坏或内容无法识别，未能读取（内部错误：${e instanceof Error ? e.message : String(e)}）`);
  }
}
