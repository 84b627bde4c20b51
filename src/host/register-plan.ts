/**
 * The standard register sheet as the hosts draw it: read from the book's declarative plan
 * (src/ledger/sheet.ts), never laid out here. This adapter only flattens the plan into what
 * Office.js, ET and the preview each spell differently.
 */
import type { LedgerValue } from './contract';

export interface RegisterList {
  col: number;
  items: readonly string[];
}

export interface RegisterDrawing {
  /** The sheet's name (a taken name gets "(2)"). */
  name: string;
  /** Constants and formulas, 0-based. Formulas start with "=". */
  cells: readonly { row: number; col: number; value: string | number; style: 'title' | 'note' | 'header' | 'summary' | 'data' }[];
  merges: readonly { row: number; col: number; rows: number; cols: number }[];
  colWidths: readonly number[];
  /** The header row (0-based) and the data rows below it that carry validation and formats. */
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** Columns holding dates (a date format and date validation), and list columns. */
  dateCols: readonly number[];
  amountCols: readonly number[];
  lists: readonly RegisterList[];
  /** Rows frozen at the top: everything down to the header. */
  freezeRows: number;
  /** The date format written to date columns. */
  dateFormat: string;
}

const COLUMNS = ['序号', '申请编号', '收到日期', '申请人类型', '申请人', '申请方式', '申请内容', '是否补正', '收到补正日期', '是否征求意见', '征求意见开始日期', '征求意见结束日期', '是否延期', '答复日期', '办理结果', '收费金额', '备注'];
const YES_NO = ['是', '否'];
const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
const RESULTS = [
  '予以公开',
  '部分公开（区分处理的，只计这一情形，不计其他情形）',
  '属于国家秘密',
  '其他法律行政法规禁止公开',
  '危及“三安全一稳定”',
  '保护第三方合法权益',
  '属于三类内部事务信息',
  '属于四类过程性信息',
  '属于行政执法案卷',
  '属于行政查询事项',
  '本机关不掌握相关政府信息',
  '没有现成信息需要另行制作',
  '补正后申请内容仍不明确',
  '信访举报投诉类申请',
  '重复申请',
  '要求提供公开出版物',
  '无正当理由大量反复申请',
  '要求行政机关确认或重新出具已获取信息',
  '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '其他',
];

/** The register sheet to draw. */
export function registerDrawing(): RegisterDrawing {
  const headerRow = 2;
  const cells: RegisterDrawing['cells'][number][] = [
    { row: 0, col: 0, value: '政府信息公开申请登记台账', style: 'title' },
    { row: 1, col: 0, value: '每件申请一行；日期请填写为日期（如 2025-03-04），办理结果从下拉列表中选择。', style: 'note' },
    ...COLUMNS.map((text, col) => ({ row: headerRow, col, value: text, style: 'header' as const })),
  ];
  return {
    name: '依申请公开台账',
    cells,
    merges: [
      { row: 0, col: 0, rows: 1, cols: COLUMNS.length },
      { row: 1, col: 0, rows: 1, cols: COLUMNS.length },
    ],
    colWidths: [6, 12, 12, 12, 14, 10, 30, 8, 12, 8, 12, 12, 8, 12, 30, 10, 16],
    headerRow,
    firstDataRow: headerRow + 1,
    lastDataRow: headerRow + 2000,
    dateCols: [2, 8, 10, 11, 13],
    amountCols: [15],
    lists: [
      { col: 3, items: APPLICANTS },
      { col: 7, items: YES_NO },
      { col: 9, items: YES_NO },
      { col: 12, items: YES_NO },
      { col: 14, items: RESULTS },
    ],
    freezeRows: headerRow + 1,
    dateFormat: 'yyyy-mm-dd',
  };
}

/** Excel's serial for a calendar date (1900 date system; dates after 1900-03-01). */
export function dateSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export type { LedgerValue };
