/**
 * `nianbao review` over a folder holding clean, broken, unreadable, duplicate-body and other-year
 * reports: the rows and findings of the workbook, read back with exceljs; the 汇总 read back as
 * `convert` reads it; exit codes, JSON and progress.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { review } from '../../src/cli/review';
import { readCell, usableValue } from '../../src/core/read';
import { CELL_IDS } from '../../src/core/tables';
import { readWorkbook } from '../../src/xlsx/read';
import { templateBuffer } from '../../src/xlsx/write';
import { cliSandbox } from '../helpers/cli';
import { consistentReport, withCells } from '../helpers/reports';
import { READABLE, TEXT_CELL, UNREADABLE, internalLinks, writeFolder } from './folder';

let dir: string;
let inbox: string;
let out: string;
let run: { code: number; out: string; err: string };
let book: ExcelJS.Workbook;

async function reviewIn(args: string[], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let stdout = '';
  let stderr = '';
  const code = await review(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), isTTY });
  return { code, out: stdout, err: stderr };
}

const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-test-'));
  inbox = path.join(dir, '年报');
  await writeFolder(inbox);
  out = path.join(dir, '审核结果.xlsx');
  run = await reviewIn([inbox, '--out', out]);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string): string => path.join(inbox, name);

describe('审核结果', () => {
  test('the workbook has the three sheets in order', () => {
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['审核结果', '问题清单', '汇总']);
  });

  test('one row per file, errors first, then unreadable files, then passes, each group in input order', () => {
    const rows = rowsOf(book.getWorksheet('审核结果')!);
    expect(rows[0]).toEqual(['文件', '机关', '年度', '结论', '错误', '提示', '本年新收（件）', '上年结转（件）', '办结（件）', '结转下年度（件）', '行政复议（件）', '行政诉讼（件）', '备注']);
    const text = (v: unknown) => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v);
    expect(rows.slice(1).map((r) => [text(r[0]), r[3]])).toEqual([
      [file('c-broken.xlsx'), '有错误'],
      [file('d-text.json'), '有错误'],
      [file('g-garbage.docx'), '无法读取'],
      [file('h-empty.json'), '无法读取'],
      [file('a-clean.xlsx'), '通过'],
      [file('b-clean.json'), '通过'],
      [file('e-duplicate.json'), '通过'],
      [file('f-2023.json'), '通过'],
    ]);
  });

  test('a row shows body, year, counts and the headline figures of its report', () => {
    const ws = book.getWorksheet('审核结果')!;
    const row = rowsOf(ws).find((r) => r[1] === '乙局')!;
    const cells = READABLE['b-clean.json'].cells as Record<string, number>;
    expect(row.slice(1, 12)).toEqual([
      '乙局',
      2024,
      '通过',
      0,
      0,
      cells['T3.R1.C7'],
      cells['T3.R2.C7'],
      cells['T3.R24.C7'],
      cells['T3.R25.C7'],
      cells['T4.R1.C5'],
      cells['T4.R1.C10'] + cells['T4.R1.C15'],
    ]);
  });

  test('an unreadable file is a row with its Chinese reason', () => {
    const rows = rowsOf(book.getWorksheet('审核结果')!);
    const empty = rows.find((r) => r[0] === file('h-empty.json'))!;
    expect(empty[12]).toBe('无法读取：文件是空的');
    const garbage = rows.find((r) => r[0] === file('g-garbage.docx'))!;
    expect(String(garbage[12])).toMatch(/^无法读取：[\u4e00-\u9fa5]/);
  });

  test('a body sending two reports and a year differing from the others are flagged in 备注', () => {
    const rows = rowsOf(book.getWorksheet('审核结果')!);
    const note = (name: string) => String(rows.find((r) => r[0] === file(name) || (r[0] as { text?: string })?.text === file(name))![12] ?? '');
    expect(note('a-clean.xlsx')).toContain(`同一机关另有 1 份年报：${file('e-duplicate.json')}`);
    expect(note('e-duplicate.json')).toContain(`同一机关另有 1 份年报：${file('a-clean.xlsx')}`);
    expect(note('f-2023.json')).toBe('年度为2023年，与其他年报（2024年）不同');
    expect(note('b-clean.json')).toBe('');
  });

  test('the sheet has an autofilter over its rows and a frozen header', () => {
    const ws = book.getWorksheet('审核结果')!;
    expect(ws.autoFilter).toBe('A1:M9');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test("each report with findings links (a hyperlink, not a formula) to its first finding on 问题清单", async () => {
    const ws = book.getWorksheet('审核结果')!;
    const links = await internalLinks(out, 1);
    const findings = rowsOf(book.getWorksheet('问题清单')!);
    let linked = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const cell = row.getCell(1);
      expect(cell.formula).toBeUndefined();
      const name = cell.text;
      const location = links.get(`A${r}`);
      const first = findings.findIndex((f) => f[0] === name) + 1;
      if (first === 0) return expect(location).toBeUndefined();
      linked++;
      expect(location).toBe(`'问题清单'!A${first}`);
    });
    expect(linked).toBe(2); // the broken and the text report; the clean ones have no findings
  });
});

describe('问题清单', () => {
  const findings = () => rowsOf(book.getWorksheet('问题清单')!);

  test('every finding is a row: file, body, table, rule, level, location, sentence', () => {
    expect(findings()[0]).toEqual(['文件', '机关', '表', '规则', '级别', '位置', '说明']);
    const rows = findings().filter((r) => r[0] === file('c-broken.xlsx'));
    expect(rows.map((r) => r[3])).toEqual(['表三平衡关系', '表三办理结果合计', '表三申请人合计']);
    expect(rows.every((r) => r[1] === '丙局' && r[2] === '表三' && r[4] === '错误')).toBe(true);
  });

  test('a workbook finding is placed by sheet address, any other by table, row and column labels', () => {
    const broken = findings().find((r) => r[0] === file('c-broken.xlsx') && r[3] === '表三办理结果合计')!;
    expect(broken[5]).toBe('2024年政府信息公开年报!J26:J47');
    expect(broken[6]).toMatch(/^表三“总计”列：（七）总计=\d+，（一）至（六）各项之和=\d+，相差1$/);
    const text = findings().find((r) => r[0] === file('d-text.json'))!;
    expect(text.slice(3, 6)).toEqual(['非数字', '错误', '表三 商业企业/一、本年新收政府信息公开申请数量']);
    expect(text[6]).toContain(TEXT_CELL);
  });

  test('the sheet has an autofilter and a frozen header', () => {
    const ws = book.getWorksheet('问题清单')!;
    expect(ws.autoFilter).toBe(`A1:G${findings().length}`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('汇总', () => {
  test('read back as `convert` reads the workbook, it is one report: the cell-by-cell sum of every readable report', async () => {
    const reports = await readWorkbook(fs.readFileSync(out));
    expect(reports).toHaveLength(1);
    const [sum] = reports;
    expect(sum.sheet).toBe('汇总');
    expect(sum.report.org).toBe('汇总（6份年报）');
    expect(sum.report.year).toBe(2024);
    for (const id of CELL_IDS) {
      let expected = 0;
      for (const r of Object.values(READABLE)) expected += usableValue(readCell(r.cells[id])) ?? 0;
      expect([id, sum.report.cells[id]]).toEqual([id, Math.round(expected * 1e6) / 1e6]);
    }
  });

  test('a note under the table, and on the cell, names the value that could not be used', () => {
    const ws = book.getWorksheet('汇总')!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
    const line = `表三 商业企业/一、本年新收政府信息公开申请数量：1 份年报此格不是可用的数字，未计入（${file('d-text.json')}（“${TEXT_CELL}”））`;
    expect(texts).toContain(line);
    expect(texts.some((t) => t.startsWith('本表为 6 份年报逐格相加之和'))).toBe(true);
    const noted: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => c.note && noted.push(`${c.address}:${typeof c.note === 'string' ? c.note : c.note.texts?.map((t) => t.text).join('')}`)));
    expect(noted).toEqual([`E24:${line}`]);
  });
});

describe('exit codes and output', () => {
  test('1 when some report has errors or a file could not be read; the text names the workbook and the counts', () => {
    expect(run.code).toBe(1);
    expect(run.out).toContain(`已写入 ${out}（审核结果、问题清单、汇总）`);
    expect(run.out).toContain('8 个文件，6 份年报：2 份有错误，4 份通过');
    expect(run.out).toContain('2 个文件无法读取');
    expect(run.err).toBe('');
  });

  test('0 when no report has errors (warnings allowed)', async () => {
    const r = await reviewIn([file('a-clean.xlsx'), file('b-clean.json'), '--out', path.join(dir, 'clean.xlsx')]);
    expect(r.code).toBe(0);
  });

  test('2 when nothing could be read', async () => {
    const r = await reviewIn([...UNREADABLE.map(file), '--out', path.join(dir, 'none.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有可读取的年报');
  });

  test('2 and a Chinese message for an existing output without --force; --force replaces it', async () => {
    const r = await reviewIn([file('a-clean.xlsx'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`nianbao：${out}：文件已存在；如需覆盖，请加 --force\n`);
    const forced = await reviewIn([file('a-clean.xlsx'), '--out', path.join(dir, 'forced.xlsx')]);
    expect(forced.code).toBe(0);
    const again = await reviewIn([file('a-clean.xlsx'), '--out', path.join(dir, 'forced.xlsx'), '--force']);
    expect(again.code).toBe(0);
  });

  test.each([
    [['--out', 'x.xlsx'], '至少一个'],
    [['a.json'], '--out'],
    [['a.json', '--out', 'x.csv'], '.xlsx'],
    [['a.json', '--out', 'x.xlsx', '--format', 'xml'], '--format'],
    [['a.json', '--out', 'x.xlsx', '--bogus'], '不认识的选项 --bogus'],
    [['a.json', '--out'], '选项 --out 需要一个值'],
  ])('2 and the usage for wrong usage: %j', async (args, message) => {
    const r = await reviewIn(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('用法');
  });

  test('the output is never read as an input, even in the folder reviewed', async () => {
    const folder = path.join(dir, 'self');
    fs.mkdirSync(folder);
    fs.copyFileSync(file('a-clean.xlsx'), path.join(folder, 'a.xlsx'));
    const target = path.join(folder, '审核结果.xlsx');
    expect((await reviewIn([folder, '--out', target])).code).toBe(0);
    const again = await reviewIn([folder, '--out', target, '--force', '--format', 'json']);
    expect(JSON.parse(again.out).files).toBe(1);
  });

  test('--format json gives the counts, one entry per row in the sheet order, and the sum', async () => {
    const r = await reviewIn([inbox, '--out', path.join(dir, 'json.xlsx'), '--format', 'json']);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ files: 8, reports: 6, withErrors: 2, passed: 4, unreadable: 2, duplicateBodies: 1, otherYears: 1, year: 2024 });
    expect(json.results.map((x: { verdict: string }) => x.verdict)).toEqual(['errors', 'errors', 'unreadable', 'unreadable', 'pass', 'pass', 'pass', 'pass']);
    expect(json.results[0]).toMatchObject({ file: file('c-broken.xlsx'), org: '丙局', year: 2024, conclusion: '有错误', errors: 3, findingsRow: expect.any(Number) });
    expect(json.sum.balanced).toBe(false);
    expect(json.sum.leftOut).toEqual([expect.objectContaining({ table: 'T3', cell: 'T3.R1.C2', count: 1 })]);
    expect(json.findings.total).toBe(rowsOf(book.getWorksheet('问题清单')!).length - 1);
  });
});

describe('progress', () => {
  test('on a terminal, stderr shows "已审核 n/N"; otherwise nothing', async () => {
    const tty = await reviewIn([inbox, '--out', path.join(dir, 'tty.xlsx')], true);
    expect(tty.err).toContain('已审核 8/8');
    const pipe = await reviewIn([inbox, '--out', path.join(dir, 'pipe.xlsx')], false);
    expect(pipe.err).toBe('');
  });

  test('the real command shows progress in a terminal and none through a pipe', () => {
    const sandbox = cliSandbox('review-tty');
    try {
      const piped = sandbox.run('review', inbox, '--out', 'piped.xlsx');
      expect(piped.code).toBe(1);
      expect(piped.err).toBe('');
      const bin = path.resolve(__dirname, '../../bin/nianbao.js');
      const command = [process.execPath, bin, 'review', inbox, '--out', 'tty.xlsx'].map((a) => `'${a}'`).join(' ');
      const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: sandbox.dir, encoding: 'utf8' });
      expect(tty.stdout).toContain('已审核 8/8');
    } finally {
      sandbox.remove();
    }
  });
});

describe('--prior', () => {
  test("each body's report is matched to last year's by name and the cross-year rules run", async () => {
    const priorDir = path.join(dir, '上年');
    fs.mkdirSync(priorDir);
    const now = consistentReport(11, '甲局', 2024);
    const carried = now.cells['T3.R2.C1'] as number;
    fs.writeFileSync(path.join(priorDir, 'jia-2023.xlsx'), await templateBuffer({ report: withCells(consistentReport(12, '甲局', 2023), { 'T3.R25.C1': carried + 2 }) }));
    fs.writeFileSync(path.join(priorDir, 'yi-2023.json'), JSON.stringify(consistentReport(13, '其他局', 2023)));
    fs.writeFileSync(path.join(priorDir, 'broken.json'), '{');
    const thisYear = path.join(dir, '本年');
    fs.mkdirSync(thisYear);
    fs.writeFileSync(path.join(thisYear, 'jia.json'), JSON.stringify(now));
    fs.writeFileSync(path.join(thisYear, 'yi.json'), JSON.stringify(consistentReport(14, '乙局', 2024)));
    const target = path.join(dir, 'prior.xlsx');
    const r = await reviewIn([thisYear, '--out', target, '--prior', priorDir, '--format', 'json']);
    const json = JSON.parse(r.out);
    const jia = json.results.find((x: { org: string }) => x.org === '甲局');
    expect(jia.verdict).toBe('errors');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const rows = rowsOf(wb.getWorksheet('问题清单')!).filter((x) => x[1] === '甲局');
    expect(rows.map((x) => x[3])).toContain('上年结转');
    const yi = json.results.find((x: { org: string }) => x.org === '乙局');
    expect(yi.notes).toEqual(['上年年报中没有该机关，未做跨年度核对']);
    expect(r.err.startsWith(`nianbao：上年文件 ${path.join(priorDir, 'broken.json')} 无法读取（不是有效的 JSON 文件`)).toBe(true);
    expect(r.err.endsWith('），未用于跨年度核对\n')).toBe(true);
  });

  test('a prior folder without one readable report is refused before the review (exit 2)', async () => {
    const empty = path.join(dir, '空的上年');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'x.json'), '');
    const r = await reviewIn([file('a-clean.xlsx'), '--out', path.join(dir, 'noprior.xlsx'), '--prior', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${empty}：没有可读取、填有机关名称的上年年报`);
    expect(fs.existsSync(path.join(dir, 'noprior.xlsx'))).toBe(false);
  });
});
