/**
 * "导入本年数据": filling the template in view from a report being revised. This module holds the
 * part without a host: what an import would change (from `planFill`), and the pane's panel for it
 * — the confirmation listing every filled cell that would change, and the outcome afterwards.
 *
 * Everything from the file (cell text, body, sheet names, quoted sentences) is set with
 * textContent only: an imported file may hold any text.
 *
 * Data attributes, a contract with the tests:
 * panel     data-state = ask | done | cancelled | error
 * conflict  li.change with data-cell
 * finding   li with data-rule, data-severity (findings from reading the file)
 * buttons   data-action = import-overwrite | import-blanks-only | import-cancel
 * options   input[data-meta="org"|"year"]: fill the template's blank body or year from the file
 */
import { action, el } from './dom';
import type { Finding } from '../core/findings';
import { SEVERITY_NAME, renderFinding } from '../core/render';
import type { CellValue, Report } from '../core/report';
import { CellId, cellName, inputCell } from '../core/tables';
// merge.ts, not the importers' index: the pane must not carry the file readers until a file is chosen.
import { FillConflict, FillPlan, planFill } from '../import/merge';
import type { CellWrite, MetaWrite, SheetRead } from '../host/contract';
import { shownValue } from './model';

/** What importing a report into a template would do, limited to what the host can write. */
export interface ImportPlan {
  /** Blank cells of the template, filled from the file. */
  fills: CellWrite[];
  /** Filled cells the file has otherwise: changed only when the user chooses 全部替换. */
  conflicts: FillConflict[];
  /** Cells the file has that the template cannot take (a table of the sheet that could not be read). */
  unwritable: number;
  /** The file's body and year where they differ from the template's. */
  org: FillPlan['org'];
  year: FillPlan['year'];
  /** The body and year the template lacks and the file has: offered, never written unasked. */
  offer: MetaWrite;
}

const writableValue = (v: CellValue): v is number | string => v !== null;

export function prepareImport(read: SheetRead, incoming: Report): ImportPlan {
  const plan = planFill(read.report, incoming);
  const writable = (id: CellId): boolean => read.addresses[id] !== undefined && !read.unreadable.includes(inputCell(id).table);
  const fills: CellWrite[] = [];
  let unwritable = 0;
  for (const [cell, value] of Object.entries(plan.fill)) {
    if (value === undefined || !writableValue(value)) continue;
    if (writable(cell)) fills.push({ cell, value });
    else unwritable++;
  }
  const conflicts = plan.conflicts.filter((c) => writable(c.id) && writableValue(c.incoming));
  unwritable += plan.conflicts.length - conflicts.length;
  const offer: MetaWrite = {};
  if (plan.org && !plan.org.conflict) offer.org = plan.org.incoming.trim();
  if (plan.year && !plan.year.conflict) offer.year = plan.year.incoming;
  return { fills, conflicts, unwritable, org: plan.org, year: plan.year, offer };
}

/** The user must be asked first: a filled cell would change, the file is of another body or year, or a blank body or year could be filled. */
export const needsConfirmation = (p: ImportPlan): boolean =>
  p.conflicts.length > 0 || !!p.org?.conflict || !!p.year?.conflict || p.offer.org !== undefined || p.offer.year !== undefined;

/** A file read and waiting for the user's choice. */
export interface PendingImport {
  file: string;
  /** The sheet read, when the file is a workbook. */
  sourceSheet?: string;
  incoming: Report;
  /** Findings from reading the file. */
  findings: Finding[];
  /** The template sheet to fill. */
  target: string;
  plan: ImportPlan;
}

export type ImportPanelState = 'ask' | 'done' | 'cancelled' | 'error';


export const fileLabel = (file: string, sheet?: string): string => `“${file}”${sheet ? `（工作表“${sheet}”）` : ''}`;

function show(panel: HTMLElement, state: ImportPanelState, children: Node[]): void {
  panel.replaceChildren(...children);
  panel.className = `import-panel ${state === 'ask' ? 'ask' : state === 'error' ? 'error' : ''}`.trim();
  panel.dataset.state = state;
  panel.hidden = false;
}

/** The findings from reading the file: the importers' own (an older format, a row not found, prose against tables). */
function findingList(doc: Document, findings: readonly Finding[]): Node[] {
  if (findings.length === 0) return [];
  const list = el(doc, 'ul', 'import-findings');
  for (const f of findings) {
    const li = el(doc, 'li', `import-finding ${f.severity}`, `${SEVERITY_NAME[f.severity]}：${renderFinding(f)}`);
    li.dataset.rule = f.rule;
    li.dataset.severity = f.severity;
    list.append(li);
  }
  return [el(doc, 'p', undefined, `读取文件时发现 ${findings.length} 个问题（导入后请对照检查）：`), list];
}

