/**
 * `nianbao review`: a supervising office's batch check. Every report in, one workbook out
 * (审核结果, 问题清单, 汇总); a line of figures on stdout, or JSON for other programs; progress on
 * stderr when a person is watching. Exit codes: 0 no report has errors; 1 some report has errors
 * or a file could not be read; 2 nothing could be read, or the command cannot be carried out.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { check } from '../core/engine';
import { textWidth } from '../core/sheet';
import { LoadResult } from '../review/load';
import { PriorIndex } from '../review/prior';
import { ReviewResult, reviewFiles } from '../review/run';
import { FIGURES, VERDICT_NAME, sortSummaries } from '../review/summary';
import { SHEETS, leftOutText, writeReviewWorkbook } from '../review/workbook';
import { UsageError, parseCommandArgs } from './args';
import { EXIT, failureExit } from './exit';
import { InputError, expandInputs, loadReports } from './inputs';

export const REVIEW_USAGE = `用法：
  nianbao review 文件或文件夹… --out 审核结果.xlsx [--prior 上年文件夹] [--force] [--format text|json]

  审核下级机关报送的年报，生成一个工作簿：
    审核结果  每份年报一行（结论、错误和提示数、主要数据、备注），错误在前，可筛选
    问题清单  每个问题一行（文件、机关、表、规则、级别、位置、说明）
    汇总      官方格式表格，填入全部年报逐格相加之和，含校验公式

  --prior 上年文件夹  按机关名称找到各机关的上年年报，核对跨年度关系
  --force             覆盖已有的输出文件
  --format json       以 JSON 输出审核摘要，供其他程序使用

退出码：0 没有年报有错误；1 有年报有错误或文件无法读取；2 没有可读取的年报，或命令有误
`;

export interface ReviewIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress is shown only then); defaults to the process's own. */
  isTTY?: boolean;
}

interface Options {
  inputs: string[];
  out: string;
  prior?: string;
  force: boolean;
  format: 'text' | 'json';
}

function options(args: string[]): Options | 'help' {
  const spec = { out: 'string', prior: 'string', force: 'boolean', format: 'string', help: 'boolean' } as const;
  const { positional, options: values } = parseCommandArgs(args, spec, { help: 'h' });
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format 只能是 text 或 json');
  if (positional.length === 0) throw new UsageError('review 需要至少一个年报文件或文件夹');
  if (values.out === undefined) throw new UsageError('请用 --out 指定输出的工作簿，如 --out 审核结果.xlsx');
  if (path.extname(values.out).toLowerCase() !== '.xlsx') throw new UsageError('输出文件应以 .xlsx 结尾');
  return { inputs: positional, out: values.out, prior: values.prior, force: values.force === true, format };
}

/** Refuses an output that exists (without --force) or has nowhere to go, before any report is read. */
async function checkOutput(out: string, force: boolean): Promise<void> {
  const stat = await fs.stat(out).catch(() => null);
  if (stat?.isDirectory()) throw new InputError(`${out}：是一个文件夹，不能作为输出文件`);
  if (stat && !force) throw new InputError(`${out}：文件已存在；如需覆盖，请加 --force`);
  // A workbook left open in Excel cannot be replaced: say so now, not after every report is read.
  if (stat) await fs.open(out, 'r+').then((h) => h.close(), (e) => Promise.reject(new InputError(writeError(out, e))));
  const dir = await fs.stat(path.dirname(path.resolve(out))).catch(() => null);
  if (!dir?.isDirectory()) throw new InputError(`${out}：所在文件夹不存在`);
}

function writeError(out: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '未知错误';
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') return `${out}：无法写入（${code}），文件可能正在 Excel 或 WPS 中打开，请关闭后重试`;
  return `${out}：无法写入（${code}）`;
}

