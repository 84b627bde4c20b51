/** Starts the preview: the in-page workbook and, beside it, the pane talking to it through the WorkbookHost contract. */
import { MountedPreview, mountPreview, pageStorage } from './layout';

export function startPreview(doc: Document): MountedPreview {
  return mountPreview(doc, { storage: pageStorage() });
}
