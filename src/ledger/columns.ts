/**
 * The register of applications (依申请公开登记台账) as data: its columns, the applicant types and
 * the result categories of 表三, and the grid readers hand to the ledger core.
 *
 * The standard register sheet, its validation lists and native summary formulas, the reader of
 * offices' own registers, the compiler of 表三 and the pane all derive from these declarations.
 * Host-free: no Office, no Node-only imports.
 */
import type { Finding } from '../core/findings';
import { CellId, T3_COLUMNS, T3_RESULTS, T3_ROW } from '../core/tables';

export type LedgerKind = 'serial' | 'text' | 'date' | 'applicant' | 'yesno' | 'result' | 'money';

export type LedgerKey =
  | 'serial'
  | 'number'
  | 'received'
  | 'applicantType'
  | 'applicant'
  | 'method'
  | 'content'
  | 'corrected'
  | 'correctionReceived'
  | 'consulted'
  | 'consultStart'
  | 'consultEnd'
  | 'extended'
  | 'answered'
  | 'result'
  | 'fee'
  | 'remarks';

export interface LedgerColumn {
  key: LedgerKey;
  /** The header of the standard register. */
  label: string;
  kind: LedgerKind;
  /** Other header names offices use for this column in their own registers (the label is recognised too). */
  synonyms: readonly string[];
  /** Personal data: never leaves the machine (no finding message, JSON, log, export or error quotes it). */
  personal?: true;
  /** A register without this column cannot give 表三; its absence is a finding. */
  required?: true;
}

/** The standard register's 17 columns, in order. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'serial', label: '序号', kind: 'serial', synonyms: ['编号序号', '顺序号', '序'] },
  { key: 'number', label: '申请编号', kind: 'text', synonyms: ['申请号', '登记编号', '登记号', '受理编号', '受理号', '案件编号', '编号', '文号'] },
  { key: 'received', label: '收到日期', kind: 'date', required: true, synonyms: ['收到申请日期', '收到申请时间', '收到时间', '受理日期', '受理时间', '申请日期', '申请时间', '登记日期', '登记时间', '接收日期', '收件日期', '来件日期'] },
  { key: 'applicantType', label: '申请人类型', kind: 'applicant', required: true, synonyms: ['申请人类别', '申请主体类型', '申请主体', '申请人性质', '申请人情况', '主体类型', '类型'] },
  { key: 'applicant', label: '申请人', kind: 'text', personal: true, synonyms: ['申请人姓名', '申请人名称', '申请人姓名或名称', '申请人姓名/名称', '姓名', '姓名或名称', '申请单位'] },
  { key: 'method', label: '申请方式', kind: 'text', synonyms: ['申请途径', '提交方式', '申请渠道', '来源', '收件方式'] },
  { key: 'content', label: '申请内容', kind: 'text', personal: true, synonyms: ['申请事项', '申请公开内容', '申请公开的内容', '所需信息', '申请信息内容', '申请公开事项', '申请内容描述', '内容'] },
  { key: 'corrected', label: '是否补正', kind: 'yesno', synonyms: ['是否需要补正', '补正', '要求补正', '是否要求补正'] },
  { key: 'correctionReceived', label: '收到补正日期', kind: 'date', synonyms: ['补正日期', '收到补正时间', '补正收到日期', '补正时间', '补正材料收到日期'] },
  { key: 'consulted', label: '是否征求意见', kind: 'yesno', synonyms: ['征求意见', '是否征求第三方意见', '征求第三方意见', '是否征求相关方意见'] },
  { key: 'consultStart', label: '征求意见开始日期', kind: 'date', synonyms: ['征求意见日期', '征求意见开始时间', '征求意见起始日期', '征求意见发出日期'] },
  { key: 'consultEnd', label: '征求意见结束日期', kind: 'date', synonyms: ['征求意见结束时间', '征求意见截止日期', '征求意见回复日期', '收到意见日期'] },
  { key: 'extended', label: '是否延期', kind: 'yesno', synonyms: ['延期', '是否延长答复期限', '延长答复期限', '是否延长'] },
  { key: 'answered', label: '答复日期', kind: 'date', required: true, synonyms: ['办结日期', '答复时间', '办结时间', '答复办结日期', '作出答复日期', '告知日期', '出具答复日期'] },
  { key: 'result', label: '办理结果', kind: 'result', required: true, synonyms: ['答复结果', '处理结果', '答复类型', '办理结果类型', '答复情况', '办理情况', '处理情况'] },
  { key: 'fee', label: '收费金额', kind: 'money', synonyms: ['收费', '信息处理费', '收费金额（元）', '收费金额(元)', '收取费用'] },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明', '附注'] },
];

export const LEDGER_COLUMN: Readonly<Record<LedgerKey, LedgerColumn>> = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c])) as Record<LedgerKey, LedgerColumn>;

// ---------------------------------------------------------------------------------------------
// 申请人类型: the six applicant columns of 表三 (总计 aside).

export interface ApplicantType {
  /** Official wording, as in 表三's header and the register's list. */
  name: (typeof T3_COLUMNS)[number];
  /** 表三 column number (T3.Rr.C<col>). */
  col: number;
  /** Other words offices write for it. */
  synonyms: readonly string[];
}