/** The confirmation: what would change, what the file says otherwise about the body and year, and the three choices. */
export function renderConfirmation(doc: Document, panel: HTMLElement, pending: PendingImport, addresses: Partial<Record<CellId, string>>): void {
  const { plan } = pending;
  const children: Node[] = [];
  const title = el(doc, 'h3', undefined, `导入${fileLabel(pending.file, pending.sourceSheet)}`);
  title.id = 'import-confirm-title';
  children.push(title);
  if (plan.year?.conflict) {
    children.push(el(doc, 'p', 'warn', `文件中的报告年度为${plan.year.incoming}年，本模板为${plan.year.current}年：请确认选择的是本年的年报。模板的年度不会更改。`));
  }
  if (plan.org?.conflict) {
    children.push(el(doc, 'p', 'warn', `文件中的机关为“${plan.org.incoming}”，本模板为“${plan.org.current}”。模板的机关名称不会更改。`));
  }
  if (plan.conflicts.length > 0) {
    children.push(el(doc, 'p', 'conflict-count', `有 ${plan.conflicts.length} 个已填写的格与文件不同（原值 → 文件中的值）：`));
    const list = el(doc, 'ol', 'conflicts');
    for (const c of plan.conflicts) {
      const li = el(doc, 'li', 'change');
      li.dataset.cell = c.id;
      const address = addresses[c.id];
      li.append(
        el(doc, 'span', 'name', `${cellName(c.id)}${address ? `（${address}）` : ''}：`),
        el(doc, 'span', 'from', shownValue(c.current)),
        doc.createTextNode(' → '),
        el(doc, 'span', 'to', shownValue(c.incoming)),
      );
      list.append(li);
    }
    children.push(list);
  }
  children.push(el(doc, 'p', undefined, plan.fills.length > 0 ? `${plan.fills.length} 个空白格将从文件填入。` : '没有需要填入的空白格。'));
  if (plan.unwritable > 0) children.push(el(doc, 'p', undefined, `另有 ${plan.unwritable} 格所在的表格在本模板中无法读取（表格被改动），不会填入。`));
  const option = (field: 'org' | 'year', text: string): HTMLElement => {
    const label = el(doc, 'label');
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.meta = field;
    label.append(box, doc.createTextNode(` ${text}`));
    return label;
  };
  if (plan.offer.org !== undefined) children.push(option('org', `填写机关名称“${plan.offer.org}”（模板中未填）`));
  if (plan.offer.year !== undefined) children.push(option('year', `填写报告年度 ${plan.offer.year}（模板中未填）`));
  children.push(...findingList(doc, pending.findings));
  const actions = el(doc, 'div', 'actions');
  actions.setAttribute('role', 'group');
  actions.setAttribute('aria-labelledby', title.id);
  if (plan.conflicts.length > 0) {
    actions.append(
      action(doc, 'import-overwrite', '全部替换'),
      action(doc, 'import-blanks-only', '只填空白格', { appearance: 'primary' }),
    );
  } else {
    actions.append(action(doc, 'import-blanks-only', '导入', { appearance: 'primary' }));
  }
  actions.append(action(doc, 'import-cancel', '取消'));
  children.push(actions);
  show(panel, 'ask', children);
}

export interface ImportOutcome {
  file: string;
  sourceSheet?: string;
  filled: number;
  replaced: number;
  /** Filled cells left as they were: not chosen for replacing, or changed while the user was deciding. */
  kept: number;
  meta: MetaWrite;
  findings: Finding[];
  /** Why the write failed, when it did. */
  error?: string;
}

export function renderOutcome(doc: Document, panel: HTMLElement, o: ImportOutcome): void {
  const from = fileLabel(o.file, o.sourceSheet);
  let text: string;
  if (o.error !== undefined) text = `未能从${from}导入：${o.error}`;
  else if (o.filled + o.replaced === 0 && o.meta.org === undefined && o.meta.year === undefined) {
    text = `${from}中没有需要填入本模板的数据，未修改任何单元格。`;
  } else {
    const parts = [`填入 ${o.filled} 个空白格`];
    if (o.replaced > 0) parts.push(`替换 ${o.replaced} 个已填写的格`);
    if (o.meta.org !== undefined) parts.push(`填写机关名称“${o.meta.org}”`);
    if (o.meta.year !== undefined) parts.push(`填写报告年度 ${o.meta.year}`);
    text = `已从${from}导入：${parts.join('，')}。`;
  }
  if (o.error === undefined && o.kept > 0) text += `${o.kept} 个已填写的格保持原值。`;
  show(panel, o.error === undefined ? 'done' : 'error', [el(doc, 'p', undefined, text), ...findingList(doc, o.findings)]);
}

export function renderImportMessage(doc: Document, panel: HTMLElement, state: 'cancelled' | 'error', text: string, findings: readonly Finding[] = []): void {
  show(panel, state, [el(doc, 'p', undefined, text), ...findingList(doc, findings)]);
}
