/**
 * Bytes to text for the text formats (.txt, .html). Chinese government sites and older Windows
 * editors still write GBK; a file says so by a BOM, by a <meta charset>, or by simply not being
 * valid UTF-8. TextDecoder does the decoding (browsers and Node with full ICU both have GB18030,
 * the superset of GBK and GB2312).
 */

const LABELS: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  big5: 'big5',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export interface Decoded {
  text: string;
  encoding: string;
}

function tryDecode(bytes: Uint8Array, encoding: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/** The charset an HTML file declares in its first bytes, if any. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /^<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/**
 * Decodes a text file: a BOM first; then UTF-8 if the bytes are valid UTF-8 (GBK text almost never
 * is, and pages declaring one charset but saved in another are common); then the charset an HTML
 * page declares; else GB18030.
 */
export function decodeText(bytes: Uint8Array, html = false): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: tryDecode(bytes.subarray(3), 'utf-8', false) ?? '', encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: tryDecode(bytes.subarray(2), 'utf-16le', false) ?? '', encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: tryDecode(bytes.subarray(2), 'utf-16be', false) ?? '', encoding: 'utf-16be' };
  const utf8 = tryDecode(bytes, 'utf-8', true);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  if (html) {
    const declared = declaredCharset(bytes);
    const encoding = declared ? LABELS[declared] : undefined;
    if (encoding && encoding !== 'utf-8') {
      const text = tryDecode(bytes, encoding, false);
      if (text !== null) return { text, encoding };
    }
  }
  const gbk = tryDecode(bytes, 'gb18030', false);
  if (gbk !== null) return { text: gbk, encoding: 'gb18030' };
  return { text: tryDecode(bytes, 'utf-8', false) ?? '', encoding: 'utf-8' };
}
