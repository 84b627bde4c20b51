/**
 * `nianbao export 输入文件 输出.docx [--force]`: the report as an official Word document, its
 * tables and number-bearing sentences drafted from the figures. A draft with errors is still
 * written (people export drafts), and its findings are printed.
 *
 * Exit codes: 0 written, the tables have no errors; 1 written, but the tables have errors;
 * 2 nothing written (unreadable input, an existing output without --force, bad usage).
 */
import * as path from 'path';
import { check, equationCount } from '../core/engine';
import { countBySeverity } from '../core/findings';
import { Report } from '../core/report';
import { RegisterTimeliness, exportDocx, timelinessGap } from '../export';
import { analyseLedger } from '../ledger';
import { UsageError, parseCommandArgs } from './args';
import { EXIT, failureExit } from './exit';
import { CheckedReport, formatText } from './format';
import { loadReports } from './inputs';
import { ledgerInWorkbook, loadLedger } from './ledger';
import { writeNewFile } from './output';

export const EXPORT_USAGE = `  nianbao export 输入文件 输出.docx [--ledger 台账.xlsx] [--force]
      将年报（.xlsx、.json、.docx、.html、.txt）生成为 Word 文档（.docx）：
      官方格式的标题、六个部分、表二至表四，正文中的数字由表格生成，其余待填写处以黄色标出；
      有依申请公开台账（--ledger，或年报工作簿中的台账工作表）且台账完整时，正文写入按期答复件数和平均办理工作日
`;

interface ExportIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

function parse(args: string[]): { input: string; output: string; force: boolean; ledger?: string } {
  const { positional, options } = parseCommandArgs(args, { force: 'boolean', ledger: 'string' });
  if (positional.length !== 2) throw new UsageError('export 需要两个文件名：输入文件和输出的 .docx 文件');
  const [input, output] = positional;
  if (path.extname(output).toLowerCase() !== '.docx') throw new UsageError('输出文件应以 .docx 结尾');
  if (path.resolve(input) === path.resolve(output)) throw new UsageError('输出文件不能与输入文件相同');
  return { input, output, force: options.force === true, ...(typeof options.ledger === 'string' ? { ledger: options.ledger } : {}) };
}

/**
 * The register's figures for the report's year, from the file named or a register sheet in the
 * report's own workbook; with the line that tells the user whether the text uses them. Only the
 * stats leave this function: the document never sees a register row.
 */
async function registerFigures(input: string, named: string | undefined, report: Report): Promise<{ ledger: RegisterTimeliness | null; note: string }> {
  const loaded = named !== undefined ? await loadLedger(named) : await ledgerInWorkbook(input);
  if (!loaded) return { ledger: null, note: '' };
  const where = `${named !== undefined ? `${loaded.file} ` : ''}工作表“${loaded.sheet}”`;
  if (report.year === null) return { ledger: null, note: `台账（${where}）：年报未填年度，无法按年度统计台账，正文未写入按期答复情况。\n` };
  const ledger: RegisterTimeliness = { year: report.year, stats: analyseLedger(loaded.grid, { year: report.year }).stats };
  const gap = timelinessGap(report, ledger);
  if (gap !== null) return { ledger, note: `台账（${where}）：${gap}；正文未写入按期答复情况。\n` };
  const { answered, onTime, averageWorkingDays } = ledger.stats;
  return { ledger, note: `台账（${where}）：正文已写入${report.year}年度答复 ${answered} 件中按期答复 ${onTime} 件、平均办理 ${averageWorkingDays} 个工作日。\n` };
}

export async function exportCommand(args: string[], io: ExportIo): Promise<number> {
  try {
    const { input, output, force, ledger: ledgerFile } = parse(args);
    const loaded = await loadReports(input);
    // A workbook may hold several years: the latest is this year's report.
    const chosen = loaded.reduce((a, b) => ((b.report.year ?? -1) > (a.report.year ?? -1) ? b : a));
    const report = chosen.report;
    // Checked first, so the output file is never touched when the check itself fails.
    const findings = [...chosen.findings, ...check(report, { unreadable: chosen.unreadable })];
    const figures = await registerFigures(input, ledgerFile, report);
    await writeNewFile(output, await exportDocx(report, { ledger: figures.ledger }), force);

    const which = loaded.length > 1 ? `（工作簿中有 ${loaded.length} 份年报，已导出工作表“${chosen.sheet}”）` : '';
    io.out(`已生成 ${output}：${report.org || '（未填机关名称）'}${report.year ?? '（未填年度）'}年政府信息公开工作年度报告${which}\n`);
    io.out('正文中的数字由表格生成；黄色底纹处（【请填写：…】和【　　】）请补充后再发布。\n');
    io.out(`${figures.note}\n`);
    const checked: CheckedReport = { ...chosen, findings, equations: equationCount(null) };
    io.out(formatText([checked]));
    const { errors } = countBySeverity(findings);
    if (errors > 0) {
      io.out(`\n表格中有 ${errors} 处错误：文档已按表格现有数字生成，改正表格后请重新导出。\n`);
      return EXIT.findings;
    }
    return EXIT.ok;
  } catch (e) {
    return failureExit(e, io.err, `用法：\n${EXPORT_USAGE}`);
  }
}
