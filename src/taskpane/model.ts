/**
 * What the pane shows for one check, computed without a DOM or a host: the findings of a read
 * sheet (and last year's report, when one is chosen) grouped by table, with their Chinese
 * sentences, acknowledgements, suggested fixes, last year's figures, the quick fixes' changes
 * and the cells to mark in the sheet. The pane renders it; tests read it directly.
 */
import { checkGridReport, equationCount } from '../core/engine';
import { Finding, fingerprint } from '../core/findings';
import { CellChange, Suggestion, fillBlanks, recomputeTotals, renderSuggestion, suggestions } from '../core/fixes';
import { formatNumber, locationOf, renderFinding } from '../core/render';
import { CellValue, Report } from '../core/report';
import { rule } from '../core/rules';
import { CELL_IDS, CellId, TABLES, TABLE_IDS, TableId, cellName, inputCell } from '../core/tables';
import type { Acknowledgement, SheetRead } from '../host/contract';

/** A cell's figure, this year's or last year's, for findings that compare the two. */
export interface Figure {
  year: 'current' | 'prior';
  cell: CellId;
  /** 本年 表三 自然人/二、上年结转政府信息公开申请数量. */
  label: string;
  value: string;
}

export interface FindingItem {
  kind: 'finding';
  /** Stable across re-checks while the finding stays the same: the fingerprint. */
  key: string;
  finding: Finding;
  fingerprint: string;
  title: string;
  location: string;
  message: string;
  /** This year's cells, for selecting, in the engine's order (the left side of an equation first). */
  cells: CellId[];
  /** Only warnings can be acknowledged; errors must be fixed. */
  canAcknowledge: boolean;
  acknowledgement?: Acknowledgement;
  suggestion?: { change: CellChange; text: string };
  figures: Figure[];
}

/** The blank cells of a table, as one item: a fresh template has 200 of them. */
export interface BlanksItem {
  kind: 'blanks';
  key: string;
  table: TableId | null;
  cells: CellId[];
  message: string;
}

export type Item = FindingItem | BlanksItem;

export interface Group {
  table: TableId | null;
  name: string;
  errors: number;
  /** Open warnings (blank cells counted one by one), not acknowledged ones. */
  warnings: number;
  acknowledged: number;
  items: Item[];
  /** Items left out of `items` to keep the list readable. */
  more: number;
}

export interface CheckView {
  sheet: string;
  errors: number;
  warnings: number;
  acknowledged: number;
  /** Equations the check evaluated: the N in 全部勾稽关系通过（N条）. */
  equations: number;
  summary: string;
  groups: Group[];
  /** "Fill every blank input cell with 0". */
  fills: CellChange[];
  /** "Recompute the 总计 cells from their parts". */
  totals: CellChange[];
  /** Input cells to mark in the sheet: those of errors and open warnings other than blank cells. */
  marks: CellId[];
}

export const MAX_PER_GROUP = 50;

const ORDER = new Map(CELL_IDS.map((c, i) => [c, i]));
const byCellOrder = (a: CellId, b: CellId): number => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0);

/** 表三 收到和处理政府信息公开申请情况. */
export const groupName = (t: TableId | null): string => (t === null ? '报告整体' : `${TABLES[t].name} ${TABLES[t].title.replace(/^[一二三四五六七八九十]+、/, '')}`);

