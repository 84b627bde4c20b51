/**
 * A guard for the zip containers of .xlsx and .docx, run before any parser touches them: a
 * truncated or corrupt archive, a zip bomb or an archive with absurd entry counts is refused with a
 * Chinese message instead of exhausting memory or hanging. Entries are inflated with a hard output
 * limit, so a declared size that lies is caught too.
 *
 * Platform-free: bytes are Uint8Array and the inflater is passed in (Node's zlib in
 * inflate-node.ts, the browser's DecompressionStream in inflate-browser.ts), so the CLI and the
 * pane share one guard.
 */

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
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * Inflates raw deflate data. It must never produce more than `maxBytes` bytes: past that it
 * throws (any error; the guard words the message).
 */
export type Inflate = (data: Uint8Array, maxBytes: number) => Uint8Array | Promise<Uint8Array>;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const utf8 = new TextDecoder('utf-8');

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
const mb = (n: number): string => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;

function findEndOfCentralDirectory(v: DataView): number {
  const min = Math.max(0, v.byteLength - 22 - 0xffff);
  for (let i = v.byteLength - 22; i >= min; i--) if (v.getUint32(i, true) === EOCD) return i;
  return -1;
}

/** Lists the entries of a zip archive from its central directory, within the limits. */
export function zipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const v = view(bytes);
  if (bytes.length < 22 || v.getUint32(0, true) !== LOCAL) throw new ZipError('文件不是压缩包格式（.xlsx、.docx 应为 Office Open XML 压缩包）');
  const eocd = findEndOfCentralDirectory(v);
  if (eocd < 0) throw new ZipError('文件不完整或已损坏（找不到压缩包目录）');
  const count = v.getUint16(eocd + 10, true);
  const dirOffset = v.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('不支持 ZIP64 格式的超大压缩包');
  if (count > limits.maxEntries) throw new ZipError(`压缩包内文件过多（${count} 个），不是正常的 Office 文件`);
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || v.getUint32(p, true) !== CENTRAL) throw new ZipError('文件不完整或已损坏（压缩包目录有误）');
    const method = v.getUint16(p + 10, true);
    const compressedSize = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    const offset = v.getUint32(p + 42, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (size > limits.maxEntryBytes) throw new ZipError(`压缩包内的 ${name} 解压后过大（${mb(size)}），已拒绝读取`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError(`压缩包解压后过大（超过 ${mb(limits.maxTotalBytes)}），疑似“压缩炸弹”，已拒绝读取`);
    if (offset + 30 > bytes.length) throw new ZipError('文件不完整或已损坏（压缩包内容被截断）');
    entries.push({ name, method, compressedSize, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, never past its declared size (plus one byte to notice a lie). */
export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry, inflate: Inflate): Promise<Uint8Array> {
  const v = view(bytes);
  const p = entry.offset;
  if (v.getUint32(p, true) !== LOCAL) throw new ZipError('文件不完整或已损坏（压缩包内容有误）');
  const start = p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('文件不完整或已损坏（压缩包内容被截断）');
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError(`压缩包使用了不支持的压缩方式（${entry.method}）`);
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
export async function checkZip(bytes: Uint8Array, inflate: Inflate, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  const entries = zipEntries(bytes, limits);
  for (const e of entries) {
    const data = await readZipEntry(bytes, e, inflate);
    if (XML_ENTRY.test(e.name)) assertNoDtd(e.name, data);
  }
  return entries;
}

/** Reads the entries `wanted` selects as UTF-8 text, within the limits and refusing DTDs. */
export async function readZipTexts(bytes: Uint8Array, wanted: (name: string) => boolean, inflate: Inflate, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of zipEntries(bytes, limits)) {
    if (!wanted(e.name)) continue;
    const data = await readZipEntry(bytes, e, inflate);
    assertNoDtd(e.name, data);
    out.set(e.name, utf8.decode(data));
  }
  return out;
}
