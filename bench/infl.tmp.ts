import * as zlib from 'zlib';
import { inflateLimited } from '../src/io/inflate';
import { zipEntries, readZipTexts } from '../src/io/zip';
import { unzipSync } from 'fflate';
import { documentXml, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
(async () => {
  const xml = Buffer.from(documentXml(reportBlocks(consistentReport(1, '机关', 2024)))); const d = zlib.deflateRawSync(xml);
  const docx = new Uint8Array(makeDocx(xml.toString()));
  const cpu = async (f: () => unknown, n = 500) => { for (let i = 0; i < 50; i++) await f(); const c = process.cpuUsage(); for (let i = 0; i < n; i++) await f(); const dd = process.cpuUsage(c); return ((dd.user + dd.system) / 1000 / n).toFixed(3) + 'ms'; };
  for (let k = 0; k < 2; k++) console.log('zlib', await cpu(() => zlib.inflateRawSync(d, { maxOutputLength: xml.length + 1 })), 'fflate', await cpu(() => inflateLimited(d, xml.length + 1)), 'dir', await cpu(() => zipEntries(docx)), 'unzipSync all', await cpu(() => unzipSync(docx)), 'readZipTexts', await cpu(() => readZipTexts(docx, (n) => n === 'word/document.xml')));
})();
import { Unzip, UnzipPassThrough } from 'fflate';
(async () => {
  const xml = Buffer.from(documentXml(reportBlocks(consistentReport(1, '机关', 2024))));
  const docx = new Uint8Array(makeDocx(xml.toString()));
  const c = process.cpuUsage();
  for (let i = 0; i < 300; i++) { const u = new Unzip((f) => { f.ondata = () => {}; f.start(); }); u.register(UnzipPassThrough); u.push(docx, true); }
  const dd = process.cpuUsage(c); console.log('Unzip pass', ((dd.user + dd.system) / 1000 / 300).toFixed(3));
})();