export function shownValue(v: CellValue | undefined): string {
  if (v === undefined || v === null || v === '') return '（空白）';
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

const sameInstance = (f: Finding, r: Pick<Finding, 'rule' | 'anchor'>): boolean =>
  f.rule === r.rule && f.anchor?.table === r.anchor?.table && f.anchor?.axis === r.anchor?.axis && f.anchor?.index === r.anchor?.index;

function figuresOf(f: Finding, report: Report, prior: Report | null): Figure[] {
  if (!f.priorCells?.length || prior === null) return [];
  return [
    ...f.cells.map((cell): Figure => ({ year: 'current', cell, label: `本年 ${cellName(cell)}`, value: shownValue(report.cells[cell]) })),
    ...f.priorCells.map((cell): Figure => ({ year: 'prior', cell, label: `上年 ${cellName(cell)}`, value: shownValue(prior.cells[cell]) })),
  ];
}

/** The changes a host can make: cells of tables that were read and have an address. */
const writable = (read: SheetRead, changes: CellChange[]): CellChange[] =>
  changes.filter((c) => read.addresses[c.cell] !== undefined && !read.unreadable.includes(inputCell(c.cell).table));

export function buildView(read: SheetRead, prior: Report | null, acks: readonly Acknowledgement[]): CheckView {
  const findings = checkGridReport(read, prior);
  const acked = new Map(acks.filter((a) => a.sheet === read.sheet).map((a) => [a.fingerprint, a]));
  const found = suggestions(read.report, findings).filter((s: Suggestion) => read.addresses[s.cell] !== undefined);

  const groups = new Map<TableId | null, Group>();
  for (const t of [null, ...TABLE_IDS]) groups.set(t, { table: t, name: groupName(t), errors: 0, warnings: 0, acknowledged: 0, items: [], more: 0 });
  const blanks = new Map<TableId | null, CellId[]>();
  const marks = new Set<CellId>();
  const findingItems = new Map<TableId | null, FindingItem[]>();
  let failingEquations = 0;

  for (const f of findings) {
    const g = groups.get(f.table)!;
    if (f.rule === 'cell.blank') {
      g.warnings++;
      blanks.set(f.table, [...(blanks.get(f.table) ?? []), ...f.cells]);
      continue;
    }
    const fp = fingerprint(f);
    const acknowledgement = f.severity === 'warning' ? acked.get(fp) : undefined;
    if (f.severity === 'error') g.errors++;
    else if (acknowledgement) g.acknowledged++;
    else g.warnings++;
    if (!acknowledgement) {
      for (const c of f.cells) if (read.addresses[c] !== undefined) marks.add(c);
      if (f.anchor && f.difference !== undefined) failingEquations++;
    }
    const s = found.find((x) => x.resolves.some((r) => sameInstance(f, r)));
    const r = rule(f.rule);
    findingItems.set(f.table, [
      ...(findingItems.get(f.table) ?? []),
      {
        kind: 'finding',
        key: fp,
        finding: f,
        fingerprint: fp,
        title: r.title ?? f.rule,
        location: locationOf(f),
        message: renderFinding(f),
        // The engine's order: an equation's left side (the total) first, the cell a click makes active.
        cells: f.cells,
        canAcknowledge: f.severity === 'warning',
        ...(acknowledgement ? { acknowledgement } : {}),
        ...(s ? { suggestion: { change: { cell: s.cell, value: s.to }, text: renderSuggestion(s) } } : {}),
        figures: figuresOf(f, read.report, prior),
      },
    ]);
  }

  for (const [t, g] of groups) {
    const list = findingItems.get(t) ?? [];
    const blankCells = blanks.get(t) ?? [];
    const ordered: Item[] = [
      ...list.filter((i) => i.finding.severity === 'error'),
      ...list.filter((i) => i.finding.severity === 'warning' && !i.acknowledgement),
      ...(blankCells.length
        ? [
            {
              kind: 'blanks' as const,
              key: `blanks:${t ?? ''}`,
              table: t,
              cells: blankCells,
              message: `${t ? TABLES[t].name : '报告'}有 ${blankCells.length} 个空白格未填写，按0计算；无数据的格应填写0`,
            },
          ]
        : []),
      ...list.filter((i) => i.acknowledgement),
    ];
    g.items = ordered.slice(0, MAX_PER_GROUP);
    g.more = ordered.length - g.items.length;
  }

  const all = [...groups.values()];
  const errors = all.reduce((n, g) => n + g.errors, 0);
  const warnings = all.reduce((n, g) => n + g.warnings, 0);
  const acknowledged = all.reduce((n, g) => n + g.acknowledged, 0);
  const equations = equationCount(prior);
  return {
    sheet: read.sheet,
    errors,
    warnings,
    acknowledged,
    equations,
    summary: summaryText(errors, warnings, acknowledged, failingEquations, equations),
    groups: all.filter((g) => g.items.length > 0),
    fills: writable(read, fillBlanks(read.report)),
    // A blank total over blank parts reads as 0 already: filling it is the blank-cell fix's job.
    totals: writable(read, recomputeTotals(read.report)),
    marks: [...marks].sort(byCellOrder),
  };
}

/** ✗ 3 处错误，2 处提示 / ✓ 全部勾稽关系通过（42条） / ✓ 没有错误，1 处提示. */
export function summaryText(errors: number, warnings: number, acknowledged: number, failingEquations: number, equations: number): string {
  const hints = warnings > 0 ? `，${warnings} 处提示` : '';
  const noted = acknowledged > 0 ? `（另有 ${acknowledged} 处已说明）` : '';
  if (errors > 0) return `✗ ${errors} 处错误${hints}${noted}`;
  if (failingEquations > 0) return `✓ 没有错误${hints}${noted}`;
  return `✓ 全部勾稽关系通过（${equations}条）${hints}${noted}`;
}