/** The same reading as `check`; a file that cannot be read, for whatever reason, is a row, never the end of the batch. */
async function load(file: string): Promise<LoadResult> {
  try {
    return { ok: true, reports: await loadReports(file) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e.message.startsWith(`${file}：`) ? e.message.slice(file.length + 1) : e.message };
    return { ok: false, error: `文件已损坏或内容无法识别，未能读取（内部错误：${(e as Error)?.message ?? String(e)}）` };
  }
}

/** "已审核 37/52 … 某局.docx", redrawn in place at most ten times a second. */
function progressLine(io: ReviewIo): { update(done: number, total: number, file: string): void; end(text: string): void } {
  const WIDTH = 70;
  let last = 0;
  const draw = (text: string) => io.err(`\r${text}${' '.repeat(Math.max(0, WIDTH - textWidth(text)))}`);
  return {
    update(done, total, file) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      let name = path.basename(file);
      while (textWidth(name) > 36) name = `…${name.slice(2)}`;
      draw(`已审核 ${done}/${total} … ${name}`);
    },
    end(text) {
      draw(text);
      io.err('\n');
    },
  };
}

/** Writes next to the output first, so a failed run leaves no half-written workbook behind. */
async function writeWorkbook(out: string, force: boolean, result: ReviewResult): Promise<{ balanced: boolean; unbalanced: number }> {
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  const year = result.flags.year;
  const total = result.sum.report(`汇总（${result.sum.reports}份年报）`, year);
  try {
    await writeReviewWorkbook(temp, { summaries: result.summaries, spool: result.spool, total, leftOut: result.sum.leftOut(), reports: result.sum.reports });
    if (!force && (await fs.stat(out).catch(() => null))) throw new InputError(`${out}：文件已存在；如需覆盖，请加 --force`);
    await fs.rename(temp, out);
  } catch (e) {
    await fs.rm(temp, { force: true });
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code) throw new InputError(writeError(out, e));
    throw e;
  }
  const unbalanced = check(total, { metadata: false }).filter((f) => f.anchor && f.severity === 'error').length;
  return { balanced: unbalanced === 0, unbalanced };
}

function counts(result: ReviewResult) {
  let withErrors = 0;
  let unreadable = 0;
  let warningsOnly = 0;
  for (const s of result.summaries) {
    if (s.verdict === 'errors') withErrors++;
    else if (s.verdict === 'unreadable') unreadable++;
    else if (s.warnings > 0) warningsOnly++;
  }
  return { withErrors, unreadable, warningsOnly, passed: result.reports - withErrors };
}

function textSummary(o: Options, result: ReviewResult, sum: { balanced: boolean; unbalanced: number }): string {
  const c = counts(result);
  const lines = [`已写入 ${o.out}（${SHEETS.results}、${SHEETS.findings}、${SHEETS.sum}）`];
  const failed = c.unreadable ? `；${c.unreadable} 个文件无法读取` : '';
  lines.push(`  ${result.files} 个文件，${result.reports} 份年报：${c.withErrors} 份有错误，${c.passed} 份通过${c.warningsOnly ? `（其中 ${c.warningsOnly} 份有提示）` : ''}${failed}`);
  lines.push(`  ${SHEETS.findings}：${result.spool.rows} 条（错误 ${result.spool.errors} 条，提示 ${result.spool.rows - result.spool.errors} 条）`);
  const notes: string[] = [];
  if (result.flags.duplicateBodies) notes.push(`${result.flags.duplicateBodies} 个机关有多份年报`);
  if (result.flags.otherYears) notes.push(`${result.flags.otherYears} 份年报的年度与其他年报（${result.flags.year}年）不同`);
  if (notes.length) lines.push(`  备注：${notes.join('；')}（见“${SHEETS.results}”表备注列）`);
  const leftOut = result.sum.leftOut();
  const short = leftOut.length ? `；${leftOut.length} 处有年报的值未计入（见“${SHEETS.sum}”表下方说明）` : '';
  lines.push(`  ${SHEETS.sum}：${result.sum.reports} 份年报逐格相加，${sum.balanced ? '勾稽关系全部平衡' : `${sum.unbalanced} 条勾稽关系不平衡`}${short}`);
  return `${lines.join('\n')}\n`;
}

