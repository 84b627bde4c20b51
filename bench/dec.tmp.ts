import * as zlib from 'zlib';
import { inflateLimited } from '../src/io/inflate';
import { documentXml, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
const xml = Buffer.from(documentXml(reportBlocks(consistentReport(1, '机关', 2024)))); const d = zlib.deflateRawSync(xml);
const a = zlib.inflateRawSync(d) as Uint8Array; const b = inflateLimited(d, xml.length + 1) as Uint8Array; const c = new Uint8Array(b);
const u = new TextDecoder('utf-8');
for (const [n, x] of [['zlib', a], ['fflate', b], ['copy', c]] as const) { const t = process.hrtime.bigint(); for (let i = 0; i < 300; i++) u.decode(x); console.log(n, x.constructor.name, x.byteLength, x.buffer.byteLength, Number(process.hrtime.bigint() - t) / 300 / 1e6); }
