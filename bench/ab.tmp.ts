import { parseDocumentXml as neu } from '../src/import/docx';
import { parseDocumentXml as old } from '/tmp/i16-old/src/import/docx';
import { readZipTexts as zNew } from '../src/io/zip';
import { readZipTexts as zOld } from '/tmp/i16-old/src/io/zip';
import { inflateNode as iOld } from '/tmp/i16-old/src/io/inflate-node';
import { documentXml, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
(async () => {
  const xml = documentXml(reportBlocks(consistentReport(1, '机关', 2024))); const docx = new Uint8Array(makeDocx(xml));
  const cpu = async (f: () => unknown, n = 200) => { const c = process.cpuUsage(); for (let i = 0; i < n; i++) await f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000 / n; };
  const acc: Record<string, number[]> = { pOld: [], pNew: [], zOld: [], zNew: [] };
  for (let k = 0; k < 6; k++) {
    acc.pOld.push(await cpu(() => old(xml))); acc.pNew.push(await cpu(() => neu(xml)));
    acc.zOld.push(await cpu(() => zOld(docx, (n) => n === 'word/document.xml' || n === '_rels/.rels', iOld))); acc.zNew.push(await cpu(() => zNew(docx, (n) => n === 'word/document.xml' || n === '_rels/.rels')));
  }
  for (const [k, v] of Object.entries(acc)) console.log(k, v.map((x) => x.toFixed(2)).join(' '), 'median', [...v].sort((a, b) => a - b)[3].toFixed(2));
})();
