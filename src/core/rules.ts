/**
 * The rules (勾稽关系 and cell checks), as a table of data.
 *
 * A row is: a stable id (also the message key and the test name), a severity, the operands by cell
 * id, the Chinese message template, and the official wording it comes from. The engine evaluates
 * rows with small pure functions; the sheet compiles intra-report equations to native formulas.
 * Adding a rule is adding a row here and a test.
 */
import { sameBody } from './body';
import { inForceRaised, rulesAuthorityRaised } from './table-checks';
import { CellId, INPUT_CELLS, InputCell, T3_COLUMNS, T3_NOTE, T3_ROW, T3_ROW_NAMES, T4_GROUPS, T4_OUTCOMES, TableId, cellId } from './tables';
import type { Finding } from './findings';
import { MAX_VALUE, Reading } from './read';
import type { Report } from './report';
import { LEDGER_RULES } from '../ledger/rules';

export type Severity = 'error' | 'warning';

/** One operand: a cell of this year's report, or of last year's (`prior`); subtracted when sign is -1. */
export interface Term {
  cell: CellId;
  sign?: -1;
  prior?: true;
}

/** Where a rule instance sits: a table's column, row or group; used for the scope of a message and for placing check cells. */
export interface Anchor {
  table: TableId;
  axis: 'col' | 'row' | 'group';
  /** 1-based column, row or group number. */
  index: number;
}

export interface Equation {
  anchor: Anchor;
  lhs: Term[];
  rhs: Term[];
}

interface RuleBase {
  id: string;
  /** A short Chinese name, for a findings list's 规则 column. */
  title?: string;
  severity: Severity;
  /** Chinese message template; slots in braces are filled from the finding (see render.ts). */
  message: string;
  /** The official wording or source the rule comes from. */
  source: string;
  /**
   * The first report year the rule applies to, when its source came later than the reports it
   * could otherwise meet: the 信息处理费 statement (国办函〔2020〕109号) from the 2020 report, what
   * only the current format (国办公开办函〔2021〕30号) has from 2021. Without it, every year.
   */
  since?: { year: number; by: string };
}

export interface EquationRule extends RuleBase {
  kind: 'equation';
  /** What the two sides are called in the message: 第一项+第二项 / （七）总计+第四项. */
  sides: [string, string];
  equations: Equation[];
  /** The left side is one 总计 cell and the right side its parts: the quick fix may recompute it. */
  recomputesTotal?: true;
}

export interface CellRule extends RuleBase {
  kind: 'cell';
  test(reading: Reading, cell: InputCell): boolean;
}

/** What a report rule sees: both reports as read. */
export interface ReportContext {
  report: Report;
  prior: Report | null;
  readings: readonly Reading[];
}

/** A finding's own fields, as a report rule raises it; the engine adds rule and severity. */
export type Raised = Pick<Finding, 'table' | 'cells' | 'params'>;

/** Rules about the report as a whole, the file or the layout. Those without `detect` are raised by readers and importers. */
export interface ReportRule extends RuleBase {
  kind: 'report';
  /** About the report's body and year rather than its tables: skipped where only tables are given (a custom function). */
  metadata?: true;
  detect?(ctx: ReportContext): Raised[];
}

export type Rule = EquationRule | CellRule | ReportRule;

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const t3 = (row: number, col: number): Term => ({ cell: cellId('T3', row, col) });
const T3_COLS = range(1, T3_COLUMNS.length);
const T3_TOTAL_COL = T3_COLUMNS.length;
const GROUP_SIZE = T4_OUTCOMES.length;

const OFFICIAL = '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》';
const TEXT_COUNT = '正文“{quote}”为{stated}件，{item}为{value}件：正文与表格不一致';
const EQUATION_MESSAGE = '{scope}：{lhsLabel}={lhs}，{rhsLabel}={rhs}，相差{diff}';
const whole: Raised = { table: null, cells: [] };
const when = (condition: boolean, raised: Raised = whole): Raised[] => (condition ? [raised] : []);
const T3_INDEX = INPUT_CELLS.map((c, i) => ({ c, i })).filter(({ c }) => c.table === 'T3');

