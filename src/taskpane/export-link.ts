/**
 * 导出 Word through the system browser, Microsoft's documented way for what a sandboxed web view
 * cannot always do: the OpenBrowserWindowApi page names "downloading a PDF file when the webview
 * control is provided by Microsoft Edge" as its purpose. Office.context.ui.openBrowserWindow
 * opens a URL in the user's default browser, which cannot reach the pane's blobs; so the pane
 * opens our own page, export.html on the add-in's server, with the report (200 cells and the
 * body's name, no one's personal data) in the URL's fragment: a fragment is never sent to any
 * server. The page builds the same .docx with the same code and the browser downloads it.
 *
 * Host-free: the link is made and read here, tested under Node.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Report } from '../core/report';

export const EXPORT_PAGE = 'export.html';
const KEY = 'report=';
/** Longest link the pane hands to openBrowserWindow: well inside what browsers and Windows pass on. */
export const MAX_LINK = 30_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The export page's address beside the pane (same folder), with the report in the fragment; null when too long. */
export function exportLink(paneUrl: string, report: Report): string | null {
  const base = paneUrl.replace(/[?#].*$/, '').replace(/[^/]*$/, EXPORT_PAGE);
  const link = `${base}#${KEY}${toBase64Url(deflateSync(strToU8(JSON.stringify(report)), { level: 9 }))}`;
  return link.length <= MAX_LINK ? link : null;
}

/** The report JSON a link's fragment carries, or null; the page validates it as a report file. */
export function reportJsonFromFragment(hash: string): string | null {
  const at = hash.indexOf(KEY);
  if (at < 0) return null;
  try {
    // inflateSync on at most MAX_LINK characters: the output is small; cap it anyway.
    const text = strFromU8(inflateSync(fromBase64Url(hash.slice(at + KEY.length))));
    return text.length > 1_000_000 ? null : text;
  } catch {
    return null;
  }
}
