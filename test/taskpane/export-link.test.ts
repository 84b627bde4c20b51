/** The 在浏览器中导出 link: beside the pane, the report in the fragment, read back exactly; anything else refused. */
import { EXPORT_PAGE, MAX_LINK, exportLink, reportJsonFromFragment } from '../../src/taskpane/export-link';
import { consistentReport } from '../helpers/reports';

test('a full report fits well within the limit and reads back exactly, text cells included', () => {
  const report = consistentReport(7, '某某县人民政府办公室', 2024);
  report.cells['T3.R1.C1'] = '22（其中修订16件）<img src=x>';
  const link = exportLink('https://oa.example.gov.cn/nianbao/taskpane.html?_host_Info=Excel$Win32', report)!;
  expect(link.startsWith(`https://oa.example.gov.cn/nianbao/${EXPORT_PAGE}#report=`)).toBe(true);
  expect(link.length).toBeLessThan(4000);
  expect(JSON.parse(reportJsonFromFragment(new URL(link).hash)!)).toEqual(report);
});

test('a fragment without a report, or a damaged one, gives null', () => {
  expect(reportJsonFromFragment('')).toBeNull();
  expect(reportJsonFromFragment('#other=1')).toBeNull();
  expect(reportJsonFromFragment('#report=!!!not-base64')).toBeNull();
  expect(reportJsonFromFragment('#report=AAAA')).toBeNull();
});

test('a report too large for a link gives null, never a cut one', () => {
  const report = consistentReport(1, 'x', 2024);
  // Text that does not compress: a linear congruential sequence of CJK characters.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (const id of Object.keys(report.cells)) (report.cells as Record<string, unknown>)[id] = Array.from({ length: 300 }, () => String.fromCharCode(0x4e00 + (next() % 20000))).join('');
  expect(exportLink('https://x/taskpane.html', report)).toBeNull();
  expect(MAX_LINK).toBeGreaterThan(2000);
});
