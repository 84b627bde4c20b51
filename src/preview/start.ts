/** Starts the preview: the in-page workbook and, beside it, the pane talking to it through the WorkbookHost contract. */
import { Pane } from '../taskpane/pane';
import { MountedPreview, mountPreview, pageStorage } from './layout';

export function startPreview(doc: Document): MountedPreview & { paneApp: Pane } {
  const preview = mountPreview(doc, { storage: pageStorage() });
  // The very Pane that runs in Excel, over the preview's host instead of Excel's.
  const paneApp = new Pane(doc, preview.host);
  return { ...preview, paneApp };
}
