/**
 * The PDF reader in the WPS add-in's build (webpack.wps.config.js puts this in place of index.ts):
 * pdf.js 6 needs a newer browser than the WPS pane's target (Chromium 69: structuredClone,
 * private class members, ES2022 built-ins). The WPS pane says what to do instead.
 */
import { ImportError } from '../index';
import type { SourceDoc } from '../model';

export async function readPdf(_bytes: Uint8Array): Promise<SourceDoc> {
  throw new ImportError('WPS 中的任务窗格暂不能读取 PDF：请在命令行运行 nianbao convert 年报.pdf 年报.json 后导入 .json，或使用 Word 原件（.docx）');
}
