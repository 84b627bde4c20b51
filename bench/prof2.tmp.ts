import { importReport } from '../src/import/index';
import { nodeImportOptions } from '../src/import/node';
import { documentXml, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
(async () => {
  const docx = new Uint8Array(makeDocx(documentXml(reportBlocks(consistentReport(1, '机关', 2024)))));
  for (let i = 0; i < 600; i++) await importReport(docx, 'a.docx', nodeImportOptions);
})();
