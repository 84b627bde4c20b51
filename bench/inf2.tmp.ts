import * as zlib from 'zlib';
import { inflateSync } from 'fflate';
import { inflateLimited } from '../src/io/inflate';
import { documentXml, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
const xml = Buffer.from(documentXml(reportBlocks(consistentReport(1, '机关', 2024)))); const d = new Uint8Array(zlib.deflateRawSync(xml));
const cpu = (f: () => unknown, n = 500) => { const c = process.cpuUsage(); for (let i = 0; i < n; i++) f(); const dd = process.cpuUsage(c); return ((dd.user + dd.system) / 1000 / n).toFixed(3); };
for (let k = 0; k < 4; k++) console.log('zlib', cpu(() => zlib.inflateRawSync(d, { maxOutputLength: xml.length + 1 })), 'stream', cpu(() => inflateLimited(d, xml.length + 1)), 'sync-out', cpu(() => inflateSync(d, { out: new Uint8Array(xml.length + 1) })), 'sync', cpu(() => inflateSync(d)));
