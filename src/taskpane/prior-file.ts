/**
 * Last year's report from a file, in the pane, through the importers (src/import,
 * `importReport`): a nianbao .json report, a filled .xlsx template (read by the small browser
 * reader in src/io/xlsx-lite.ts — exceljs is too big for the pane), or the published report
 * itself as Word (.docx), web page (.html) or text (.txt). The pane takes any reader of this
 * shape (PaneOptions.readPriorFile), so another source can be plugged in without touching it.
 */
import { Report } from '../core/report';
import { browserImportOptions } from '../import/browser';
import { IMPORT_EXTENSIONS, ImportError, ImportOptions, importReport } from '../import/index';
import { XlsxLiteError, readTemplateXlsx } from '../io/xlsx-lite';

export type PriorFile =
  | {
      ok: true;
      report: Report;
      /** The workbook sheet read, for .xlsx. */
      sheet?: string;
      /** Findings from reading the file (an older format, a row not found…): how many, for the status line. */
      problems: number;
    }
  | { ok: false; error: string };

/** Reads a file chosen as last year's report; `year` is this year's, to pick last year's sheet in a workbook holding several. */
export type PriorFileReader = (bytes: Uint8Array, fileName: string, year: number | null) => Promise<PriorFile>;

/** What the file chooser offers. */
export const PRIOR_EXTENSIONS: readonly string[] = IMPORT_EXTENSIONS;

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

export const readPriorFile: PriorFileReader = async (bytes, fileName, year) => {
  const result = await importReport(bytes, fileName, options);
  if (!result.ok) return { ok: false, error: result.error };
  const pick = result.reports.find((r) => year !== null && r.report.year === year - 1) ?? result.reports[0];
  return {
    ok: true,
    report: pick.report,
    ...(pick.sheet ? { sheet: pick.sheet } : {}),
    problems: pick.findings.filter((f) => f.severity === 'error').length,
  };
};
