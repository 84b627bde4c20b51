/// <reference types="et-jsapi-declare" />
/**
 * Files from the WPS pane through WPS's own dialogs: 导出 Word (and the 自检 report) saved with
 * `Application.FileDialog(msoFileDialogSaveAs)` and `FileSystem.writeAsBinaryString`, 导入 and last
 * year's report opened with `FileDialog(msoFileDialogFilePicker)` and `FileSystem.readAsBinaryString`
 * (all declared in et-jsapi-declare: lib.et.d.ts Application.FileDialog, index.d.ts FileSystem).
 *
 * Why: nobody has shown that WPS's embedded Chromium hands a blob download to the user or shows
 * the browser's file chooser (on Linux especially); WPS's own dialogs are the host's documented way.
 * Where a build lacks them (or refuses to show one), the browser's way is the fallback.
 *
 * Never a save reported that did not happen: a closed dialog is 'cancelled', and a write is
 * checked with FileSystem.Exists before the pane says where the file is.
 */
import type { OpenFile } from '../taskpane/part';
import type { SaveFile, SaveFileAs } from '../taskpane/parts/export-word';
import type { EtApplication } from './book';

/** Kso.MsoFileDialogType: the enums do not exist at run time. */
const msoFileDialogSaveAs: Kso.MsoFileDialogType.msoFileDialogSaveAs = 2;
const msoFileDialogFilePicker: Kso.MsoFileDialogType.msoFileDialogFilePicker = 3;
/** FileDialog.Show(): -1 when the user pressed the action button, 0 when cancelled (VBA's FileDialog). */
const SHOWN_AND_CHOSEN = -1;

interface Dialogs {
  dialog: Kso.FileDialog;
  files: WPS.FileSystem;
}

/** A dialog of that type and the file system, or null where this WPS has either not. */
function dialogs(app: EtApplication, type: Kso.MsoFileDialogType): Dialogs | null {
  try {
    const files = app.FileSystem;
    if (!files || typeof app.FileDialog !== 'function') return null;
    const dialog = app.FileDialog(type);
    return dialog ? { dialog, files } : null;
  } catch {
    return null;
  }
}

/** Bytes as the one-char-per-byte string FileSystem's binary calls take and give. */
export function toBinaryString(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return parts.join('');
}

export function fromBinaryString(data: string): Uint8Array {
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i) & 0xff;
  return bytes;
}

const extensionOf = (name: string): string => /\.[^./\\]+$/.exec(name)?.[0] ?? '';
const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/**
 * Saves through WPS's save-as dialog; `fallback` (the browser's download) where WPS has no dialog.
 * A path typed without the extension gets it, as save dialogs do.
 */
export function wpsSaveFile(app: EtApplication, fallback: SaveFile | null): SaveFileAs {
  return (bytes, name, mime) => {
    const d = dialogs(app, msoFileDialogSaveAs);
    if (!d) return fallback ? fallback(bytes, name, mime) : false;
    let shown: number;
    try {
      d.dialog.Title = '保存';
      d.dialog.InitialFileName = name;
      shown = Number(d.dialog.Show());
    } catch {
      return fallback ? fallback(bytes, name, mime) : false;
    }
    if (shown !== SHOWN_AND_CHOSEN || Number(d.dialog.SelectedItems.Count) < 1) return 'cancelled';
    let path = String(d.dialog.SelectedItems.Item(1));
    const ext = extensionOf(name);
    if (ext && extensionOf(path).toLowerCase() !== ext.toLowerCase()) path += ext;
    const written = d.files.writeAsBinaryString(path, toBinaryString(bytes));
    if (written === false || !d.files.Exists(path)) throw new Error(`未能写入“${path}”（WPS 文件系统拒绝写入）`);
    return { path };
  };
}

/** "*.json;*.xlsx" from an input's accept ".json,.xlsx". */
export function filterOf(accept: string): string {
  const exts = accept
    .split(',')
    .map((a) => a.trim())
    .filter((a) => /^\.[A-Za-z0-9]+$/.test(a));
  return exts.map((e) => `*${e}`).join(';');
}

/**
 * Opens a file through WPS's file picker, read whole. 'unavailable' where WPS has no dialog (the
 * page's file input is used then); a chosen file that cannot be read throws, and the caller falls
 * back to the file input too.
 */
export function wpsOpenFile(app: EtApplication): OpenFile {
  return (accept) => {
    const d = dialogs(app, msoFileDialogFilePicker);
    if (!d) return 'unavailable';
    let shown: number;
    try {
      d.dialog.Title = '选择文件';
      d.dialog.AllowMultiSelect = false;
      const filter = filterOf(accept);
      if (filter) {
        d.dialog.Filters.Clear();
        d.dialog.Filters.Add('年报文件', filter);
      }
      shown = Number(d.dialog.Show());
    } catch {
      return 'unavailable';
    }
    if (shown !== SHOWN_AND_CHOSEN || Number(d.dialog.SelectedItems.Count) < 1) return 'cancelled';
    const path = String(d.dialog.SelectedItems.Item(1));
    const data = d.files.readAsBinaryString(path);
    if (typeof data !== 'string') throw new Error(`未能读取“${path}”`);
    return { name: baseName(path), bytes: fromBinaryString(data) };
  };
}