const APPLICANT_SYNONYMS: Record<string, readonly string[]> = {
  自然人: ['个人', '公民', '群众', '自然人申请'],
  商业企业: ['企业', '公司', '商业机构', '法人或其他组织-商业企业'],
  科研机构: ['科研院所', '研究机构', '高校', '高等院校'],
  社会公益组织: ['公益组织', '社会组织', '社会团体', '公益机构'],
  法律服务机构: ['律师事务所', '律所', '法律服务所', '律师'],
  其他: ['其他组织', '其它', '其他法人或组织', '法人或其他组织-其他'],
};

export const APPLICANT_TYPES: readonly ApplicantType[] = T3_COLUMNS.slice(0, -1).map((name, i) => ({ name, col: i + 1, synonyms: APPLICANT_SYNONYMS[name] }));

/** 表三's 总计 column. */
export const T3_TOTAL_COL = T3_COLUMNS.length;

// ---------------------------------------------------------------------------------------------
// 办理结果: the 21 leaf categories of 表三 rows （一）–（六）.

export interface ResultCategory {
  /** 表三 row number (T3.R<row>.Cc), 3–23. */
  row: number;
  /** Official wording of the leaf as printed in 表三: '（一）予以公开', '1.属于国家秘密'. */
  label: string;
  /** The heading it sits under: '（三）不予公开'; null for （一） and （二）, which are leaves themselves. */
  parent: string | null;
  /** The bare name: '予以公开', '属于国家秘密'. */
  name: string;
  /**
   * The entry of the standard register's list, exactly as the native summary formulas count it:
   * '予以公开', '部分公开', '不予公开-属于国家秘密', '其他处理-其他'.
   */
  choice: string;
  /** Other words offices write for it (beyond the label, name, choice and numbered forms, which are always accepted). */
  synonyms: readonly string[];
}

/** '（三）不予公开' → '不予公开'; '（二）部分公开（区分处理的，…）' → '部分公开'; '1.属于国家秘密' → '属于国家秘密'. */
export function bareName(official: string): string {
  return official
    .replace(/^（[一二三四五六七]）/, '')
    .replace(/^\d+\./, '')
    .replace(/（[^）]*）$/, '');
}

const RESULT_SYNONYMS: Record<string, readonly string[]> = {
  予以公开: ['公开', '全部公开', '同意公开', '予以全部公开'],
  部分公开: ['部分予以公开', '区分处理', '部分公开部分不公开'],
  属于国家秘密: ['国家秘密', '涉及国家秘密'],
  其他法律行政法规禁止公开: ['法律行政法规禁止公开', '其他法律、行政法规禁止公开'],
  '危及“三安全一稳定”': ['危及三安全一稳定', '危及"三安全一稳定"', '三安全一稳定'],
  保护第三方合法权益: ['第三方合法权益', '涉及第三方合法权益', '涉及商业秘密、个人隐私', '涉及个人隐私', '涉及商业秘密'],
  属于三类内部事务信息: ['三类内部事务信息', '内部事务信息', '内部事务'],
  属于四类过程性信息: ['四类过程性信息', '过程性信息'],
  属于行政执法案卷: ['行政执法案卷', '执法案卷'],
  属于行政查询事项: ['行政查询事项', '查询事项'],
  本机关不掌握相关政府信息: ['本机关不掌握', '信息不存在', '政府信息不存在', '不掌握相关政府信息', '不掌握'],
  没有现成信息需要另行制作: ['需要另行制作', '需另行制作', '没有现成信息'],
  补正后申请内容仍不明确: ['申请内容仍不明确', '补正后仍不明确', '申请内容不明确'],
  信访举报投诉类申请: ['信访举报投诉', '信访举报投诉类', '信访类申请'],
  重复申请: ['属于重复申请'],
  要求提供公开出版物: ['公开出版物'],
  无正当理由大量反复申请: ['大量反复申请'],
  要求行政机关确认或重新出具已获取信息: ['要求确认或重新出具已获取信息', '确认或重新出具已获取信息', '要求重新出具已获取信息'],
  '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请': ['逾期不补正', '申请人逾期不补正', '无正当理由逾期不补正'],
  '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请': ['逾期未缴纳费用', '逾期未缴费', '未按收费通知缴费'],
  其他: ['其它', '其他情形'],
};

