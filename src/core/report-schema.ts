/**
 * Validating a report file (`nianbao/report@1`): anything but a report is refused with a Chinese
 * message that names what is wrong and where. Apart from report.ts so that only what reads files
 * (the CLI, the importers, loaded on first use in the pane) brings zod along.
 */
// First: zod must be told not to compile parsers with eval before any schema exists (see the file).
import '../zod-config';
import { z } from 'zod';
import { MAX_TEXT, REPORT_FORMAT, Report } from './report';
import { CELL_IDS, TABLE_IDS, TableId } from './tables';

const CellIdSchema = z.enum(CELL_IDS as [string, ...string[]]);

export const CellValueSchema = z.union([z.number(), z.string().max(MAX_TEXT), z.null()]);

export const ReportSchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  org: z.string().max(200),
  year: z.number().int().min(1990).max(2100).nullable(),
  cells: z.partialRecord(z.enum(CELL_IDS as [string, ...string[]]), CellValueSchema),
  unreadable: z.array(z.enum(TABLE_IDS as [TableId, ...TableId[]])).max(TABLE_IDS.length).optional(),
  unknown: z.array(CellIdSchema).max(CELL_IDS.length).optional(),
  sums: z
    .array(z.strictObject({ cells: z.array(CellIdSchema).min(2).max(CELL_IDS.length), value: CellValueSchema }))
    .max(CELL_IDS.length)
    .optional(),
});

export type ParseResult = { ok: true; report: Report } | { ok: false; error: string };

/** Validates a parsed JSON value as a report. */
export function parseReport(value: unknown): ParseResult {
  const result = ReportSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, report: result.data as Report };
  return { ok: false, error: describeIssues(result.error.issues) };
}

/** Parses report JSON text; a file that is not JSON gets its own message. */
export function parseReportJson(text: string): ParseResult {
  let value: unknown;
  const body = text.replace(/^\ufeff/, '');
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, error: `不是有效的 JSON 文件（${jsonErrorPlace(body, e)}）` };
  }
  return parseReport(value);
}

function jsonErrorPlace(text: string, e: unknown): string {
  const message = String((e as Error)?.message ?? '');
  if (text.trim() === '') return '文件为空';
  if (/end of (JSON )?input|Unterminated/i.test(message)) return '内容残缺，可能只保存了一部分';
  const m = /position (\d+)/.exec(message);
  return m ? `第 ${Number(m[1]) + 1} 个字符处有误` : '内容不是 JSON 格式';
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  object: '对象',
  array: '数组',
  boolean: '真假值',
  null: 'null',
  undefined: '缺失',
  nan: 'NaN',
  int: '整数',
  record: '对象（单元格编号到值）',
  literal: '固定值',
};

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function placeOf(path: PropertyKey[]): string {
  if (path.length === 0) return '报告';
  return path.map((p, i) => (i === 0 ? String(p) : `["${String(p)}"]`)).join('');
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  const where = placeOf(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const got = TYPE_NAMES[typeOf(issue.input)] ?? typeOf(issue.input);
      if (issue.input === undefined) return `${where}：缺少此字段`;
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return `${where}：数值超出范围`;
      if (issue.expected === 'int') return `${where}：应为整数，实为 ${String(issue.input)}`;
      return `${where}：应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实为${got}`;
    }
    case 'invalid_value':
      if (issue.input === undefined) return `${where}：缺少此字段`;
      if (issue.path[0] === 'format') return `format：应为 "${REPORT_FORMAT}"，实为 ${JSON.stringify(issue.input)}`;
      return `${where}：取值无效`;
    case 'unrecognized_keys':
      if (issue.path.length === 1 && issue.path[0] === 'cells') {
        return `cells：${issue.keys.slice(0, 5).map((k) => `"${k}"`).join('、')}${issue.keys.length > 5 ? ' 等' : ''}不是表格中的单元格编号（应如 T3.R1.C7）`;
      }
      return `${where}：不认识的字段 ${issue.keys.map((k) => `"${k}"`).join('、')}`;
    case 'invalid_key':
      return `${where}：不是表格中的单元格编号（应如 T3.R1.C7）`;
    case 'invalid_union':
      if (typeof issue.input === 'number') return `${where}：数值超出范围`;
      return `${where}：应为数字、文本或 null，实为${TYPE_NAMES[typeOf(issue.input)] ?? typeOf(issue.input)}`;
    case 'too_big':
      return issue.origin === 'string' ? `${where}：文本过长（不超过 ${issue.maximum} 字）` : `${where}：不能大于 ${issue.maximum}`;
    case 'too_small':
      return `${where}：不能小于 ${issue.minimum}`;
    default:
      return `${where}：${issue.message}`;
  }
}

function describeIssues(issues: readonly Issue[]): string {
  const lines = issues.slice(0, 10).map(describeIssue);
  if (issues.length > 10) lines.push(`……另有 ${issues.length - 10} 处问题`);
  return `不是 nianbao 年报数据（${REPORT_FORMAT}）：${lines.join('；')}`;
}
