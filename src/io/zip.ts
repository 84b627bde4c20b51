/**
 * A guard for the zip containers of .xlsx and .docx, run before any parser touches them: a
 * truncated or corrupt archive, a zip bomb or an archive with absurd entry counts is refused with a
 * Chinese message instead of exhausting memory or hanging. Entries are inflated with a hard output
 * limit, so a declared size that lies is caught too.
 *
 * fflate reads the archive: its directory reader (`unzipSync` with a filter that inflates nothing)
 * lists the entries, and its streaming reader (`Unzip`) hands over each wanted entry's data. What
 * stays ours is the policy on top: the limits, the two views agreeing, and refusing DTDs.
 * Platform-free (Uint8Array in and out), so the command line and the pane share one guard.
 */
import { Unzip, UnzipDecoder, UnzipPassThrough, unzipSync } from 'fflate';
import { concatBytes, inflateLimited } from './inflate';

export class ZipError extends Error {}

export interface ZipLimits {
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Most bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The size the directory declares. */
  size: number;
}

/**
 * Inflates raw deflate data. It must never produce more than `maxBytes` bytes: past that it
 * throws (any error; the guard words the message). The default is fflate's (src/io/inflate.ts).
 */
export type Inflate = (data: Uint8Array, maxBytes: number) => Uint8Array | Promise<Uint8Array>;

const utf8 = new TextDecoder('utf-8');
/** Node's Buffer decodes UTF-8 several times faster than its TextDecoder; browsers have only the latter. */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const decodeUtf8 = (data: Uint8Array): string => {
  if (!NodeBuffer) return utf8.decode(data);
  const text = NodeBuffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};
const mb = (n: number): string => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;
const DAMAGED_DIRECTORY = '文件不完整或已损坏（压缩包目录有误）';

/** Lists the entries of a zip archive from its central directory, within the limits. */
export function zipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) {
    throw new ZipError('文件不是压缩包格式（.xlsx、.docx 应为 Office Open XML 压缩包）');
  }
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (entries.length >= limits.maxEntries) throw new ZipError(`压缩包内文件过多（超过 ${limits.maxEntries} 个），不是正常的 Office 文件`);
        if (f.originalSize > limits.maxEntryBytes) throw new ZipError(`压缩包内的 ${f.name} 解压后过大（${mb(f.originalSize)}），已拒绝读取`);
        total += f.originalSize;
        if (total > limits.maxTotalBytes) throw new ZipError(`压缩包解压后过大（超过 ${mb(limits.maxTotalBytes)}），疑似“压缩炸弹”，已拒绝读取`);
        // Two entries of one name are how archives show different readers different contents.
        if (names.has(f.name) || f.size > bytes.length) throw new ZipError(DAMAGED_DIRECTORY);
        names.add(f.name);
        entries.push({ name: f.name, method: f.compression, compressedSize: f.size, size: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError('文件不完整或已损坏（找不到压缩包目录）');
  }
  return entries;
}

/** Passes an entry's stored or compressed bytes through as they are: inflating is the guard's, with its limit. */
class Raw implements UnzipDecoder {
  static compression = 8;
  ondata: UnzipDecoder['ondata'] = () => undefined;
  push(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
  }
}

/**
 * The data of the entries `wanted` selects, as stored in the archive, read by fflate's streaming
 * reader from the local headers and checked against the directory: an entry the directory does not
 * list, or whose data differs in length from what the directory says, means a damaged archive.
 */
