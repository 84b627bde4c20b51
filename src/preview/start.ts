/** Starts the preview: the in-page workbook and, beside it, the pane talking to it through the WorkbookHost contract. */
import { mark } from '../host/timing';
import { Pane } from '../taskpane/pane';
import { MountedPreview, mountPreview, pageStorage } from './layout';

// For the bench's account of a cold load: the preview's chunk has arrived and evaluated.
mark('nb:preview-chunk');

export function startPreview(doc: Document): MountedPreview & { paneApp: Pane } {
  const preview = mountPreview(doc, { storage: pageStorage() });
  mark('nb:preview-mounted');
  // The very Pane that runs in Excel, over the preview's host instead of Excel's.
  const paneApp = new Pane(doc, preview.host);
  return { ...preview, paneApp };
}