export const RESULT_CATEGORIES: readonly ResultCategory[] = (() => {
  const out: ResultCategory[] = [];
  let row = T3_ROW.firstResult;
  for (const [heading, details] of T3_RESULTS) {
    if (row > T3_ROW.lastResult) break; // （七）总计 is not a category
    if (details.length === 0) {
      const name = bareName(heading);
      out.push({ row: row++, label: heading, parent: null, name, choice: name, synonyms: RESULT_SYNONYMS[name] ?? [] });
    } else {
      for (const label of details) {
        const name = bareName(label);
        out.push({ row: row++, label, parent: heading, name, choice: `${bareName(heading)}-${name}`, synonyms: RESULT_SYNONYMS[name] ?? [] });
      }
    }
  }
  return out;
})();

// ---------------------------------------------------------------------------------------------
// What readers hand to the core.

/**
 * One cell as a host returns it. Numbers in date columns are Excel serial dates (Office.js
 * `values`, WPS `Value2`); exceljs gives Date objects (UTC midnight of the day shown).
 */
export type LedgerCell = string | number | boolean | Date | null;
/** A worksheet's used range from A1: row 0 is worksheet row 1, column 0 is column A. */
export type LedgerGrid = LedgerCell[][];

/** A calendar day as a whole number: days since 1970-01-01 (UTC). */
export type Day = number;

/** One application as read from a register row. Personal columns are not carried. */
export interface LedgerEntry {
  /** Worksheet row number (1-based), for findings and for selecting the row. */
  row: number;
  received: Day | null;
  /** APPLICANT_TYPES index + 1 = 表三 column; null when blank or unreadable. */
  applicantCol: number | null;
  corrected: boolean;
  correctionReceived: Day | null;
  consulted: boolean;
  consultStart: Day | null;
  /** Infinity while a consultation is still open (started, no answer yet): its days are not counted. */
  consultEnd: Day | null;
  extended: boolean;
  answered: Day | null;
  /** 表三 row of the result category; null when blank or unreadable. */
  resultRow: number | null;
  /** The deadline cannot be checked (a 是/否 or date it depends on is missing or unreadable; a finding says which). */
  untimed?: true;
}

// ---------------------------------------------------------------------------------------------
// What the ledger core gives back (analyseLedger in index.ts).

/** A register finding: a core Finding (rule, severity, params; rendered by core/render) that names where it is. */
export interface LedgerFinding extends Finding {
  /** Worksheet row number (1-based); null for the register as a whole (a missing column, an unknown calendar year). */
  row: number | null;
  /** The column concerned, by key; its header as found is in params.column. */
  column: LedgerKey | null;
}

export interface LedgerStats {
  /** Every application answered in the year (or carried over) has a readable date, type and result: the figures below may be published. */
  complete: boolean;
  /** Applications answered in the year. */
  answered: number;
  /** Of those, answered within the deadline (按期答复); only rows whose deadline could be computed count. */
  onTime: number;
  /** Rows answered in the year whose deadline could be computed (the base of onTime). */
  timed: number;
  /** 平均办理工作日 over the timed rows, one decimal; null when none. */
  averageWorkingDays: number | null;
}

export interface LedgerAnalysis {
  year: number;
  /** All 175 表三 cells, T3.R1.C1 … T3.R25.C7. */
  cells: Record<CellId, number>;
  findings: LedgerFinding[];
  stats: LedgerStats;
  /**
   * Where the header was found: its first and last worksheet row (two for a two-level header; data
   * starts below `lastRow`) and, per recognised column, its 0-based column index.
   */
  header: { row: number; lastRow: number; columns: Partial<Record<LedgerKey, number>> } | null;
}
