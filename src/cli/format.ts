/** How check results are printed: Chinese text grouped by table, or JSON for other programs. */
import { Finding, countBySeverity } from '../core/findings';
import { SEVERITY_NAME, locationOf, renderFinding } from '../core/render';
import { TABLES, TableId } from '../core/tables';
import { LoadedReport } from './inputs';

export interface CheckedReport extends LoadedReport {
  findings: Finding[];
  /** How many equations were evaluated, for the "all passed" line. */
  equations: number;
}

export interface FailedFile {
  file: string;
  error: string;
}

export type Outcome = CheckedReport | FailedFile;

const isFailed = (o: Outcome): o is FailedFile => 'error' in o;

/** Past this many findings of one rule in one table, the text output sums up the rest. */
const MAX_SAME_RULE = 5;

function where(r: CheckedReport, f: Finding): string {
  const cells = f.cells.map((id) => r.addresses[id] ?? id);
  const prior = (f.priorCells ?? []).map((id) => `上年 ${id}`);
  const all = [...cells, ...prior];
  if (all.length === 0) return '';
  return all.length > 6 ? `［${all.slice(0, 6).join('、')} 等 ${all.length} 格］` : `［${all.join('、')}］`;
}

function header(r: CheckedReport): string {
  const sheet = r.sheet ? ` · 工作表“${r.sheet}”` : '';
  const who = `${r.report.org || '（未填报告机关）'} ${r.report.year === null ? '（未填年度）' : `${r.report.year}年度`}`;
  return `■ ${r.file}${sheet}\n  ${who}`;
}

export function formatText(outcomes: Outcome[]): string {
  const blocks: string[] = [];
  for (const o of outcomes) {
    if (isFailed(o)) {
      blocks.push(`■ ${o.file}\n  ✗ 无法读取：${o.error}`);
      continue;
    }
    const lines = [header(o)];
    const { errors, warnings } = countBySeverity(o.findings);
    if (errors === 0) lines.push(`  ✓ 全部勾稽关系通过（${o.equations}条）${warnings ? `，${warnings} 处提示` : '，无提示'}`);
    else lines.push(`  ✗ ${errors} 处错误，${warnings} 处提示`);
    const groups = new Map<TableId | null, Finding[]>();
    for (const f of o.findings) {
      if (!groups.has(f.table)) groups.set(f.table, []);
      groups.get(f.table)!.push(f);
    }
    for (const [table, findings] of groups) {
      lines.push(`  ${table ? TABLES[table].name : '报告'}`);
      const perRule = new Map<string, number>();
      for (const f of findings) {
        const n = (perRule.get(f.rule) ?? 0) + 1;
        perRule.set(f.rule, n);
        if (n <= MAX_SAME_RULE) lines.push(`    ${SEVERITY_NAME[f.severity]}  ${renderFinding(f)} ${where(o, f)}`.trimEnd());
      }
      for (const [rule, n] of perRule) {
        if (n > MAX_SAME_RULE) lines.push(`    ……另有 ${n - MAX_SAME_RULE} 处同类问题（${rule}），用 --format json 可列出全部`);
      }
    }
    blocks.push(lines.join('\n'));
  }
  if (outcomes.length > 1) blocks.push(batchSummary(outcomes));
  return blocks.join('\n\n') + '\n';
}

/** The last line of a batch, for an office checking many bodies' reports at once. */
function batchSummary(outcomes: Outcome[]): string {
  let failed = 0;
  let withErrors = 0;
  let warningsOnly = 0;
  for (const o of outcomes) {
    if (isFailed(o)) failed++;
    else {
      const { errors, warnings } = countBySeverity(o.findings);
      if (errors > 0) withErrors++;
      else if (warnings > 0) warningsOnly++;
    }
  }
  const reports = outcomes.length - failed;
  const clean = reports - withErrors - warningsOnly;
  return `共 ${reports} 份年报：${withErrors} 份有错误，${warningsOnly} 份仅有提示，${clean} 份全部通过${failed ? `；${failed} 个文件无法读取` : ''}`;
}

export function formatJson(outcomes: Outcome[]): string {
  const reports = outcomes.map((o) => {
    if (isFailed(o)) return { file: o.file, error: o.error };
    const { errors, warnings } = countBySeverity(o.findings);
    return {
      file: o.file,
      ...(o.sheet ? { sheet: o.sheet } : {}),
      org: o.report.org,
      year: o.report.year,
      errors,
      warnings,
      findings: o.findings.map((f) => ({
        ...f,
        ...(o.sheet ? { addresses: f.cells.map((id) => o.addresses[id] ?? null) } : {}),
        location: locationOf(f),
        message: renderFinding(f),
      })),
    };
  });
  return JSON.stringify({ reports }, null, 2) + '\n';
}