export const RULES: readonly Rule[] = [
  // ---- equations within one report -----------------------------------------------------------
  {
    id: 'T3.balance',
    title: '表三平衡关系',
    kind: 'equation',
    severity: 'error',
    sides: ['第一项+第二项', '（七）总计+第四项'],
    message: EQUATION_MESSAGE,
    source: `${OFFICIAL}表三注：${T3_NOTE}`,
    equations: T3_COLS.map((c) => ({
      anchor: { table: 'T3', axis: 'col', index: c },
      lhs: [t3(T3_ROW.received, c), t3(T3_ROW.carriedIn, c)],
      rhs: [t3(T3_ROW.total, c), t3(T3_ROW.carriedOut, c)],
    })),
  },
  {
    id: 'T3.resultTotal',
    title: '表三办理结果合计',
    kind: 'equation',
    severity: 'error',
    recomputesTotal: true,
    sides: ['（七）总计', '（一）至（六）各项之和'],
    message: EQUATION_MESSAGE,
    source: `${OFFICIAL}表三“三、本年度办理结果”：（七）总计为（一）至（六）各项之和`,
    equations: T3_COLS.map((c) => ({
      anchor: { table: 'T3', axis: 'col', index: c },
      lhs: [t3(T3_ROW.total, c)],
      rhs: range(T3_ROW.firstResult, T3_ROW.lastResult).map((r) => t3(r, c)),
    })),
  },
  {
    id: 'T3.applicantTotal',
    title: '表三申请人合计',
    kind: 'equation',
    severity: 'error',
    recomputesTotal: true,
    sides: ['总计', '自然人与法人或其他组织各列之和'],
    message: EQUATION_MESSAGE,
    source: `${OFFICIAL}表三“申请人情况”：总计为自然人与法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和`,
    equations: range(1, T3_ROW_NAMES.length).map((r) => ({
      anchor: { table: 'T3', axis: 'row', index: r },
      lhs: [t3(r, T3_TOTAL_COL)],
      rhs: range(1, T3_TOTAL_COL - 1).map((c) => t3(r, c)),
    })),
  },
  {
    id: 'T4.groupTotal',
    title: '表四合计',
    kind: 'equation',
    severity: 'error',
    recomputesTotal: true,
    sides: ['总计', '结果维持+结果纠正+其他结果+尚未审结'],
    message: EQUATION_MESSAGE,
    source: `${OFFICIAL}表四：行政复议、未经复议直接起诉、复议后起诉各自的总计为结果维持、结果纠正、其他结果、尚未审结之和`,
    equations: T4_GROUPS.map((_, g) => ({
      anchor: { table: 'T4', axis: 'group', index: g + 1 },
      lhs: [{ cell: cellId('T4', 1, g * GROUP_SIZE + GROUP_SIZE) }],
      rhs: range(1, GROUP_SIZE - 1).map((i) => ({ cell: cellId('T4', 1, g * GROUP_SIZE + i) })),
    })),
  },

  // ---- equations across report years ---------------------------------------------------------
  {
    id: 'prior.carryOver',
    title: '上年结转',
    kind: 'equation',
    severity: 'error',
    sides: ['本年“二、上年结转政府信息公开申请数量”', '上年“四、结转下年度继续办理”'],
    message: EQUATION_MESSAGE,
    source: `${OFFICIAL}表三：本年“二、上年结转政府信息公开申请数量”即上年“四、结转下年度继续办理”`,
    since: { year: 2020, by: '国办公开办函〔2019〕60号：上年报告也须有“结转下年度继续办理”一行，2019年度报告起才有' },
    equations: T3_COLS.map((c) => ({
      anchor: { table: 'T3', axis: 'col', index: c },
      lhs: [t3(T3_ROW.carriedIn, c)],
      rhs: [{ ...t3(T3_ROW.carriedOut, c), prior: true }],
    })),
  },
  {
    id: 'prior.inForce',
    title: '现行有效件数',
    kind: 'equation',
    severity: 'warning',
    sides: ['现行有效件数', '上年现行有效件数+本年制发件数−本年废止件数'],
    message: `${EQUATION_MESSAGE}（废止的文件如在统计起点之前制发，差额可能属实，请核实）`,
    source: `${OFFICIAL}表二第二十条第（一）项：本年制发件数、本年废止件数、现行有效件数`,
    since: { year: 2022, by: '国办公开办函〔2021〕30号：上年报告也须有“现行有效件数”，2021年度报告起才有（2020年度报告为“对外公开总数量”）' },
    equations: [1, 2].map((r) => ({
      anchor: { table: 'T2', axis: 'row', index: r },
      lhs: [{ cell: cellId('T2', r, 3) }],
      rhs: [{ cell: cellId('T2', r, 3), prior: true }, { cell: cellId('T2', r, 1) }, { cell: cellId('T2', r, 2), sign: -1 }],
    })),
  },

  // ---- each input cell ------------------------------------------------------------------------
  {
    id: 'cell.blank',
    title: '空白格',
    kind: 'cell',
    severity: 'warning',
    message: '{cell}：未填写，按0计算；无数据的格应填写0',
    source: '报告格式要求每个数据格均应填写（无数据填0）',
    test: (r) => r.state === 'blank',
  },
  {
    id: 'cell.placeholder',
    title: '占位符号',
    kind: 'cell',
    severity: 'warning',
    message: '{cell}：填写“{raw}”，按0计算；无数据的格应填写0',
    source: '报告格式要求每个数据格均应填写数字（无数据填0）',
    test: (r) => r.state === 'placeholder',
  },
  {
    id: 'cell.normalized',
    title: '非标准数字',
    kind: 'cell',
    severity: 'warning',
    message: '{cell}：填写“{raw}”（{reasons}），按数字{value}读取；请改为数字',
    source: '表格数据应为数字；文本格式的数字不参与表格软件的求和',
    test: (r) => r.state === 'normalized',
  },
  {
    id: 'cell.notNumber',
    title: '非数字',
    kind: 'cell',
    severity: 'error',
    message: '{cell}：填写“{raw}”，不是数字，涉及该格的勾稽关系未校验{hint}',
    source: '表格数据应为数字；说明文字应写在正文中',
    test: (r) => r.state === 'text',
  },
  {
    id: 'cell.excelError',
    title: '错误值',
    kind: 'cell',
    severity: 'error',
    message: '{cell}：为错误值{raw}，涉及该格的勾稽关系未校验',
    source: '表格数据应为数字',
    test: (r) => r.state === 'excelError',
  },
  {
    id: 'cell.negative',
    title: '负数',
    kind: 'cell',
    severity: 'error',
    message: '{cell}：为负数{value}；件数和金额不能为负',
    source: '件数为不小于0的整数，收费金额不小于0',
    test: (r) => 'value' in r && r.value < 0,
  },
  {
    id: 'cell.fraction',
    title: '件数非整数',
    kind: 'cell',
    severity: 'error',
    message: '{cell}：为{value}，件数应为整数',
    source: '件数为不小于0的整数（行政事业性收费以万元计，可有小数）',
    test: (r, cell) => cell.kind === 'count' && 'value' in r && !Number.isInteger(r.value),
  },
  {
    id: 'cell.tooLarge',
    title: '数值过大',
    kind: 'cell',
    severity: 'error',
    message: `{cell}：为{value}，超出合理范围（不超过${MAX_VALUE}），涉及该格的勾稽关系未校验`,
    source: '表格数据应为实际件数或金额',
    test: (r) => 'value' in r && Math.abs(r.value) > MAX_VALUE,
  },

  // ---- the report as a whole -------------------------------------------------------------------
  {
    id: 'meta.year',
    title: '报告年度',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '未填写报告年度，无法与上年报告核对年度',
    source: '年度报告应注明报告年度',
    detect: ({ report }) => when(report.year === null),
  },
  {
    id: 'meta.org',
    title: '报告机关',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '未填写报告机关名称',
    source: '年度报告应注明报告机关',
    detect: ({ report }) => when(report.org.trim() === ''),
  },
  {
    id: 'meta.formatYear',
    title: '适用格式',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '报告年度为{year}年：国办公开办函〔2021〕30号格式自2021年度报告起施行，{year}年度报告适用国办公开办函〔2019〕60号格式',
    source: '国办公开办函〔2021〕30号',
    detect: ({ report }) => when(report.year !== null && report.year < 2021, { ...whole, params: { year: report.year! } }),
  },
  {
    id: 'T3.onlyTotals',
    title: '表三仅填总计',
    kind: 'report',
    severity: 'warning',
    message: '表三只填写了“总计”列，自然人、法人或其他组织各列均为空：应按申请人类型分列填写，各列之和等于总计',
    source: `${OFFICIAL}表三“申请人情况”分列统计`,
    detect: ({ readings }) => {
      const filled = (total: boolean) => T3_INDEX.some(({ c, i }) => (c.col === T3_TOTAL_COL) === total && readings[i].state !== 'blank' && readings[i].state !== 'absent');
      return when(filled(true) && !filled(false), { table: 'T3', cells: [] });
    },
  },
  {
    id: 'prior.year',
    title: '上年报告年度',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '上年报告的年度为{priorYear}，本年报告为{year}，应为相邻两年',
    source: '跨年度核对应使用上一年度的报告',
    detect: ({ report, prior }) =>
      when(prior !== null && prior.year !== null && report.year !== null && prior.year !== report.year - 1, { ...whole, params: { year: report.year!, priorYear: prior?.year ?? '' } }),
  },
  {
    id: 'prior.yearMissing',
    title: '上年报告年度',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '上年报告未填写年度，无法确认它是上一年度的报告',
    source: '跨年度核对应使用上一年度的报告',
    detect: ({ prior }) => when(prior !== null && prior.year === null),
  },
  {
    id: 'prior.org',
    title: '上年报告机关',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '上年报告的机关为“{priorOrg}”，本年为“{org}”：跨年度核对应使用同一机关的报告',
    source: '跨年度核对应使用同一机关上一年度的报告',
    detect: ({ report, prior }) =>
      when(prior !== null && prior.org.trim() !== '' && report.org.trim() !== '' && !sameBody(prior.org, report.org), { ...whole, params: { org: report.org, priorOrg: prior?.org ?? '' } }),
  },
  {
    id: 'prior.notNumber',
    title: '上年报告数据',
    kind: 'report',
    severity: 'warning',
    message: '上年报告 {cell}：“{shown}”不能作为数字使用，涉及该格的跨年度核对未校验',
    source: '跨年度核对使用上年报告的数字',
  },
  {
    id: 'layout.shape',
    title: '表格结构',
    kind: 'report',
    severity: 'error',
    message: '{table}区域应为{expectedRows}行×{expectedCols}列，实为{rows}行×{cols}列：表内插入或删除了行、列，无法按官方格式读取，{table}未校验',
    source: `${OFFICIAL}的表格行列固定`,
  },
  {
    id: 'layout.label',
    title: '表格文字',
    kind: 'report',
    severity: 'warning',
    message: '{table}第{row}行第{col}列应为“{expected}”，实为“{raw}”：表格文字与官方格式不一致',
    source: `${OFFICIAL}的表格文字`,
  },
  {
    id: 'layout.missing',
    title: '缺少表格',
    kind: 'report',
    severity: 'error',
    message: '未找到{table}：{detail}',
    source: `${OFFICIAL}的三张表格`,
  },

  // ---- 表二 beyond the arithmetic (src/core/table-checks.ts) ----------------------------------------
  {
    id: 'T2.rulesAuthority',
    title: '无权制定规章',
    metadata: true,
    kind: 'report',
    severity: 'error',
    message: '表二“规章”填写了{figures}，但“{org}”属于{level}（{seat}）：立法法规定规章只能由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府制定，{level}政府及其部门不能制定规章，“规章”各栏应为0',
    source: '《中华人民共和国立法法》（2023年修正）第九十一条、第九十三条',
    detect: ({ report, readings }) => rulesAuthorityRaised(report, readings, 'cannot'),
  },
  {
    id: 'T2.rulesAuthorityUnclear',
    title: '规章制定机关',
    metadata: true,
    kind: 'report',
    severity: 'warning',
    message: '表二“规章”填写了{figures}：{reason}，请核实本机关是否为规章制定机关（立法法规定规章只能由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府制定）',
    source: '《中华人民共和国立法法》（2023年修正）第九十一条、第九十三条',
    detect: ({ report, readings }) => rulesAuthorityRaised(report, readings, 'unclear'),
  },
  {
    id: 'T2.inForceShort',
    title: '现行有效件数偏少',
    kind: 'report',
    severity: 'warning',
    message: '表二“{row}”：本年制发{issued}件、本年废止{repealed}件，现行有效只有{inForce}件，少于本年制发减本年废止：本年制发且未废止的文件应计入现行有效，请核实',
    source: `${OFFICIAL}表二第二十条第（一）项：现行有效件数包括本年制发且未废止的文件`,
    since: { year: 2021, by: '国办公开办函〔2021〕30号' },
    detect: ({ readings }) => inForceRaised(readings, 'short'),
  },
  {
    id: 'T2.inForceZero',
    title: '现行有效为0',
    kind: 'report',
    severity: 'warning',
    message: '表二“{row}”：本年制发{issued}件，现行有效为0件：本年制发的文件如未全部废止，应计入现行有效，请核实',
    source: `${OFFICIAL}表二第二十条第（一）项：现行有效件数包括本年制发且未废止的文件`,
    since: { year: 2021, by: '国办公开办函〔2021〕30号' },
    detect: ({ readings }) => inForceRaised(readings, 'zero'),
  },

  // ---- raised by the importers (src/import): reading Word files, web pages and text --------------
  {
    id: 'format.outdated',
    title: '旧版报告格式',
    kind: 'report',
    severity: 'error',
    message: '{year}年度报告使用了国办公开办函〔2019〕60号的旧格式（{evidence}），应使用国办公开办函〔2021〕30号格式：{detail}',
    source: '国办公开办函〔2021〕30号：自2021年度报告起使用新格式，取代国办公开办函〔2019〕60号格式',
  },
  {
    id: 'format.edition2019',
    title: '2019年版报告格式',
    kind: 'report',
    severity: 'warning',
    message: '本报告使用国办公开办函〔2019〕60号格式（{evidence}）：{detail}',
    source: '国办公开办函〔2019〕60号格式适用于2019、2020年度报告',
  },
  {
    id: 'import.missingRow',
    title: '缺少表格行',
    kind: 'report',
    severity: 'error',
    message: '{table}中未找到“{label}”一行，其数据未读取，{table}的勾稽关系未校验',
    source: `${OFFICIAL}的表格行列固定`,
  },
  {
    id: 'import.unplaced',
    title: '无法对应的行',
    kind: 'report',
    severity: 'error',
    message: '{table}“{label}”一行有{found}个数据格，官方格式为{expected}个，无法确定各格对应的栏目，未读取；{table}的勾稽关系未校验',
    source: `${OFFICIAL}的表格行列固定`,
  },
  {
    id: 'import.otherCombined',
    title: '（六）其他处理只有一行',
    kind: 'report',
    severity: 'warning',
    message:
      '{table}“（六）其他处理”只有一行（总计{total}），是国办公开办函〔2019〕60号格式的写法，现行格式分为1至3三行：这三行各自的数据未知，不按0计算，涉及它们的勾稽关系按这一行的合计校验。应按现行格式分三行填写',
    source: `${OFFICIAL}表三“（六）其他处理”分为三行：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请；2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请；3.其他`,
  },
  {
    id: 'import.subtotal',
    title: '法人或其他组织小计不等于各栏之和',
    kind: 'report',
    severity: 'warning',
    message: '{table}“{label}”一行的“法人或其他组织小计”为{subtotal}，而商业企业、科研机构、社会公益组织、法律服务机构、其他五栏之和为{sum}，请核对。小计栏不是官方格式的栏目，未读取，五栏按所填数据读取',
    source: `${OFFICIAL}表三“法人或其他组织”分为商业企业、科研机构、社会公益组织、法律服务机构、其他五栏，没有小计栏`,
  },
  {
    id: 'import.labelVariant',
    title: '行名与官方不一致',
    kind: 'report',
    severity: 'warning',
    message: '{table}中的“{label}”一行与官方格式的“{official}”不一致，按“{official}”读取，请核对',
    source: `${OFFICIAL}的表格文字`,
  },
  {
    id: 'import.columnText',
    title: '文字未按行排列',
    kind: 'report',
    severity: 'error',
    message:
      '{tables}的数字在文字中不是按行排列的（不带 -layout 的 pdftotext、部分 PDF 阅读器复制的文字：同一栏的数字连在一起，行名在别处），无法确定每个数字属于哪一行、哪一栏，未读取，勾稽关系未校验：请用“pdftotext -layout”重新提取文字，或导入原 Word 文件、网页',
    source: `${OFFICIAL}的表格行列固定`,
  },
  {
    id: 'import.unknownRow',
    title: '非官方格式的行',
    kind: 'report',
    severity: 'warning',
    message: '{table}中的“{label}”一行不是官方格式中的行，其数据未读取',
    source: `${OFFICIAL}的表格文字`,
  },
  {
    id: 'import.duplicate',
    title: '重复的行',
    kind: 'report',
    severity: 'warning',
    message: '{table}“{label}”一行出现多次且数据不同，按第一次出现的读取',
    source: `${OFFICIAL}的表格行列固定`,
  },
  {
    id: 'import.header',
    title: '缺少表头',
    kind: 'report',
    severity: 'warning',
    message: '{table}中未找到表头{labels}，各栏按官方格式的顺序读取，请核对',
    source: `${OFFICIAL}的表格文字`,
  },
  {
    id: 'text.received',
    title: '正文：新收申请数',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”为{stated}件，{item}为{value}件：正文与表格不一致',
    source: '年度报告正文“总体情况”所述依申请公开数量应与表三一致',
  },
  {
    id: 'text.carriedIn',
    title: '正文：上年结转数',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”为{stated}件，{item}为{value}件：正文与表格不一致',
    source: '年度报告正文“总体情况”所述依申请公开数量应与表三一致',
  },
  {
    id: 'text.carriedOut',
    title: '正文：结转下年数',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”为{stated}件，{item}为{value}件：正文与表格不一致',
    source: '年度报告正文“总体情况”所述依申请公开数量应与表三一致',
  },
  {
    id: 'text.review',
    title: '正文：行政复议数',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”为{stated}件，{item}为{value}件：正文与表格不一致',
    source: '年度报告正文所述政府信息公开行政复议数量应与表四一致',
  },
  {
    id: 'text.litigation',
    title: '正文：行政诉讼数',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”为{stated}件，{item}为{value}件：正文与表格不一致',
    source: '年度报告正文所述政府信息公开行政诉讼数量应与表四一致',
  },
  {
    id: 'text.completed',
    title: '正文：办结答复数',
    kind: 'report',
    severity: 'warning',
    message: TEXT_COUNT,
    source: '年度报告正文所述办结、答复的申请数（含上年结转）即表三“（七）总计”',
  },
  {
    id: 'text.applicant',
    title: '正文：各类申请人',
    kind: 'report',
    severity: 'warning',
    message: TEXT_COUNT,
    source: `${OFFICIAL}表三“申请人情况”：正文所述自然人、法人或其他组织的申请数应与表三各栏一致`,
  },
  {
    id: 'text.result',
    title: '正文：办理结果',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”中“{category}”{claim}，表三“{category}”为{value}件{share}：正文与表格不一致',
    source: `${OFFICIAL}表三“三、本年度办理结果”：正文所述各类办理结果的件数和占比（占“（七）总计”）应与表三一致`,
  },
  {
    id: 'text.regulations',
    title: '正文：制发规章数',
    kind: 'report',
    severity: 'warning',
    message: TEXT_COUNT,
    source: `${OFFICIAL}表二第二十条第（一）项：正文“主动公开”所述本年制发规章件数应与表二一致`,
    since: { year: 2021, by: '国办公开办函〔2021〕30号' },
  },
  {
    id: 'text.normative',
    title: '正文：制发规范性文件数',
    kind: 'report',
    severity: 'warning',
    message: TEXT_COUNT,
    source: `${OFFICIAL}表二第二十条第（一）项：正文“主动公开”所述本年制发行政规范性文件件数应与表二一致`,
    since: { year: 2021, by: '国办公开办函〔2021〕30号' },
  },
  {
    id: 'text.outcome',
    title: '正文：复议诉讼结果',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”，但{item}：正文与表格不一致',
    source: `${OFFICIAL}表四：正文所述“均获维持”“零败诉”“未被纠错”等结果应与表四“结果纠正”（维持还涉及“其他结果”“尚未审结”）一致`,
  },
  {
    id: 'text.allDone',
    title: '正文：全部办结',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”称申请已全部办结，但表三“四、结转下年度继续办理”{where}：正文与表格不一致',
    source: `${OFFICIAL}表三“四、结转下年度继续办理”：有结转的申请即未全部办结`,
  },
  {
    id: 'text.feeNotice',
    title: '正文：收费通知',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”，但表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”为{value}件，表明本年度发出过收费通知：请核实正文与表格',
    source: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》；国办公开办函〔2021〕30号表三（六）2',
    since: { year: 2021, by: '国办公开办函〔2021〕30号表三（六）2；国办函〔2020〕109号自2021年1月1日起施行' },
  },
  {
    id: 'text.citation',
    title: '正文：格式文号',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”：{detail}',
    source: '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》，自2021年度报告起施行，取代国办公开办函〔2019〕60号',
  },
  {
    id: 'text.period',
    title: '正文：统计期限',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”写的是{stated}年，报告年度为{year}年：统计期限应为报告年度的1月1日至12月31日',
    source: '政府信息公开条例第五十条：年度报告统计的是上一年度的工作情况',
  },
  {
    id: 'text.year',
    title: '正文：年份',
    kind: 'report',
    severity: 'warning',
    message: '正文第一部分“{quote}”写的是{stated}年，报告年度为{year}年：可能沿用了往年报告的文字',
    source: '年度报告正文应叙述报告年度的工作',
  },
  {
    id: 'text.outline',
    title: '正文：旧版提纲',
    kind: 'report',
    severity: 'warning',
    message: '正文“{quote}”使用2019年以前的报告提纲（{evidence}）：{year}年度报告应按国办公开办函〔2021〕30号格式的六个部分编写，收费情况写入第六部分，行政复议、行政诉讼写入第四部分',
    source: '国办公开办函〔2021〕30号格式的六个部分；“收费及减免”“复议、诉讼和申诉”是2008年版条例时期的提纲',
    since: { year: 2021, by: '国办公开办函〔2021〕30号' },
  },
  {
    id: 'text.partMissing',
    title: '正文：缺少部分',
    kind: 'report',
    severity: 'warning',
    message: '正文中未找到第{parts}部分（{titles}）：年度报告应包括格式规定的六个部分',
    source: `${OFFICIAL}：年度报告由六个部分组成`,
  },
  {
    id: 'text.partOrder',
    title: '正文：部分顺序',
    kind: 'report',
    severity: 'warning',
    message: '正文各部分的顺序为{order}：应按格式规定的一至六依次排列',
    source: `${OFFICIAL}：年度报告由六个部分组成，依次排列`,
  },
  {
    id: 'text.fee',
    title: '正文：信息处理费',
    kind: 'report',
    severity: 'warning',
    message: '{where}未说明本年度收取信息处理费的情况（未收取也应写明）',
    source: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》：行政机关应当在政府信息公开工作年度报告中公布收取信息处理费的情况',
    since: { year: 2020, by: '国办函〔2020〕109号' },
  },
  // ---- the register of applications (src/ledger) ------------------------------------------------
  ...LEDGER_RULES,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Whether a rule applies to a report of `year` (every rule applies when the year is not known). */
export function appliesIn(r: Pick<RuleBase, 'since'>, year: number | null): boolean {
  return r.since === undefined || year === null || year >= r.since.year;
}
const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function rule(id: string): Rule {
  const r = RULES_BY_ID.get(id);
  if (!r) throw new Error(`unknown rule ${id}`);
  return r;
}

export const EQUATION_RULES = RULES.filter((r): r is EquationRule => r.kind === 'equation');
export const CELL_RULES = RULES.filter((r): r is CellRule => r.kind === 'cell');
export const DETECTED_RULES = RULES.filter((r): r is ReportRule & Required<Pick<ReportRule, 'detect'>> => r.kind === 'report' && r.detect !== undefined);

/** An equation that needs no other report: these are compiled into native check formulas. */
export const isIntraReport = (eq: Equation): boolean => [...eq.lhs, ...eq.rhs].every((t) => !t.prior);
