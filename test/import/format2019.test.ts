/** The 2019 format (国办公开办函〔2019〕60号), still used by mistake: recognised, and T3/T4 still read. */
import { check } from '../../src/core/engine';
import { renderFinding } from '../../src/core/render';
import { Report } from '../../src/core/report';
import { TABLES } from '../../src/core/tables';
import { parseReport } from '../../src/core/report-schema';
import { RunningSum } from '../../src/review/sum';
import { BLANK_TEXT, applicationSentences, pieceText } from '../../src/export/draft';
import { importReport } from '../../src/import';
import { nodeImportOptions } from '../../src/import/node';
import { Row, documentXml, flatDocument, makeDocx, officialRows, reportBlocks } from '../helpers/documents';
import { consistentReport, withCells } from '../helpers/reports';

/** 表二 of the 2019 format, as its template lays it out. */
const T2_2019: Row[] = [
  [{ text: '第二十条第（一）项', colSpan: 4 }],
  ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'].map((text) => ({ text })),
  ['规章', '0', '0', '5'].map((text) => ({ text })),
  ['规范性文件', '2', '2', '30'].map((text) => ({ text })),
  [{ text: '第二十条第（五）项', colSpan: 4 }],
  ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'].map((text) => ({ text })),
  ['行政许可', '50', '+2', '300'].map((text) => ({ text })),
  ['其他对外管理服务事项', '10', '0', '20'].map((text) => ({ text })),
  [{ text: '第二十条第（六）项', colSpan: 4 }],
  ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'].map((text) => ({ text })),
  ['行政处罚', '100', '-5', '400'].map((text) => ({ text })),
  ['行政强制', '5', '0', '10'].map((text) => ({ text })),
  [{ text: '第二十条第（八）项', colSpan: 4 }],
  [{ text: '信息内容' }, { text: '上一年项目数量', colSpan: 2 }, { text: '本年增/减' }],
  [{ text: '行政事业性收费' }, { text: '3', colSpan: 2 }, { text: '0' }],
  [{ text: '第二十条第（九）项', colSpan: 4 }],
  [{ text: '信息内容' }, { text: '采购项目数量', colSpan: 2 }, { text: '采购总金额' }],
  [{ text: '政府集中采购' }, { text: '12', colSpan: 2 }, { text: '345.6' }],
];

const R = (n: number) => `T3.R${n}.C`;

/** A consistent report whose （六）其他处理 figures are all in “3.其他”, as a 2019 report reads into ours. */
function base(year: number): Report {
  const r = consistentReport(21, '某县自然资源局', year);
  const cells = { ...r.cells };
  for (let c = 1; c <= 7; c++) {
    cells[`${R(23)}${c}`] = (cells[`${R(21)}${c}`] as number) + (cells[`${R(22)}${c}`] as number) + (cells[`${R(23)}${c}`] as number);
    cells[`${R(21)}${c}`] = null;
    cells[`${R(22)}${c}`] = null;
  }
  return { ...r, cells };
}

/** 表三 of the 2019 format: （六）其他处理 a single row. */
function t3Of2019(report: Report): Row[] {
  const rows = officialRows('T3', report);
  const item = rows.findIndex((row) => row[0]?.text === '三、本年度办理结果');
  rows[item] = [{ ...rows[item][0], rowSpan: 20 }, ...rows[item].slice(1)];
  const six = rows.findIndex((row) => row.some((c) => c.text === '（六）其他处理'));
  const figures = rows[six + 2].slice(1); // the “3.其他” row holds the sums
  rows.splice(six, 3, [{ text: '（六）其他处理', colSpan: 2 }, ...figures]);
  return rows;
}

