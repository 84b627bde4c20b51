/**
 * The importers' readers for a browser (the pane): the same zip guard as Node, with fflate's
 * inflater (Node uses zlib's), and the PDF reader as a chunk of its own. .xlsx templates are read by the pane from the workbook, not from
 * files, so no xlsx reader.
 */
import { ZipError, readZipTexts } from '../io/zip';
import { ImportError, ImportOptions } from './index';

export const browserImportOptions: ImportOptions = {
  unzip: async (bytes, wanted) => {
    try {
      return await readZipTexts(bytes, wanted);
    } catch (e) {
      if (e instanceof ZipError) throw new ImportError(e.message);
      throw e;
    }
  },
  // pdf.js is large (docs/pdf.md): its own chunk, loaded when the first PDF is chosen.
  readPdf: async (bytes) => (await import(/* webpackChunkName: "pdf" */ './pdf')).readPdf(bytes),
};
