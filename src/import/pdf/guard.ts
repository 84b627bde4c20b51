/**
 * The PDF guard, run on the bytes before pdf.js sees them — as the zip guard (src/io/zip.ts) runs
 * before any entry is read. pdf.js inflates a stream whole, in memory, without a limit, and parses
 * nested arrays and dictionaries by recursion; a hostile file could exhaust memory or the stack.
 * So every compressed stream is inflated here first, counting its output and stopping just past
 * the limit (nothing kept), and the nesting of arrays and dictionaries is measured. Both run in
 * linear time over the file. Limits are stated in docs/pdf.md.
 */
import { Unzlib } from 'fflate';

export interface PdfLimits {
  /** Inflated size of one stream. */
  maxStreamBytes: number;
  /** Inflated size of all streams together. */
  maxTotalBytes: number;
  /** Arrays and dictionaries inside one another. */
  maxDepth: number;
  /** Objects ("n 0 obj"). */
  maxObjects: number;
  /** Pages. */
  maxPages: number;
  /** Text runs on one page, and drawing operations on one page. */
  maxRunsPerPage: number;
  maxOpsPerPage: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxStreamBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxDepth: 100,
  maxObjects: 200_000,
  maxPages: 500,
  maxRunsPerPage: 100_000,
  maxOpsPerPage: 2_000_000,
};

export class PdfGuardError extends Error {}

const SLICE = 16 * 1024;
const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const STREAM = enc('stream');
const ENDSTREAM = enc('endstream');
const EOF = enc('%%EOF');

function indexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first, from); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  for (let i = Math.min(from, bytes.length - needle.length); i >= 0; i--) {
    let k = 0;
    while (k < needle.length && bytes[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** Counts a zlib stream's inflated bytes, stopping past `max`; an undecodable stream counts what came out. */
function inflatedSize(data: Uint8Array, max: number): number {
  let total = 0;
  const over = new Error('over');
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > max) throw over;
  });
  try {
    for (let p = 0; p < data.length; p += SLICE) inflater.push(data.subarray(p, p + SLICE), p + SLICE >= data.length);
  } catch (e) {
    if (e === over) return total;
  }
  return total;
}

const isDelimiter = (b: number) => b <= 0x20 || b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;

/**
 * Checks a PDF's bytes against the limits; throws PdfGuardError with a Chinese message. Also
 * tells whether the file ends as a PDF must (%%EOF): a file cut short does not.
 */
export function guardPdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): { complete: boolean } {
  const head = indexOf(bytes.subarray(0, 1024), enc('%PDF-'), 0);
  if (head === -1) throw new PdfGuardError('不是 PDF 文件（文件开头没有 PDF 标记），可能已损坏或扩展名有误');
  const complete = lastIndexOf(bytes, EOF, bytes.length) >= Math.max(0, bytes.length - 64 * 1024);

  let depth = 0;
  let maxDepth = 0;
  let objects = 0;
  let total = 0;
  /** Where the innermost open dictionary began: a stream's dictionary tells its filter. */
  const dictStarts: number[] = [];
  let lastDict = { start: -1, end: -1 };
  const n = bytes.length;
  let i = head;
  while (i < n) {
    const b = bytes[i];
    if (b === 0x25 /* % */) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (b === 0x28 /* ( */) {
      let level = 1;
      i++;
      while (i < n && level > 0) {
        const c = bytes[i];
        if (c === 0x5c) i++;
        else if (c === 0x28) level++;
        else if (c === 0x29) level--;
        i++;
      }
      continue;
    } else if (b === 0x3c /* < */) {
      if (bytes[i + 1] === 0x3c) {
        depth++;
        dictStarts.push(i);
        i += 2;
        if (depth > maxDepth && (maxDepth = depth) > limits.maxDepth) throw new PdfGuardError(`文件中的对象嵌套过深（超过 ${limits.maxDepth} 层），不像正常的年报，未读取`);
        continue;
      }
      while (i < n && bytes[i] !== 0x3e) i++;
    } else if (b === 0x3e /* > */ && bytes[i + 1] === 0x3e) {
      depth = Math.max(0, depth - 1);
      lastDict = { start: dictStarts.pop() ?? -1, end: i + 2 };
      i += 2;
      continue;
    } else if (b === 0x5b /* [ */) {
      depth++;
      if (depth > maxDepth && (maxDepth = depth) > limits.maxDepth) throw new PdfGuardError(`文件中的对象嵌套过深（超过 ${limits.maxDepth} 层），不像正常的年报，未读取`);
    } else if (b === 0x5d /* ] */) {
      depth = Math.max(0, depth - 1);
    } else if (b === 0x6f /* o */ && bytes[i + 1] === 0x62 && bytes[i + 2] === 0x6a && isDelimiter(bytes[i - 1] ?? 0x20) && isDelimiter(bytes[i + 3] ?? 0x20)) {
      if (++objects > limits.maxObjects) throw new PdfGuardError(`文件中的对象过多（超过 ${limits.maxObjects} 个），不像正常的年报，未读取`);
      depth = 0;
      i += 3;
      continue;
    } else if (b === 0x73 /* s */ && bytes[i + 1] === 0x74 && isDelimiter(bytes[i - 1] ?? 0x20) && indexOf(bytes.subarray(i, i + 6), STREAM, 0) === 0) {
      let start = i + STREAM.length;
      if (bytes[start] === 0x0d) start++;
      if (bytes[start] === 0x0a) start++;
      const end = indexOf(bytes, ENDSTREAM, start);
      const stop = end === -1 ? n : end;
      const dict = lastDict.end !== -1 && lastDict.end >= i - 16 ? String.fromCharCode(...bytes.subarray(lastDict.start, Math.min(lastDict.end, lastDict.start + 4096))) : '';
      if (/\/(?:FlateDecode|Fl)\b/.test(dict) && !/\/(?:DCTDecode|JPXDecode|DCT)\b/.test(dict)) {
        const size = inflatedSize(bytes.subarray(start, stop), Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total));
        total += size;
        if (size > limits.maxStreamBytes) throw new PdfGuardError(`文件中有一段压缩数据解压后超过 ${limits.maxStreamBytes / 1048576} MB，不像正常的年报，未读取`);
        if (total > limits.maxTotalBytes) throw new PdfGuardError(`文件中的压缩数据解压后合计超过 ${limits.maxTotalBytes / 1048576} MB，不像正常的年报，未读取`);
      }
      depth = 0;
      i = end === -1 ? n : end + ENDSTREAM.length;
      continue;
    }
    i++;
  }
  return { complete };
}
