import { readZipTexts } from '../src/io/zip';
import { documentXml, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
(async () => {
  const docx = new Uint8Array(makeDocx(documentXml(reportBlocks(consistentReport(1, '机关', 2024)))));
  for (let i = 0; i < 1500; i++) await readZipTexts(docx, (n) => n === 'word/document.xml');
})();