function jsonSummary(o: Options, result: ReviewResult, sum: { balanced: boolean; unbalanced: number }): string {
  const c = counts(result);
  const leftOut = result.sum.leftOut();
  return `${JSON.stringify(
    {
      out: o.out,
      files: result.files,
      reports: result.reports,
      withErrors: c.withErrors,
      passed: c.passed,
      unreadable: c.unreadable,
      findings: { total: result.spool.rows, errors: result.spool.errors, warnings: result.spool.rows - result.spool.errors },
      duplicateBodies: result.flags.duplicateBodies,
      otherYears: result.flags.otherYears,
      year: result.flags.year,
      results: sortSummaries(result.summaries).map((s) => ({
        file: s.file,
        ...(s.sheet ? { sheet: s.sheet } : {}),
        org: s.org,
        year: s.year,
        verdict: s.verdict,
        conclusion: VERDICT_NAME[s.verdict],
        errors: s.errors,
        warnings: s.warnings,
        figures: Object.fromEntries(FIGURES.map((f) => [f.key, s.figures[f.key]])),
        notes: s.notes,
        ...(s.findingsRow !== undefined ? { findingsRow: s.findingsRow } : {}),
      })),
      sum: {
        reports: result.sum.reports,
        balanced: sum.balanced,
        report: result.sum.report(`汇总（${result.sum.reports}份年报）`, result.flags.year),
        leftOut: leftOut.map((l) => ({ ...l, text: leftOutText(l) })),
      },
    },
    null,
    2,
  )}\n`;
}

async function run(args: string[], io: ReviewIo): Promise<number> {
  const o = options(args);
  if (o === 'help') {
    io.out(REVIEW_USAGE);
    return EXIT.ok;
  }
  await checkOutput(o.out, o.force);
  const target = path.resolve(o.out);
  if (o.inputs.some((i) => path.resolve(i) === target)) throw new UsageError('输出文件不能同时作为输入');
  // A folder holding last run's workbook: the output is never read as a report.
  const files = (await expandInputs(o.inputs)).filter((f) => path.resolve(f) !== target);
  if (files.length === 0) throw new InputError('没有要审核的年报文件');

  let prior: PriorIndex | null = null;
  if (o.prior !== undefined) {
    prior = await PriorIndex.load(await expandInputs([o.prior]), load);
    for (const p of prior.problems) io.err(`nianbao：上年文件 ${p.file} 无法读取（${p.error}），未用于跨年度核对\n`);
    if (prior.reports === 0) throw new InputError(`${o.prior}：没有可读取、填有机关名称的上年年报`);
  }

  const tty = io.isTTY ?? process.stderr.isTTY === true;
  const progress = tty ? progressLine(io) : null;
  const result = await reviewFiles(files, { load, prior, onProgress: progress ? (d, t, f) => progress.update(d, t, f) : undefined });
  try {
    progress?.update(files.length, files.length, `正在写入 ${o.out}`);
    const sum = await writeWorkbook(o.out, o.force, result);
    progress?.end(`已审核 ${files.length}/${files.length}，已写入 ${o.out}`);
    io.out(o.format === 'json' ? jsonSummary(o, result, sum) : textSummary(o, result, sum));
  } finally {
    result.spool.dispose();
  }
  if (result.reports === 0) {
    io.err(`nianbao：没有可读取的年报（${result.files} 个文件均无法读取，原因见“${SHEETS.results}”表）\n`);
    return EXIT.unusable;
  }
  return result.summaries.some((s) => s.verdict !== 'pass') ? EXIT.findings : EXIT.ok;
}

export async function review(args: string[], io: ReviewIo): Promise<number> {
  try {
    return await run(args, io);
  } catch (e) {
    return failureExit(e, io.err, REVIEW_USAGE);
  }
}
