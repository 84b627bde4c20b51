/**
 * Last year's report from a file, in the pane: a nianbao .json report (the core schema) or a
 * filled .xlsx template (read by the small browser reader in src/io/xlsx-lite.ts — exceljs is
 * too big for the pane). Other formats (Word, web pages) are read by the importers
 * (src/import, `importReport(bytes, name)`); the pane takes any reader of this shape, so they can
 * be plugged in here without touching the pane.
 */
import { Report, parseReportJson } from '../core/report';
import { MAX_XLSX_BYTES, XlsxLiteError, readTemplateXlsx } from '../io/xlsx-lite';

export type PriorFile = { ok: true; report: Report; /** The workbook sheet read, for .xlsx. */ sheet?: string } | { ok: false; error: string };

/** Reads a file chosen as last year's report; `year` is this year's, to pick last year's sheet in a workbook holding several. */
export type PriorFileReader = (bytes: Uint8Array, fileName: string, year: number | null) => Promise<PriorFile>;

export const PRIOR_EXTENSIONS = ['.json', '.xlsx', '.xlsm'] as const;

const extension = (name: string): string => /(\.[^./\\]+)$/.exec(name.toLowerCase())?.[1] ?? '';

export const readPriorFile: PriorFileReader = async (bytes, fileName, year) => {
  const ext = extension(fileName);
  if (bytes.length === 0) return { ok: false, error: '文件是空的' };
  if (bytes.length > MAX_XLSX_BYTES) return { ok: false, error: `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），年报文件不超过 ${MAX_XLSX_BYTES / 1048576} MB` };
  if (ext === '.json') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, error: '文件不是 UTF-8 编码的文本，不是 nianbao 导出的 .json 文件' };
    }
    const parsed = parseReportJson(text);
    return parsed.ok ? { ok: true, report: parsed.report } : { ok: false, error: parsed.error };
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    try {
      const sheets = await readTemplateXlsx(bytes);
      if (sheets.length === 0) return { ok: false, error: '工作簿中没有年报模板（应为本加载项插入或 nianbao 命令行生成的模板，表格的名称 NB_T2、NB_T3、NB_T4 仍在）' };
      const pick = sheets.find((s) => year !== null && s.report.year === year - 1) ?? sheets[0];
      return { ok: true, report: pick.report, sheet: pick.sheet };
    } catch (e) {
      if (e instanceof XlsxLiteError) return { ok: false, error: e.message };
      return { ok: false, error: '文件已损坏或内容无法识别，未能读取' };
    }
  }
  return { ok: false, error: `不支持“${ext || '无扩展名'}”文件：上年报告请选择 nianbao 导出的 .json 文件，或由年报模板填写的 .xlsx 文件；Word、网页等格式可先用命令 nianbao convert 转换为 .json` };
};
