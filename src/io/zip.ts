/**
 * A guard for the zip containers of .xlsx and .docx, run before any parser touches them: a
 * truncated or corrupt archive, a zip bomb or an archive with absurd entry counts is refused with a
 * Chinese message instead of exhausting memory or hanging. Entries are inflated with a hard output
 * limit, so a declared size that lies is caught too.
 */
import * as zlib from 'zlib';

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

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

/** Lists the entries of a zip archive from its central directory. */
export function zipEntries(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw new ZipError('文件不是压缩包格式（.xlsx、.docx 应为 Office Open XML 压缩包）');
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new ZipError('文件不完整或已损坏（找不到压缩包目录）');
  const count = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('不支持 ZIP64 格式的超大压缩包');
  if (count > limits.maxEntries) throw new ZipError(`压缩包内文件过多（${count} 个），不是正常的 Office 文件`);
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('文件不完整或已损坏（压缩包目录有误）');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (size > limits.maxEntryBytes) throw new ZipError(`压缩包内的 ${name} 解压后过大（${mb(size)}），已拒绝读取`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError(`压缩包解压后过大（超过 ${mb(limits.maxTotalBytes)}），疑似“压缩炸弹”，已拒绝读取`);
    if (offset + 30 > buf.length) throw new ZipError('文件不完整或已损坏（压缩包内容被截断）');
    entries.push({ name, method, compressedSize, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;

/** Inflates one entry, never past its declared size (plus one byte to notice a lie). */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.offset;
  if (buf.readUInt32LE(p) !== LOCAL) throw new ZipError('文件不完整或已损坏（压缩包内容有误）');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipError('文件不完整或已损坏（压缩包内容被截断）');
  const data = buf.subarray(start, end);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError(`压缩包使用了不支持的压缩方式（${entry.method}）`);
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: entry.size + 1 });
    if (out.length !== entry.size) throw new ZipError(`压缩包内的 ${entry.name} 大小与目录不符，文件已损坏`);
    return out;
  } catch (e) {
    if (e instanceof ZipError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(String(e))) {
      throw new ZipError(`压缩包内的 ${entry.name} 解压后超过声明的大小，疑似“压缩炸弹”，已拒绝读取`);
    }
    throw new ZipError(`压缩包内的 ${entry.name} 已损坏，无法解压`);
  }
}

const XML_ENTRY = /\.(xml|rels|vml)$/i;
/** A DTD can only stand in the prologue, so the head of each part is enough to look at. */
const PROLOGUE_BYTES = 4096;
const DTD = /<!(DOCTYPE|ENTITY)/i;

/** Refuses XML parts that declare a DTD: that is how XXE and "billion laughs" attacks start, and Office never writes one. */
export function assertNoDtd(name: string, xml: Buffer | string): void {
  const head = typeof xml === 'string' ? xml.slice(0, PROLOGUE_BYTES) : xml.toString('latin1', 0, PROLOGUE_BYTES);
  if (DTD.test(head)) throw new ZipError(`压缩包内的 ${name} 含有 XML 实体声明（DOCTYPE），Office 文件不会有，已拒绝读取`);
}

/** Checks a whole archive: directory, limits, that every entry really inflates to its declared size, and no XML part declares a DTD. */
export function checkZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = zipEntries(buf, limits);
  for (const e of entries) {
    const data = readZipEntry(buf, e);
    if (XML_ENTRY.test(e.name)) assertNoDtd(e.name, data);
  }
  return entries;
}

/** Reads the named entries as UTF-8 text, after the whole archive passed checkZip's limits. */
export function readZipTexts(buf: Buffer, names: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of zipEntries(buf, limits)) {
    if (!names(e.name)) continue;
    const data = readZipEntry(buf, e);
    assertNoDtd(e.name, data);
    out.set(e.name, data.toString('utf8'));
  }
  return out;
}
