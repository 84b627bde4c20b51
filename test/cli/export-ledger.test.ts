/**
 * `nianbao export` with a register: the register kept in the report's workbook or named with
 * --ledger gives the text its 按期答复 and 平均办理工作日 when complete; no applicant's name and
 * nothing of what was asked ever reaches the document.
 */
import JSZip from 'jszip';
import * as fs from 'fs';
import * as path from 'path';
import { Report } from '../../src/core/report';
import { analyseLedger } from '../../src/ledger';
import { LEDGER_COLUMNS, LedgerCell, LedgerKey } from '../../src/ledger/columns';
import { addLedgerSheets, ledgerBuffer } from '../../src/xlsx/ledger';
import { templateWorkbook } from '../../src/xlsx/write';
import { cliSandbox } from '../helpers/cli';
import { fixture, withCells } from '../helpers/reports';

const sandbox = cliSandbox('export-ledger');
const { dir, run } = sandbox;
afterAll(() => sandbox.remove());

const NAMES = ['欧阳明远', '慕容秀英', '上官建华'];
const CONTENTS = ['关于青石路小区拆迁补偿标准的文件', '城东污水处理厂环评批复全文', '二〇二四年度某项目招标评审记录'];
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

function row(i: number, received: string, answered: string | null, extra: Partial<Record<LedgerKey, LedgerCell>> = {}): LedgerCell[] {
  const v: Partial<Record<LedgerKey, LedgerCell>> = {
    serial: i + 1,
    received: utc(received),
    applicantType: '自然人',
    applicant: NAMES[i % NAMES.length],
    content: CONTENTS[i % CONTENTS.length],
    corrected: '否',
    consulted: '否',
    extended: '否',
    answered: answered === null ? null : utc(answered),
    result: answered === null ? null : '予以公开',
    remarks: `联系人${NAMES[i % NAMES.length]}`,
    ...extra,
  };
  return LEDGER_COLUMNS.map((c) => v[c.key] ?? null);
}

/** Six applications of 2025: five answered (one of them late), one carried into 2026. */
const ROWS = [
  row(0, '2025-03-03', '2025-03-10'),
  row(1, '2025-04-01', '2025-04-15'),
  row(2, '2025-05-06', '2025-05-20'),
  row(3, '2025-06-02', '2025-06-30'),
  row(4, '2025-07-01', '2025-08-29'),
  row(5, '2025-12-22', null),
];

/** The county's report with 表三 as the register gives it, so the text and the tables agree. */
function reportFor(rows: LedgerCell[][]): Report {
  const grid = [[], [], LEDGER_COLUMNS.map((c) => c.label), ...rows];
  return withCells(fixture('shuyang-county-2025.json'), analyseLedger(grid, { year: 2025 }).cells);
}

async function workbookWith(report: Report, rows: LedgerCell[][] | null): Promise<string> {
  const wb = templateWorkbook({ report });
  if (rows) addLedgerSheets(wb, { year: 2025, rows });
  const name = `report-${Math.random().toString(36).slice(2)}.xlsx`;
  await wb.xlsx.writeFile(path.join(dir, name));
  return name;
}

async function documentText(name: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, name)));
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir && /\.xml$/.test(f.name)).map((f) => f.async('string')));
  return parts.join('\n');
}

function expectNoPersonalData(xml: string): void {
  for (const s of [...NAMES, ...CONTENTS]) expect([s, xml.includes(s)]).toEqual([s, false]);
  // Not even a part of one: a surname with a given name, or a few characters of a request.
  for (const s of ['欧阳', '慕容', '上官', '拆迁补偿', '污水处理', '招标评审']) expect([s, xml.includes(s)]).toEqual([s, false]);
}

test('a register kept in the report’s workbook gives 按期答复 and 平均办理工作日, and nothing personal', async () => {
  const report = reportFor(ROWS);
  const analysis = analyseLedger([[], [], LEDGER_COLUMNS.map((c) => c.label), ...ROWS], { year: 2025 });
  expect(analysis.stats).toMatchObject({ complete: true, answered: 5, timed: 5 });
  const input = await workbookWith(report, ROWS);
  const r = run('export', input, 'with-register.docx');
  expect(r.err).toBe('');
  expect(r.out).toContain(`台账（工作表“依申请公开台账”）：正文已写入2025年度答复 5 件中按期答复 ${analysis.stats.onTime} 件、平均办理 ${analysis.stats.averageWorkingDays} 个工作日。`);
  const xml = await documentText('with-register.docx');
  expect(xml).toContain('据本机关政府信息公开申请登记台账统计，本年度答复的');
  expect(xml).toContain(`按期答复${analysis.stats.onTime}件`);
  expect(analysis.stats.onTime).toBe(4);
  expectNoPersonalData(xml);
});

test('--ledger names the register file; a workbook without one exports as before', async () => {
  const report = reportFor(ROWS);
  const plain = await workbookWith(report, null);
  fs.writeFileSync(path.join(dir, '台账.xlsx'), await ledgerBuffer({ year: 2025, rows: ROWS }));
  const r = run('export', plain, 'named.docx', '--ledger', '台账.xlsx');
  expect(r.out).toContain('台账（台账.xlsx 工作表“依申请公开台账”）：正文已写入');
  const xml = await documentText('named.docx');
  expect(xml).toContain('平均办理用时');
  expectNoPersonalData(xml);

  const alone = run('export', plain, 'alone.docx');
  expect(alone.out).not.toContain('台账');
  expect(await documentText('alone.docx')).not.toContain('按期答复');
});

test('an incomplete register, or one that disagrees with 表三, adds nothing and says why', async () => {
  const broken = [...ROWS, row(6, '2025-09-01', '2025-09-05', { applicantType: '事业单位' })];
  const r = run('export', await workbookWith(reportFor(ROWS), broken), 'incomplete.docx');
  expect(r.out).toContain('台账不完整');
  expect(r.out).toContain('正文未写入按期答复情况');
  const xml = await documentText('incomplete.docx');
  expect(xml).not.toContain('按期答复');
  expectNoPersonalData(xml);

  const other = withCells(reportFor(ROWS), { 'T3.R24.C7': 9 });
  const d = run('export', await workbookWith(other, ROWS), 'disagrees.docx');
  expect(d.out).toContain('与表三（七）总计 9 件不一致');
  expect(await documentText('disagrees.docx')).not.toContain('按期答复');
});

test('a --ledger file without a register is refused and nothing is written', async () => {
  const plain = await workbookWith(reportFor(ROWS), null);
  const r = run('export', plain, 'x.docx', '--ledger', plain);
  expect(r.code).toBe(2);
  expect(r.err).toContain('没有找到依申请公开台账');
  expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
});
