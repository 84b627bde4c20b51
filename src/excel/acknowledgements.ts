/**
 * Acknowledgements (说明) as the custom XML part that keeps them inside the workbook:
 *
 *   <acknowledgements xmlns="urn:nianbao:acknowledgements:1">
 *     <ack sheet="2024年政府信息公开年报" fingerprint="prior.inForce|T2.row1|5:7" at="2025-01-10T08:00:00.000Z">废止的文件为2019年制发</ack>
 *   </acknowledgements>
 *
 * Written and read here without a DOM (the shared runtime has one, the tests in Node do not).
 * The part travels with the file, so anyone may have edited it: reading is defensive — bounded,
 * and whatever does not look like ours is dropped rather than trusted.
 */
import type { Acknowledgement } from '../host/contract';

/** A URN, not a URL: nothing to fetch, and no address in the bundle. */
export const ACK_NAMESPACE = 'urn:nianbao:acknowledgements:1';

export const MAX_ACKS = 2000;
export const MAX_REASON = 500;
const MAX_FIELD = 2000;
const MAX_XML = 4 * 1024 * 1024;

/** Characters XML 1.0 cannot carry at all are dropped rather than written as an unreadable part. */
// eslint-disable-next-line no-control-regex
const xmlChars = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const escapeXml = (s: string): string => xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, code: string) => {
    if (code[0] !== '#') return NAMED[code] ?? whole;
    const n = code[1] === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });
}

export function acknowledgementsXml(acks: readonly Acknowledgement[]): string {
  const rows = acks
    .slice(0, MAX_ACKS)
    .map((a) => `<ack sheet="${escapeXml(a.sheet)}" fingerprint="${escapeXml(a.fingerprint)}" at="${escapeXml(a.at)}">${escapeXml(xmlChars(a.reason).slice(0, MAX_REASON))}</ack>`);
  return `<acknowledgements xmlns="${ACK_NAMESPACE}">${rows.join('')}</acknowledgements>`;
}

const ACK = /<ack\b([^>]*?)(?:\/>|>([\s\S]*?)<\/ack>)/g;
const ATTR = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseAcknowledgementsXml(xml: string): Acknowledgement[] {
  if (xml.length > MAX_XML) return [];
  const out: Acknowledgement[] = [];
  for (const m of xml.matchAll(ACK)) {
    if (out.length >= MAX_ACKS) break;
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(ATTR)) attrs[a[1]] = unescapeXml(a[2] ?? a[3] ?? '');
    const reason = unescapeXml(m[2] ?? '').trim();
    const { sheet, fingerprint, at } = attrs;
    if (!sheet || !fingerprint || !reason || sheet.length > MAX_FIELD || fingerprint.length > MAX_FIELD) continue;
    out.push({ sheet, fingerprint, reason: reason.slice(0, MAX_REASON), at: at ?? '' });
  }
  return out;
}
