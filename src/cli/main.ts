/**
 * `nianbao`: the command line. Exit codes: 0 no errors; 1 errors found; 2 a file or the command
 * itself could not be used. Messages are Chinese; no stack trace reaches a user.
 */
import * as path from 'path';
import { check, equationCount } from '../core/engine';
import { countBySeverity } from '../core/findings';
import { Report, defaultReportYear } from '../core/report';
import { REGISTER_SHEET, SUMMARY_SHEET } from '../ledger/sheet';
import { templateBuffer } from '../xlsx/write';
import { CheckedReport, Outcome, formatJson, formatText } from './format';
import { UsageError, parseCommandArgs } from './args';
import { EXIT, failureExit } from './exit';
import { InputError, LoadedReport, expandInputs, loadReports } from './inputs';
import { writeNewFile } from './output';
import { EXPORT_USAGE, exportCommand } from './export';
import { review } from './review';
import { LEDGER_USAGE, compareWithLedger, ledgerCommand, ledgerInWorkbook, loadLedger } from './ledger';

const USAGE = `nianbao —— 政府信息公开工作年度报告 模板与勾稽关系校验

用法：
  nianbao template 输出.xlsx [--year 2024] [--org 名称] [--ledger] [--force]
      生成官方格式的年报表格模板（.xlsx），含逐条勾稽关系校验公式；
      加 --ledger 时另含依申请公开登记台账和按台账自动汇总的表三（台账汇总）
  nianbao check 文件… [--prior 上年文件] [--ledger 台账.xlsx] [--format text|json]
      校验年报，按表列出问题；文件可为 Word（.docx）、网页（.html）、文本（.txt）、
      nianbao 模板（.xlsx）或年报数据（.json）；--ledger（或工作簿中含台账工作表时）
      逐格比对表三与依申请公开台账的统计
  nianbao convert 输入文件 输出.json|输出.xlsx [--year 年度] [--org 名称] [--force]
      将已发布的年报（.docx、.html、.txt、.xlsx、.json）转换为年报数据（.json）
      或填好数据的模板（.xlsx），并校验转换结果
  nianbao review 文件或文件夹… --out 审核结果.xlsx [--prior 上年文件夹] [--force] [--format text|json]
      上级机关批量审核：生成审核结果工作簿（审核结果、问题清单、汇总），详见 nianbao review --help
${EXPORT_USAGE}${LEDGER_USAGE}
退出码：0 无错误；1 发现错误；2 文件无法读取或命令有误
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => Date;
}

async function template(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseCommandArgs(args, { year: 'string', org: 'string', ledger: 'boolean', force: 'boolean' });
  if (positional.length !== 1) throw new UsageError('template 需要且只需要一个输出文件名');
  const out = positional[0];
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new UsageError('输出文件应以 .xlsx 结尾');
  const yearText = options.year;
  const year = yearText === undefined ? defaultReportYear(io.now()) : Number(yearText);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year 应为四位年份，如 2024（收到“${String(yearText)}”）`);
  const org = options.org ?? '';
  const ledger = options.ledger === true;
  const data = await templateBuffer({ org, year, ledger });
  await writeNewFile(out, data, options.force === true);
  const extra = ledger ? `；工作表“${REGISTER_SHEET}”为依申请公开登记台账，“${SUMMARY_SHEET}”按台账汇总出${year}年的表三` : '';
  io.out(`已生成 ${out}：${org}${year}年政府信息公开工作年度报告 表格模板（表二、表三、表四及校验公式${extra}）\n`);
  return EXIT.ok;
}

const SOURCE_NAMES: Record<string, string> = { '.docx': 'Word 文件', '.docm': 'Word 文件', '.html': '网页', '.htm': '网页', '.txt': '文本文件', '.xlsx': '模板', '.xlsm': '模板', '.json': '年报数据' };

