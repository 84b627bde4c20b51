/**
 * The PDF reader: guard the bytes (guard.ts), let pdf.js read each page's text and lines
 * (extract.ts), rebuild tables and paragraphs (layout.ts). Runs in Node and in the pane alike;
 * in the pane this module and pdf.js are one lazily loaded chunk. Errors are ImportError with a
 * Chinese message saying what to do instead.
 */
import { TABLES, TABLE_IDS } from '../../core/tables';
import { ImportError } from '../index';
import { SourceDoc } from '../model';
import { PdfOpenError, extractPages } from './extract';
import { DEFAULT_PDF_LIMITS, PdfGuardError, PdfLimits, guardPdf } from './guard';
import { layoutPages } from './layout';
import { PageContent, TextRun } from './page';

export { DEFAULT_PDF_LIMITS } from './guard';
export type { PdfLimits } from './guard';
export { layoutPages } from './layout';

export const SCAN_MESSAGE =
  '这是扫描件或图片，没有可读取的文字：PDF 中的表格是图像，无法逐格读取。请改用发布时的 Word 原件（.docx）、网页（.html）或能选中文字的 PDF；只有扫描件时，请把表格数字填入年报模板（nianbao template 生成，或加载项“插入年报模板”）后校验';

const compact = (s: string) => s.replace(/[\s\u3000]/g, '');
/** The official tables' header texts: a page showing one may hold a table even without a figure (a header at a page's foot). */
const HEADER_TEXTS = [...new Set(TABLE_IDS.flatMap((t) => TABLES[t].labels.filter((l) => l.role === 'header' && compact(l.text).length >= 3).map((l) => compact(l.text))))];

/** A page of prose only (no bare figure, no table header) has no table to rebuild. */
export const mayHoldTable = (runs: readonly TextRun[]): boolean =>
  runs.some((r) => /^[\d０-９.,，/／—–-]+$/.test(r.text.trim())) || runs.some((r) => HEADER_TEXTS.some((h) => compact(r.text).includes(h)));

/** Reads a PDF report into the document model; throws ImportError when it cannot. */
/** Reads the pages: pdf.js in this thread, or elsewhere (Node: a worker thread with a bounded heap, node-worker.ts). */
export type PageExtractor = (bytes: Uint8Array, limits: PdfLimits) => Promise<PageContent[]>;

export async function readPdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS, extract: PageExtractor = (b, l) => extractPages(b, l, mayHoldTable)): Promise<SourceDoc> {
  let complete: boolean;
  try {
    ({ complete } = guardPdf(bytes, limits));
  } catch (e) {
    if (e instanceof PdfGuardError) throw new ImportError(e.message);
    throw e;
  }
  if (!complete) throw new ImportError('PDF 文件不完整（缺少文件结尾），可能在下载或复制时被截断，请重新获取完整的文件');
  let pages: PageContent[];
  try {
    pages = await extract(bytes, limits);
  } catch (e) {
    if (e instanceof PdfOpenError) {
      switch (e.kind) {
        case 'password':
          throw new ImportError('PDF 文件已加密，需要密码才能打开，无法读取。请使用未加密的 PDF 或发布时的 Word 原件');
        case 'pages':
          throw new ImportError(`PDF 页数过多（${e.message} 页，上限 ${limits.maxPages} 页），不像一份年报，未读取`);
        case 'content':
          throw new ImportError(`PDF 内容过多（${e.message}），不像正常的年报，未读取`);
        default:
          throw new ImportError(`PDF 文件已损坏，无法读取（${e.message}）`);
      }
    }
    throw e;
  }
  if (pages.every((p) => p.runs.length === 0)) throw new ImportError(SCAN_MESSAGE);
  return layoutPages(pages);
}
