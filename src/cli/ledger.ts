/**
 * `nianbao ledger 台账.xlsx [--year Y] [--format text|json] [--out 年报.xlsx|.json] [--force]`:
 * 表三 compiled from the register of applications, with its deadlines and findings; and the
 * register side of `nianbao check --ledger`. The register's personal columns never reach the
 * output: the core does not carry them.
 *
 * Exit codes as `check`: 0 no errors; 1 the register has errors; 2 nothing could be read.
 */
import * as path from 'path';
import { Finding, countBySeverity } from '../core/findings';
import { REPORT_FORMAT, Report, defaultReportYear } from '../core/report';
import { SEVERITY_NAME, locationOf, renderFinding } from '../core/render';
import { T3_COLUMNS, T3_ROW_NAMES, TableId, cellId } from '../core/tables';
import { LedgerAnalysis, LedgerGrid, analyseLedger, isLedgerGrid, ledgerMismatches } from '../ledger';
import { inflateNode } from '../io/inflate-node';
import { SheetGrid, readSheetGrids } from '../io/xlsx-ledger';
import { MAX_XLSX_BYTES, XlsxLiteError } from '../io/xlsx-lite';
import { templateBuffer } from '../xlsx/write';
import { UsageError, parseCommandArgs } from './args';
import { EXIT, failureExit } from './exit';
import { InputError, readBytes } from './inputs';
import { writeNewFile } from './output';

