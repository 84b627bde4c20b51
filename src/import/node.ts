/**
 * The Node entry point of the importers: the zip guard (src/io/zip.ts) as the .docx reader, the
 * exceljs template reader for .xlsx, and reading a file from disk. Only this file of src/import
 * uses Node; the pane imports index.ts and passes its own readers.
 */
import { promises as fs } from 'fs';
import { inflateNode } from '../io/inflate-node';
import { ZipError, readZipTexts } from '../io/zip';
import { ReadError, readWorkbook } from '../xlsx/read';
import { ImportError, ImportOptions, ImportResult, MAX_IMPORT_BYTES, importReport } from './index';
import { DEFAULT_PDF_LIMITS, readPdf } from './pdf';
import { extractInWorker } from './pdf/node-worker';

/** Compiled (lib/, the command line): pdf.js in a bounded worker thread. From TypeScript sources (tests) the worker could not load this file, so in this thread. */
const pdfExtractor = __filename.endsWith('.js') ? extractInWorker : undefined;

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const nodeImportOptions: Required<ImportOptions> = {
  unzip: async (bytes, wanted) => {
    try {
      return await readZipTexts(bytes, wanted, inflateNode);
    } catch (e) {
      if (e instanceof ZipError) throw new ImportError(e.message);
      throw e;
    }
  },
  readXlsx: async (bytes) => {
    try {
      return await readWorkbook(toBuffer(bytes));
    } catch (e) {
      if (e instanceof ReadError) throw new ImportError(e.message);
      throw e;
    }
  },
  readPdf: (bytes) => readPdf(bytes, DEFAULT_PDF_LIMITS, pdfExtractor),
};

/** Reads and imports a file; a file that cannot be read gives `ok: false` with a Chinese message (without the file name). */
export async function importFile(file: string): Promise<ImportResult> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { ok: false, format: null, error: '是一个文件夹，不是文件' };
    if (stat.size > MAX_IMPORT_BYTES) return { ok: false, format: null, error: `文件过大（${(stat.size / 1048576).toFixed(1)} MB），年报文件不超过 ${MAX_IMPORT_BYTES / 1048576} MB` };
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, format: null, error: '文件不存在' };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, format: null, error: '没有读取权限' };
    return { ok: false, format: null, error: `无法读取（${code ?? '未知错误'}）` };
  }
  return importReport(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, nodeImportOptions);
}
