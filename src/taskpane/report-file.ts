/**
 * Reading a report file in the pane, through the importers (src/import, `importReport`): a
 * nianbao .json report, a filled .xlsx template (read by the small browser reader in
 * src/io/xlsx-lite.ts — exceljs is too big for the pane), or the published report itself as
 * Word (.docx), web page (.html) or text (.txt). Last year's report (prior-file.ts) and this
 * year's data being imported into the template ("导入本年数据") both come through here.
 */
import type { Finding } from '../core/findings';
import type { Report } from '../core/report';
import { browserImportOptions } from '../import/browser';
import { IMPORT_EXTENSIONS, ImportError, ImportOptions, ImportResult, ImportedReport, importReport } from '../import/index';
import { XlsxLiteError, readTemplateXlsx } from '../io/xlsx-lite';

/** What the file choosers offer. */
export const REPORT_EXTENSIONS: readonly string[] = IMPORT_EXTENSIONS;

const options: ImportOptions = {
  ...browserImportOptions,
  readXlsx: async (bytes) => {
    try {
      return await readTemplateXlsx(bytes);
    } catch (e) {
      if (e instanceof XlsxLiteError) throw new ImportError(e.message);
      throw e;
    }
  },
};

/** Reads a report file with the browser's readers; never throws (see importReport). */
export function readReportFile(bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  return importReport(bytes, fileName, options);
}

/** The report of the given year in a file that may hold several (a workbook of several years), else the first. */
export function reportOfYear(reports: readonly ImportedReport[], year: number | null): ImportedReport {
  return reports.find((r) => year !== null && r.report.year === year) ?? reports[0];
}

export type CurrentFile =
  | {
      ok: true;
      report: Report;
      /** The workbook sheet read, for .xlsx. */
      sheet?: string;
      /** Findings from reading the file (format.*, import.*, text.*): the user should see them. */
      findings: Finding[];
    }
  | { ok: false; error: string };

/** Reads a file chosen to fill the template in view ("导入本年数据"); `year` is the template's, to pick its sheet in a workbook holding several. */
export type CurrentFileReader = (bytes: Uint8Array, fileName: string, year: number | null) => Promise<CurrentFile>;

export const readCurrentFile: CurrentFileReader = async (bytes, fileName, year) => {
  const result = await readReportFile(bytes, fileName);
  if (!result.ok) return { ok: false, error: result.error };
  const pick = reportOfYear(result.reports, year);
  return { ok: true, report: pick.report, findings: pick.findings, ...(pick.sheet ? { sheet: pick.sheet } : {}) };
};