export const LEDGER_USAGE = `  nianbao ledger 台账.xlsx [--year 年度] [--format text|json] [--out 年报.xlsx|年报.json] [--force]
      由依申请公开登记台账统计表三，核对每件申请的答复期限（按法定节假日和调休安排），
      列出台账中无法统计的行；--out 将表三写入年报模板（.xlsx）或年报数据（.json）
      申请人姓名和申请内容只在本机读取，不出现在任何输出中
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => Date;
}

/** Loaded from a file: the sheet the register was found on and its values. */
export interface LoadedLedger extends SheetGrid {
  file: string;
}

/** The register sheets of an .xlsx; none is an empty list. */
async function ledgerSheetsOf(file: string): Promise<LoadedLedger[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xls' || ext === '.et') throw new InputError(`${file}：不支持旧版 ${ext} 格式，请在 Excel 或 WPS 中另存为 .xlsx`);
  if (ext !== '.xlsx' && ext !== '.xlsm') throw new InputError(`${file}：台账应为 Excel 工作簿（.xlsx）`);
  const data = await readBytes(file, MAX_XLSX_BYTES);
  if (data[0] !== 0x50 || data[1] !== 0x4b) throw new InputError(`${file}：不是 .xlsx 文件（文件内容不是 Office Open XML 压缩包）`);
  try {
    // The light reader (no exceljs): a register runs to thousands of rows. Date cells come as serial numbers.
    const sheets = await readSheetGrids(data, inflateNode);
    return sheets.filter((s) => isLedgerGrid(s.grid)).map((s) => ({ file, ...s }));
  } catch (e) {
    if (e instanceof XlsxLiteError) throw new InputError(`${file}：${e.message}`);
    throw e;
  }
}

/** The register kept in a report's own workbook: none for a file of another kind, or one with no register sheet or none readable. */
export async function ledgerInWorkbook(file: string): Promise<LoadedLedger | null> {
  if (!/\.xlsx$|\.xlsm$/i.test(file)) return null;
  return (await ledgerSheetsOf(file).catch(() => []))[0] ?? null;
}

/** The register of a file named as one: the first sheet whose header names the register's columns. */
export async function loadLedger(file: string): Promise<LoadedLedger> {
  return firstLedger(file, await ledgerSheetsOf(file));
}

function firstLedger(file: string, sheets: LoadedLedger[]): LoadedLedger {
  if (sheets.length === 0) {
    throw new InputError(`${file}：工作簿中没有找到依申请公开台账——各工作表的前几行中都没有能认出“收到日期”“申请人类型”“答复日期”“办理结果”等列名的表头`);
  }
  return sheets[0];
}

function parseYear(text: string | undefined, now: Date): number {
  if (text === undefined) return defaultReportYear(now);
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new UsageError(`--year 应为四位年份，如 2025（收到“${text}”）`);
  return year;
}

// ---- text output -----------------------------------------------------------------------------

const width = (s: string): number => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const padEnd = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - width(s))) + s;

const SHORT_COLUMNS = ['自然人', '商业企业', '科研机构', '公益组织', '法律服务', '其他', '总计'];
const MAX_LABEL = 38;

/** A row's label short enough for a terminal: 一、本年新收 / （三）1.属于国家秘密 / （六）1.申请人无正当理由逾期不补正… */
function shortLabel(name: string): string {
  const label = name.replace(/政府信息公开申请数量$/, '').replace(/继续办理$/, '').replace(/（区分处理的，只计这一情形，不计其他情形）/, '').replace(/^(（[一二三四五六]）)[^0-9]*(\d)/, '$1$2');
  let out = '';
  for (const ch of label) {
    if (width(out + ch) > MAX_LABEL - 2) return `${out}…`;
    out += ch;
  }
  return out;
}

/** 表三 as a plain table: one line per row, the seven applicant columns (names shortened to fit). */
export function formatT3(cells: Record<string, number>): string {
  const labels = T3_ROW_NAMES.map(shortLabel);
  const colWidth = 10;
  const lines = [`    ${padEnd('', MAX_LABEL)}${SHORT_COLUMNS.map((c) => padStart(c, colWidth)).join('')}`];
  labels.forEach((label, i) => {
    lines.push(`    ${padEnd(label, MAX_LABEL)}${T3_COLUMNS.map((_, j) => padStart(String(cells[cellId('T3', i + 1, j + 1)] ?? 0), colWidth)).join('')}`);
  });
  return lines.join('\n');
}

/** Past this many findings of one rule, the text output sums up the rest. */
const MAX_SAME_RULE = 20;

function statsLine(a: LedgerAnalysis): string {
  const s = a.stats;
  if (s.answered === 0) return `  ${a.year}年度没有答复的申请`;
  const timing = s.timed === 0 ? '答复期限均未能核对' : `可核对期限的 ${s.timed} 件中按期答复 ${s.onTime} 件，平均办理 ${s.averageWorkingDays} 个工作日`;
  const note = s.complete ? '' : '（台账有未能统计或未能核对期限的行，以上数字仅供参考，不宜写入年报）';
  return `  ${a.year}年度答复 ${s.answered} 件：${timing}${note}`;
}

export function formatLedgerText(loaded: LoadedLedger, a: LedgerAnalysis): string {
  const { errors, warnings } = countBySeverity(a.findings);
  const counted = a.cells[cellId('T3', 1, 7)] + a.cells[cellId('T3', 2, 7)];
  const lines = [
    `■ ${loaded.file} · 工作表“${loaded.sheet}”${a.header ? `（表头在第${a.header.row}行）` : ''}`,
    `  ${a.year}年度 表三（由台账统计：本年新收与上年结转共 ${counted} 件）`,
    formatT3(a.cells),
    statsLine(a),
    errors === 0 ? `  ✓ 台账可完整统计表三${warnings ? `，${warnings} 处提示` : '，无提示'}` : `  ✗ ${errors} 处错误，${warnings} 处提示`,
  ];
  const perRule = new Map<string, number>();
  for (const f of a.findings) {
    const n = (perRule.get(f.rule) ?? 0) + 1;
    perRule.set(f.rule, n);
    if (n <= MAX_SAME_RULE) lines.push(`    ${SEVERITY_NAME[f.severity]}  ${renderFinding(f)}`);
  }
  for (const [rule, n] of perRule) if (n > MAX_SAME_RULE) lines.push(`    ……另有 ${n - MAX_SAME_RULE} 处同类问题（${rule}），用 --format json 可列出全部`);
  return `${lines.join('\n')}\n`;
}

/** The JSON other programs read: {"year", "cells", "findings": [{"rule", "row", …}], …}. */
export function ledgerJson(loaded: LoadedLedger, a: LedgerAnalysis): object {
  const { errors, warnings } = countBySeverity(a.findings);
  return {
    year: a.year,
    file: loaded.file,
    sheet: loaded.sheet,
    headerRow: a.header?.row ?? null,
    errors,
    warnings,
    cells: a.cells,
    stats: a.stats,
    findings: a.findings.map((f) => ({ rule: f.rule, severity: f.severity, row: f.row, column: f.column, location: locationOf(f), message: renderFinding(f), params: f.params ?? {} })),
  };
}

/** A report holding only the register's 表三, for --out. */
export function ledgerReport(a: LedgerAnalysis): Report {
  return { format: REPORT_FORMAT, org: '', year: a.year, cells: { ...a.cells } };
}

export async function ledgerCommand(args: string[], io: Io): Promise<number> {
  try {
    const { positional, options } = parseCommandArgs(args, { year: 'string', format: 'string', out: 'string', force: 'boolean' });
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError('--format 只能是 text 或 json');
    if (positional.length !== 1) throw new UsageError('ledger 需要且只需要一个台账文件（.xlsx）');
    const [input] = positional;
    const out = options.out;
    const outExt = out === undefined ? null : path.extname(out).toLowerCase();
    if (out !== undefined && outExt !== '.json' && outExt !== '.xlsx') throw new UsageError('--out 输出文件应以 .json 或 .xlsx 结尾');
    if (out !== undefined && path.resolve(out) === path.resolve(input)) throw new UsageError('输出文件不能与台账文件相同');
    const year = parseYear(options.year, io.now());

    const sheets = await ledgerSheetsOf(input);
    const loaded = firstLedger(input, sheets);
    const others = sheets.length - 1;
    const analysis = analyseLedger(loaded.grid as LedgerGrid, { year });
    const json = ledgerJson(loaded, analysis);
    if (out !== undefined) {
      // 年报.json is report data (nianbao/report@1) that check, convert and export read; the analysis is --format json.
      const report = ledgerReport(analysis);
      const data = outExt === '.json' ? Buffer.from(`${JSON.stringify(report, null, 1)}\n`, 'utf8') : await templateBuffer({ report });
      await writeNewFile(out, data, options.force === true);
    }
    io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : formatLedgerText(loaded, analysis));
    if (others > 0 && format === 'text') io.out(`\n工作簿中另有 ${others} 个工作表也像台账，只读取了第一个（工作表“${loaded.sheet}”）；请把台账放在一个工作表中\n`);
    if (out !== undefined && format === 'text') {
      const what = outExt === '.xlsx' ? '年报模板' : '年报数据';
      io.out(`\n已生成 ${out}：${year}年度${what}，表三已按台账填写（表二、表四及机关名称请另行填写）\n`);
    }
    return countBySeverity(analysis.findings).errors > 0 ? EXIT.findings : EXIT.ok;
  } catch (e) {
    return failureExit(e, io.err, `用法：\n${LEDGER_USAGE}`);
  }
}

/**
 * The register side of `check`: 表三 as typed against the register's, one ledger.mismatch per cell;
 * when the register itself cannot be counted in full, one ledger.incomplete says so instead of
 * listing its rows (they are `nianbao ledger`'s to show).
 */
export function compareWithLedger(report: Report, unreadable: readonly TableId[], loaded: LoadedLedger, year: number): Finding[] {
  const analysis = analyseLedger(loaded.grid, { year });
  const whole = analysis.findings.filter((f) => f.row === null && f.severity === 'error');
  if (whole.length > 0) return whole;
  const out: Finding[] = ledgerMismatches(report, analysis.cells, unreadable);
  const rows = new Set(analysis.findings.filter((f) => f.severity === 'error').map((f) => f.row));
  if (rows.size > 0) out.push({ rule: 'ledger.incomplete', severity: 'warning', table: 'T3', cells: [], params: { file: path.basename(loaded.file), sheet: loaded.sheet, rows: rows.size, year } });
  return out;
}
