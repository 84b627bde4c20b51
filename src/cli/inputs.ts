/**
 * Turns a file named on the command line into the reports it holds. A file that cannot be read
 * gives an InputError with a Chinese message naming the file; nothing here prints or exits.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { Finding } from '../core/findings';
import { Report } from '../core/report';
import { parseReportJson } from '../core/report-schema';
import { CellId, TableId } from '../core/tables';
import { MAX_XLSX_BYTES, ReadError, readWorkbook } from '../xlsx/read';
import { EXTENSIONS, decodeText } from '../import/index';
import { importFile } from '../import/node';

export class InputError extends Error {}

export interface LoadedReport {
  file: string;
  /** The worksheet, for reports read from a workbook. */
  sheet?: string;
  report: Report;
  /** Findings from reading (layout), before any rule runs. */
  findings: Finding[];
  unreadable: TableId[];
  addresses: Partial<Record<CellId, string>>;
}

export const MAX_JSON_BYTES = 5 * 1024 * 1024;

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

/** Reads a file after checking its size, so a huge file is refused before it fills memory (reports and registers alike). */
export async function readBytes(file: string, maxBytes: number): Promise<Buffer> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new InputError(`${file}：是一个文件夹，不是文件`);
    if (stat.size === 0) throw new InputError(`${file}：文件是空的`);
    if (stat.size > maxBytes) throw new InputError(`${file}：文件过大（${mb(stat.size)}），年报文件不超过 ${mb(maxBytes)}`);
    return await fs.readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}：文件不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${file}：没有读取权限`);
    throw new InputError(`${file}：无法读取（${code ?? '未知错误'}）`);
  }
}

export async function loadReports(file: string): Promise<LoadedReport[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') {
    const data = await readBytes(file, MAX_JSON_BYTES);
    const parsed = parseReportJson(decodeText(data).text);
    if (!parsed.ok) throw new InputError(`${file}：${parsed.error}`);
    return [{ file, report: parsed.report, findings: [], unreadable: parsed.report.unreadable ?? [], addresses: {} }];
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    const data = await readBytes(file, MAX_XLSX_BYTES);
    try {
      const sheets = await readWorkbook(data);
      return sheets.map((s) => ({ file, ...s }));
    } catch (e) {
      if (e instanceof ReadError) throw new InputError(`${file}：${e.message}`);
      throw e;
    }
  }
  if (ext === '.xls' || ext === '.et') throw new InputError(`${file}：不支持旧版 ${ext} 格式，请在 Excel 或 WPS 中另存为 .xlsx`);
  // Published reports (Word, web pages, text) and anything else: the importers decide, or say why not.
  const imported = await importFile(file);
  if (!imported.ok) throw new InputError(`${file}：${imported.error}`);
  return imported.reports.map((r) => ({ file, sheet: r.sheet, report: r.report, findings: r.findings, unreadable: r.unreadable, addresses: r.addresses ?? {} }));
}

const isPattern = (arg: string): boolean => /[*?]/.test(path.basename(arg));

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, process.platform === 'win32' ? 'i' : '');
}

/**
 * The files named on the command line, as a supervising office names them: a folder stands for
 * the report files in it, and a wildcard ("*.docx") is expanded here, because Windows' command
 * prompt hands it over as typed. Anything that matches nothing is kept, to be reported as missing.
 */
export async function expandInputs(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(arg)).filter((n) => path.extname(n).toLowerCase() in EXTENSIONS).sort();
      if (names.length === 0) throw new InputError(`${arg}：文件夹中没有年报文件（.json、.xlsx、.docx、.html、.txt）`);
      out.push(...names.map((n) => path.join(arg, n)));
    } else if (!stat && isPattern(arg)) {
      const dir = path.dirname(arg);
      const re = wildcard(path.basename(arg));
      const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => re.test(n)).sort();
      out.push(...(names.length > 0 ? names.map((n) => (dir === '.' && !arg.startsWith('.') ? n : path.join(dir, n))) : [arg]));
    } else {
      out.push(arg);
    }
  }
  return out;
}
