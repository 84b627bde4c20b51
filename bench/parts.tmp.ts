import { readZipTexts } from '../src/io/zip';
import { inflateNode } from '../src/io/inflate-node';
import { parseDocumentXml } from '../src/import/docx';
import { documentXml, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
(async () => {
  const b = reportBlocks(consistentReport(1, '机关', 2024)); const xml = documentXml(b); const docx = new Uint8Array(makeDocx(xml));
  const cpu = async (f: () => unknown, n = 300) => { for (let i = 0; i < 20; i++) await f(); const c = process.cpuUsage(); for (let i = 0; i < n; i++) await f(); const d = process.cpuUsage(c); return ((d.user + d.system) / 1000 / n).toFixed(2) + 'ms'; };
  console.log('xml chars', xml.length, 'zip', docx.length, 'unzip', await cpu(() => readZipTexts(docx, (n) => n === 'word/document.xml' || n === '_rels/.rels', inflateNode)), 'parse', await cpu(() => parseDocumentXml(xml)));
})();
