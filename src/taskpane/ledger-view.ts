/**
 * The register (台账) in the pane, as DOM: its 表三 beside the one typed in the template (each
 * cell that differs marked), and its findings as a group of the findings list. Everything from
 * the workbook or a file is set with textContent only; a finding never quotes a personal column.
 *
 * Data attributes, a contract with the tests:
 * table    td[data-cell] with data-ledger, data-typed and class "diff" where they differ;
 *          the table's data-differences (how many cells differ)
 * finding  li.finding with data-rule, data-severity, data-row (worksheet row, when it names one)
 */
import { el } from './dom';
import { SEVERITY_NAME, formatNumber, renderFinding } from '../core/render';
import { rule } from '../core/rules';
import type { Report } from '../core/report';
import { T3_COLUMNS, T3_ROW_NAMES, TABLES } from '../core/tables';
import type { LedgerAnalysis, LedgerFinding } from '../ledger/columns';
import { shownValue } from './model';

/** The register's 表三 cells that differ from the typed report's. */
export function differences(analysis: LedgerAnalysis, typed: Report | null): string[] {
  if (typed === null) return [];
  return Object.entries(analysis.cells)
    .filter(([id, v]) => {
      const t = typed.cells[id];
      return !(typeof t === 'number' ? t === v : (t === undefined || t === null || t === '') && v === 0);
    })
    .map(([id]) => id);
}

/** 表三 from the register, with the typed value beside each cell that differs. */
export function renderT3(doc: Document, container: HTMLElement, analysis: LedgerAnalysis, typed: Report | null): number {
  const diff = new Set(differences(analysis, typed));
  const table = el(doc, 'table', 'ledger-t3');
  table.dataset.differences = String(diff.size);
  const caption = el(doc, 'caption', undefined, `${analysis.year}年 ${TABLES.T3.name}（据台账统计）`);
  const head = el(doc, 'thead');
  const hr = el(doc, 'tr');
  hr.append(el(doc, 'th', undefined, ''), ...T3_COLUMNS.map((c) => el(doc, 'th', undefined, c)));
  head.append(hr);
  const body = el(doc, 'tbody');
  T3_ROW_NAMES.forEach((name, i) => {
    const tr = el(doc, 'tr');
    const th = el(doc, 'th', undefined, name);
    th.scope = 'row';
    tr.append(th);
    T3_COLUMNS.forEach((_, j) => {
      const id = `T3.R${i + 1}.C${j + 1}`;
      const value = analysis.cells[id] ?? 0;
      const td = el(doc, 'td', diff.has(id) ? 'diff' : undefined, formatNumber(value));
      td.dataset.cell = id;
      td.dataset.ledger = String(value);
      if (typed !== null) td.dataset.typed = shownValue(typed.cells[id]);
      if (diff.has(id)) {
        td.append(el(doc, 'span', 'typed', `（表中 ${shownValue(typed?.cells[id])}）`));
        td.title = `台账统计为 ${formatNumber(value)}，年报表三填写 ${shownValue(typed?.cells[id])}`;
      }
      tr.append(td);
    });
    body.append(tr);
  });
  table.append(caption, head, body);
  container.replaceChildren(table);
  return diff.size;
}

export const MAX_LEDGER_FINDINGS = 100;

/** The register's findings as one group of the findings list; a click on one selects its row. */
export function renderLedgerFindings(doc: Document, container: HTMLElement, source: string, findings: readonly LedgerFinding[]): void {
  if (findings.length === 0) {
    container.replaceChildren();
    return;
  }
  const section = el(doc, 'section', 'group');
  section.dataset.table = 'ledger';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const h = el(doc, 'h3', undefined, `依申请公开台账“${source}”`);
  h.append(el(doc, 'span', 'counts', [errors ? `${errors} 处错误` : '', warnings ? `${warnings} 处提示` : ''].filter(Boolean).join('，')));
  const list = el(doc, 'ol');
  const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
  for (const f of ordered.slice(0, MAX_LEDGER_FINDINGS)) {
    const li = el(doc, 'li', `finding ${f.severity}`);
    li.dataset.rule = f.rule;
    li.dataset.severity = f.severity;
    const head = el(doc, 'div', 'head');
    head.append(el(doc, 'span', 'badge', SEVERITY_NAME[f.severity]), el(doc, 'span', 'title', rule(f.rule).title ?? f.rule));
    li.append(head);
    if (f.row !== null) {
      li.dataset.row = String(f.row);
      const where = el(doc, 'button', 'where', `第 ${f.row} 行`);
      where.type = 'button';
      where.dataset.action = 'select-ledger-row';
      li.append(where);
    }
    li.append(el(doc, 'p', 'message', renderFinding(f)));
    list.append(li);
  }
  section.append(h, list);
  if (ordered.length > MAX_LEDGER_FINDINGS) section.append(el(doc, 'p', 'more', `另有 ${ordered.length - MAX_LEDGER_FINDINGS} 条未列出：请先处理上面的问题`));
  container.replaceChildren(section);
}