async function import2019(report: Report, t2: Row[] = T2_2019) {
  const r = await importReport(makeDocx(documentXml(reportBlocks(report, { tables: { T2: [t2], T3: [t3Of2019(report)] } }))), '2019格式.docx', nodeImportOptions);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const OTHER = [21, 22, 23].flatMap((r) => [1, 2, 3, 4, 5, 6, 7].map((c) => `${R(r)}${c}`));

/** The seven column sums the single （六） row gives: what the report keeps about the three unknown rows. */
const sumsOf = (report: Report) => [1, 2, 3, 4, 5, 6, 7].map((c) => ({ cells: [21, 22, 23].map((r) => `${R(r)}${c}`), value: report.cells[`${R(23)}${c}`] }));

describe('a report in the 2019 format', () => {
  test('for 2022 it is the error format.outdated; 表二 is not read, 表三 and 表四 are', async () => {
    const report = base(2022);
    const r = await import2019(report);
    expect(r.edition).toBe('2019');
    expect(r.findings).toEqual([
      {
        rule: 'format.outdated',
        severity: 'error',
        table: null,
        cells: [],
        params: {
          year: 2022,
          evidence: '表二有“本年新制作数量”“本年新公开数量”“对外公开总数量”“上一年项目数量”“本年增/减”“其他对外管理服务事项”“第二十条第（九）项”“采购项目数量”“采购总金额”“政府集中采购”，表三“（六）其他处理”只有一行',
          detail: '表二按旧格式填写，与现行格式的栏目不同，未读取；表三“（六）其他处理”按旧格式只有一行，现行格式的三行数据未知（不按0计算），“（七）总计”按这一行校验；表三、表四已读取并校验',
        },
      },
    ]);
    expect(renderFinding(r.findings[0])).toMatch(/^2022年度报告使用了国办公开办函〔2019〕60号的旧格式（表二有“本年新制作数量”/);
    expect(r.unreadable).toEqual(['T2']);
    expect(Object.keys(r.report.cells).some((id) => id.startsWith('T2.'))).toBe(false);
    for (const input of [...TABLES.T3.inputs, ...TABLES.T4.inputs]) {
      expect([input.id, r.report.cells[input.id]]).toEqual([input.id, OTHER.includes(input.id) ? null : report.cells[input.id]]);
    }
    // Its single （六） row is not “three missing rows”: they are unknown, and its figures kept as their sums.
    expect(r.report.unknown).toEqual(OTHER);
    expect(r.report.sums).toEqual(sumsOf(report));
  });

  test('表三 and 表四 are still checked: a broken total in the old tables is found', async () => {
    const report = withCells(base(2022), { 'T4.R1.C5': 99 });
    const r = await import2019(report);
    const findings = check(r.report, { unreadable: r.unreadable });
    expect(findings.filter((f) => f.table === 'T4').map((f) => f.rule)).toEqual(['T4.groupTotal']);
    expect(findings.filter((f) => f.table === 'T2')).toEqual([]);
    // The rows the old format does not have are unknown: neither blank nor 0, so nothing is said about them one by one.
    expect(findings.filter((f) => f.table === 'T3')).toEqual([]);
  });

  test('（七）总计 is checked against the single （六） row: one too many there is found, in that column only', async () => {
    const report = base(2022);
    const six = report.cells[`${R(23)}1`] as number;
    const r = await import2019(withCells(report, { [`${R(23)}1`]: six + 1, [`${R(23)}7`]: (report.cells[`${R(23)}7`] as number) + 1 }));
    const t3 = check(r.report, { unreadable: r.unreadable }).filter((f) => f.table === 'T3');
    expect(t3.map((f) => [f.rule, f.anchor?.index, f.difference])).toEqual([
      ['T3.resultTotal', 1, -1],
      ['T3.resultTotal', 7, -1],
    ]);
  });

  test('for 2020 — the years it was made for — it is only noted', async () => {
    const r = await import2019(base(2020));
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['format.edition2019', 'warning']]);
    expect(check(r.report, { unreadable: r.unreadable }).map((f) => f.rule)).toEqual(['meta.formatYear']);
  });

  test('the same from the flattened text form', async () => {
    const report = base(2022);
    const blocks = reportBlocks(report, { tables: { T2: [T2_2019], T3: [t3Of2019(report)] } });
    const text = flatDocument(blocks);
    const r = await importReport(Buffer.from(text, 'utf8'), 'old.txt');
    if (!r.ok) throw new Error(r.error);
    expect(r.findings.map((f) => f.rule)).toEqual(['format.outdated']);
    expect(r.report.cells['T3.R23.C7']).toBeNull();
    expect(r.report.sums).toEqual(sumsOf(report));
  });
});