function rawEntries(bytes: Uint8Array, entries: ZipEntry[], wanted: (e: ZipEntry) => boolean): Map<ZipEntry, Uint8Array> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const seen = new Set<ZipEntry>();
  const out = new Map<ZipEntry, Uint8Array>();
  const unzip = new Unzip((file) => {
    const entry = byName.get(file.name);
    if (!entry || seen.has(entry) || file.compression !== entry.method) throw new ZipError(DAMAGED_DIRECTORY);
    seen.add(entry);
    if (!wanted(entry)) return;
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`压缩包使用了不支持的压缩方式（${entry.method}）`);
    const chunks: Uint8Array[] = [];
    let length = 0;
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      length += chunk.length;
      if (length > entry.compressedSize) throw new ZipError(`压缩包内的 ${entry.name} 大小与目录不符，文件已损坏`);
      chunks.push(chunk);
      if (final) out.set(entry, concatBytes(chunks, length));
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(Raw);
  try {
    unzip.push(bytes, true);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError('文件不完整或已损坏（压缩包内容被截断）');
  }
  for (const e of entries) {
    if (!wanted(e)) continue;
    const data = out.get(e);
    if (data === undefined) throw new ZipError(seen.has(e) ? '文件不完整或已损坏（压缩包内容被截断）' : DAMAGED_DIRECTORY);
    if (data.length !== e.compressedSize) throw new ZipError(`压缩包内的 ${e.name} 大小与目录不符，文件已损坏`);
  }
  return out;
}

/** Inflates one entry's data, never past its declared size (plus one byte to notice a lie). */
async function inflateEntry(entry: ZipEntry, data: Uint8Array, inflate: Inflate): Promise<Uint8Array> {
  if (entry.method === 0) {
    if (data.length !== entry.size) throw new ZipError(`压缩包内的 ${entry.name} 大小与目录不符，文件已损坏`);
    return data;
  }
  let out: Uint8Array;
  try {
    out = await inflate(data, entry.size + 1);
  } catch (e) {
    if (/max|too large|limit|exceed/i.test(String((e as Error)?.message ?? e)) || (e as { code?: string })?.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipError(`压缩包内的 ${entry.name} 解压后超过声明的大小，疑似“压缩炸弹”，已拒绝读取`);
    }
    throw new ZipError(`压缩包内的 ${entry.name} 已损坏，无法解压`);
  }
  if (out.length !== entry.size) throw new ZipError(`压缩包内的 ${entry.name} 大小与目录不符，文件已损坏`);
  return out;
}

const XML_ENTRY = /\.(xml|rels|vml)$/i;
/** A DTD can only stand in the prologue, so the head of each part is enough to look at. */
const PROLOGUE_BYTES = 4096;
const DTD = /<!(DOCTYPE|ENTITY)/i;
const latin1 = new TextDecoder('latin1');

/** Refuses XML parts that declare a DTD: that is how XXE and "billion laughs" attacks start, and Office never writes one. */
export function assertNoDtd(name: string, xml: Uint8Array | string): void {
  const head = typeof xml === 'string' ? xml.slice(0, PROLOGUE_BYTES) : latin1.decode(xml.subarray(0, PROLOGUE_BYTES));
  if (DTD.test(head)) throw new ZipError(`压缩包内的 ${name} 含有 XML 实体声明（DOCTYPE），Office 文件不会有，已拒绝读取`);
}

/** Checks a whole archive: directory, limits, that every entry really inflates to its declared size, and no XML part declares a DTD. */
export async function checkZip(bytes: Uint8Array, inflate: Inflate = inflateLimited, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  const entries = zipEntries(bytes, limits);
  for (const [e, raw] of rawEntries(bytes, entries, () => true)) {
    const data = await inflateEntry(e, raw, inflate);
    if (XML_ENTRY.test(e.name)) assertNoDtd(e.name, data);
  }
  return entries;
}

/** Reads the entries `wanted` selects as UTF-8 text, within the limits and refusing DTDs. */
export async function readZipTexts(bytes: Uint8Array, wanted: (name: string) => boolean, inflate: Inflate = inflateLimited, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [e, raw] of rawEntries(bytes, zipEntries(bytes, limits), (x) => wanted(x.name))) {
    const data = await inflateEntry(e, raw, inflate);
    assertNoDtd(e.name, data);
    out.set(e.name, decodeUtf8(data));
  }
  return out;
}