/** `convert`: any report file in, our JSON or a filled template out; the result is checked as `check` does. */
async function convert(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseCommandArgs(args, { year: 'string', org: 'string', force: 'boolean' });
  if (positional.length !== 2) throw new UsageError('convert 需要两个文件名：输入文件和输出文件');
  const [input, out] = positional;
  const outExt = path.extname(out).toLowerCase();
  if (outExt !== '.json' && outExt !== '.xlsx') throw new UsageError('输出文件应以 .json 或 .xlsx 结尾');
  if (path.resolve(input) === path.resolve(out)) throw new UsageError('输出文件不能与输入文件相同');
  const yearText = options.year;
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) throw new UsageError(`--year 应为四位年份，如 2024（收到“${String(yearText)}”）`);
  const org = options.org;

  const loaded = await loadReports(input);
  // A workbook may hold several years: the latest is the one being continued.
  const chosen = loaded.reduce((a, b) => ((b.report.year ?? -1) > (a.report.year ?? -1) ? b : a));
  const report: Report = { ...chosen.report, ...(typeof org === 'string' ? { org } : {}), ...(year !== undefined ? { year } : {}) };
  // A table that could not be read stays marked in the JSON, so a later check skips it instead of reading blanks.
  const json = chosen.unreadable.length > 0 ? { ...report, unreadable: chosen.unreadable } : report;
  const data = outExt === '.json' ? Buffer.from(`${JSON.stringify(json, null, 1)}\n`, 'utf8') : await templateBuffer({ report });
  await writeNewFile(out, data, options.force === true);

  const filled = Object.values(report.cells).filter((v) => v !== null && v !== undefined).length;
  const from = SOURCE_NAMES[path.extname(input).toLowerCase()] ?? '文件';
  const which = loaded.length > 1 ? `（工作簿中有 ${loaded.length} 份年报，已转换工作表“${chosen.sheet}”）` : '';
  io.out(`已转换 ${input}（${from}）→ ${out}：${report.org || '（未识别机关名称）'} ${report.year === null ? '（未识别年度）' : `${report.year}年度`}，读取 ${filled} 个数据格${which}\n\n`);
  const findings = [...chosen.findings, ...check(report, { unreadable: chosen.unreadable })];
  const checked: CheckedReport = { ...chosen, file: out, sheet: undefined, addresses: {}, report, findings, equations: equationCount(null) };
  io.out(formatText([checked]));
  return countBySeverity(findings).errors > 0 ? EXIT.findings : EXIT.ok;
}

/** In a workbook holding two consecutive years' templates, the earlier one is the later one's prior. */
function priorWithin(all: LoadedReport[], r: LoadedReport): Report | null {
  if (r.report.year === null) return null;
  const earlier = all.find((o) => o.file === r.file && o !== r && o.report.year === r.report.year! - 1);
  return earlier ? earlier.report : null;
}

async function checkCommand(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseCommandArgs(args, { prior: 'string', ledger: 'string', format: 'string' });
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format 只能是 text 或 json');
  if (positional.length === 0) throw new UsageError('check 需要至少一个文件');

  let prior: Report | null = null;
  const priorFile = options.prior;
  if (typeof priorFile === 'string') {
    const loaded = await loadReports(priorFile);
    prior = loaded[0].report;
  }

  // The register to compare 表三 with: the one named, else one kept in the report's own workbook.
  const named = typeof options.ledger === 'string' ? await loadLedger(options.ledger) : null;

  const outcomes: Outcome[] = [];
  for (const file of await expandInputs(positional)) {
    let loaded: LoadedReport[];
    try {
      loaded = await loadReports(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      outcomes.push({ file, error: e.message.replace(`${file}：`, '') });
      continue;
    }
    const ledger = named ?? (await ledgerInWorkbook(file));
    for (const r of loaded) {
      const thisPrior = prior ?? priorWithin(loaded, r);
      const findings = [...r.findings, ...check(r.report, { prior: thisPrior, unreadable: r.unreadable })];
      if (ledger) findings.push(...compareWithLedger(r.report, r.unreadable, ledger, r.report.year ?? defaultReportYear(io.now())));
      const checked: CheckedReport = { ...r, findings, equations: equationCount(thisPrior) };
      outcomes.push(checked);
    }
  }
  io.out(format === 'json' ? formatJson(outcomes) : formatText(outcomes));
  if (outcomes.some((o) => 'error' in o)) return EXIT.unusable;
  return outcomes.some((o) => countBySeverity((o as CheckedReport).findings).errors > 0) ? EXIT.findings : EXIT.ok;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'template':
        return await template(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'convert':
        return await convert(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'review':
        return await review(rest, io);
      case 'ledger':
        return await ledgerCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT.unusable : EXIT.ok;
      case '--version':
      case '-v':
        io.out(`${require('../../package.json').version}\n`);
        return EXIT.ok;
      default:
        throw new UsageError(`不认识的命令“${command}”`);
    }
  } catch (e) {
    return failureExit(e, io.err, USAGE);
  }
}