describe('a current report with the old single （六）其他处理 row (mixed formats, as in real published PDFs)', () => {
  test('is read as that row: the three current rows unknown, a clear import.otherCombined warning, not the old format', async () => {
    const report = base(2023);
    const r = await import2019(report, officialRows('T2', report));
    expect(r.edition).toBe('2021');
    expect(r.findings).toEqual([{ rule: 'import.otherCombined', severity: 'warning', table: 'T3', cells: OTHER, params: { total: String(report.cells[`${R(23)}7`]) } }]);
    expect(renderFinding(r.findings[0])).toMatch(/^表三“（六）其他处理”只有一行（总计\d+），是国办公开办函〔2019〕60号格式的写法.*这三行各自的数据未知，不按0计算/);
    expect(r.unreadable).toEqual([]);
    expect(r.report.cells['T2.R1.C1']).toBe(report.cells['T2.R1.C1']);
    expect(r.report.unknown).toEqual(OTHER);
    expect(r.report.sums).toEqual(sumsOf(report));
  });

  test('every 表三 rule that does not need the three rows is still checked', async () => {
    const report = base(2023);
    const broken = withCells(report, { [`${R(1)}2`]: (report.cells[`${R(1)}2`] as number) + 1, [`${R(5)}1`]: (report.cells[`${R(5)}1`] as number) + 2 });
    const r = await import2019(broken, officialRows('T2', broken));
    const t3 = check(r.report, { unreadable: r.unreadable }).filter((f) => f.table === 'T3');
    expect(t3.map((f) => [f.rule, f.anchor?.axis, f.anchor?.index])).toEqual([
      ['T3.balance', 'col', 2],
      ['T3.resultTotal', 'col', 1],
      ['T3.applicantTotal', 'row', 1],
      ['T3.applicantTotal', 'row', 5],
    ]);
  });

  test('a single （六） row that cannot be placed makes 表三 unreadable, as any other row would', async () => {
    const report = base(2023);
    const rows = t3Of2019(report);
    const six = rows.findIndex((row) => row.some((c) => c.text === '（六）其他处理'));
    rows[six] = rows[six].slice(0, 4);
    const r = await importReport(makeDocx(documentXml(reportBlocks(report, { tables: { T3: [rows] } }))), 'x.docx', nodeImportOptions);
    if (!r.ok) throw new Error(r.error);
    expect(r.findings.map((f) => f.rule)).toEqual(['import.unplaced']);
    expect(r.unreadable).toEqual(['T3']);
    expect(r.report.unknown).toBeUndefined();
  });

  test('writers leave the unknown cells blank, never 0: the JSON round trip, the Word export’s sentence, the review sum', async () => {
    const report = base(2023);
    const r = await import2019(report, officialRows('T2', report));
    const parsed = parseReport(JSON.parse(JSON.stringify(r.report)));
    expect(parsed.ok && parsed.report).toEqual(r.report);
    const sum = new RunningSum();
    sum.add(r.report, r.unreadable, 'a.docx');
    const summed = sum.report('', 2023);
    for (const id of OTHER) expect(summed.cells[id]).toBeUndefined();
    expect(sum.leftOut().map((l) => l.cell)).toEqual(OTHER);
    expect(sum.leftOut()[0].examples).toEqual(['a.docx（原文未分列）']);
    // The Word export states （六）其他处理 from the single row's total; without it, a blank to fill, not 0.
    const other = String(report.cells[`${R(23)}7`]);
    expect(applicationSentences(r.report).map(pieceText).join('')).toContain(`其他处理${other}件`);
    const { sums: _sums, ...withoutSums } = r.report;
    expect(applicationSentences(withoutSums).map(pieceText).join('')).toContain(`其他处理${BLANK_TEXT}件`);
  });
});

function byRow(a: string, b: string): number {
  const key = (id: string) => id.split('.').slice(1).map((p) => Number(p.slice(1)));
  const [ra, ca] = key(a);
  const [rb, cb] = key(b);
  return ra - rb || ca - cb;
}

describe('the single （六） row’s own 总计 = the applicant columns', () => {
  test('is checked with its figures, named as the one row the report prints', async () => {
    const report = base(2023);
    const c1 = report.cells[`${R(23)}1`] as number;
    const r = await import2019(withCells(report, { [`${R(23)}1`]: c1 + 1, [`${R(24)}1`]: (report.cells[`${R(24)}1`] as number) + 1, [`${R(1)}1`]: (report.cells[`${R(1)}1`] as number) + 1 }), officialRows('T2', report));
    const t3 = check(r.report, { unreadable: r.unreadable }).filter((f) => f.table === 'T3');
    expect(t3.map((f) => [f.rule, f.anchor?.axis, f.anchor?.index, f.difference])).toEqual([
      ['T3.applicantTotal', 'row', 1, -1],
      ['T3.applicantTotal', 'row', 24, -1],
      ['T3.applicantTotal', 'row', 21, -1],
    ]);
    expect(renderFinding(t3[2])).toBe(`表三“（六）其他处理”行（原文合为一行，按合计校验）：总计=${report.cells[`${R(23)}7`]}，自然人与法人或其他组织各列之和=${(report.cells[`${R(23)}7`] as number) + 1}，相差1`);
  });
});
