/**
 * The findings list and the summary as DOM, from a CheckView. Everything that may come from a
 * workbook (cell text inside messages, sheet names, reasons) is set with textContent only.
 *
 * The data attributes are a contract with the in-page preview's end-to-end tests:
 * summary  data-errors, data-warnings (open warnings), data-acknowledged;
 * finding  data-rule, data-severity, data-cells (this year's cell ids, space-separated),
 *          data-key (stable while the finding stays the same), data-acknowledged;
 * buttons  data-action = apply-suggestion | acknowledge | save-acknowledgement |
 *          cancel-acknowledgement | withdraw-acknowledgement | select-cells.
 */
import { action, el } from './dom';
import { SEVERITY_NAME } from '../core/render';
import type { CheckView, FindingItem, Group, Item } from './model';

/** The reason being typed for an acknowledgement: kept across re-renders. */
export interface Draft {
  key: string;
  text: string;
  error?: string;
}


export function renderSummary(summary: HTMLElement, view: CheckView): void {
  summary.textContent = view.summary;
  summary.className = view.errors > 0 ? 'summary fail' : 'summary';
  summary.dataset.errors = String(view.errors);
  summary.dataset.warnings = String(view.warnings);
  summary.dataset.acknowledged = String(view.acknowledged);
}

export function clearSummary(summary: HTMLElement, text: string): void {
  summary.textContent = text;
  summary.className = 'summary idle';
  delete summary.dataset.errors;
  delete summary.dataset.warnings;
  delete summary.dataset.acknowledged;
}

/**
 * Finding elements of the last render, by what they show: a re-check after one edit changes one
 * or two findings, so the others are moved, not rebuilt (building is most of a check's time).
 * Handlers are delegated to the container, so a moved element needs nothing more.
 */
const rendered = new WeakMap<HTMLElement, Map<string, HTMLElement>>();

export function renderFindings(doc: Document, container: HTMLElement, view: CheckView, draft: Draft | null): void {
  const previous = rendered.get(container) ?? new Map<string, HTMLElement>();
  const next = new Map<string, HTMLElement>();
  const item = (i: Item): HTMLElement => {
    // An item whose reason is being typed is always drawn afresh, with the draft in it.
    if (draft?.key === i.key) return itemElement(doc, i, draft);
    const signature = JSON.stringify(i);
    const li = previous.get(signature) ?? itemElement(doc, i, null);
    next.set(signature, li);
    return li;
  };
  container.replaceChildren(...view.groups.map((g) => group(doc, g, item)));
  rendered.set(container, next);
}

function group(doc: Document, g: Group, item: (i: Item) => HTMLElement): HTMLElement {
  const section = el(doc, 'section', 'group');
  section.dataset.table = g.table ?? '';
  const h = el(doc, 'h3', undefined, g.name);
  const counts: string[] = [];
  if (g.errors) counts.push(`${g.errors} 处错误`);
  if (g.warnings) counts.push(`${g.warnings} 处提示`);
  if (g.acknowledged) counts.push(`${g.acknowledged} 处已说明`);
  h.append(el(doc, 'span', 'counts', counts.join('，')));
  const list = el(doc, 'ol');
  for (const i of g.items) list.append(item(i));
  section.append(h, list);
  if (g.more > 0) section.append(el(doc, 'p', 'more', `另有 ${g.more} 条未列出：请先处理上面的问题`));
  return section;
}

function itemElement(doc: Document, item: Item, draft: Draft | null): HTMLElement {
  const li = el(doc, 'li');
  li.dataset.key = item.key;
  li.dataset.cells = item.cells.join(' ');
  if (item.kind === 'blanks') {
    li.className = 'finding warning blanks';
    li.dataset.rule = 'cell.blank';
    li.dataset.severity = 'warning';
    li.dataset.count = String(item.cells.length);
    li.dataset.acknowledged = 'false';
    const head = el(doc, 'div', 'head');
    head.append(el(doc, 'span', 'badge', SEVERITY_NAME.warning), el(doc, 'span', 'title', '空白格'));
    li.append(head, where(doc, '在表中选中这些格'), el(doc, 'p', 'message', item.message));
    return li;
  }
  return findingElement(doc, item, draft);
}

function where(doc: Document, text: string): HTMLElement {
  const b = el(doc, 'button', 'where', text);
  b.type = 'button';
  b.dataset.action = 'select-cells';
  return b;
}

function findingElement(doc: Document, item: FindingItem, draft: Draft | null): HTMLElement {
  const f = item.finding;
  const li = el(doc, 'li', `finding ${f.severity}${item.acknowledgement ? ' acknowledged' : ''}`);
  li.dataset.key = item.key;
  li.dataset.rule = f.rule;
  li.dataset.severity = f.severity;
  li.dataset.cells = item.cells.join(' ');
  li.dataset.acknowledged = item.acknowledgement ? 'true' : 'false';

  const head = el(doc, 'div', 'head');
  head.append(el(doc, 'span', 'badge', item.acknowledgement ? '已说明' : SEVERITY_NAME[f.severity]), el(doc, 'span', 'title', item.title));
  li.append(head);
  if (item.cells.length > 0) li.append(where(doc, item.location));
  else li.append(el(doc, 'span', 'note', item.location));
  li.append(el(doc, 'p', 'message', item.message));

  if (item.figures.length > 0) {
    // Last year's figures beside this year's, where a cross-year rule finds them different.
    const dl = el(doc, 'dl', 'figures');
    for (const fig of item.figures) dl.append(el(doc, 'dt', fig.year, fig.label), el(doc, 'dd', fig.year, fig.value));
    li.append(dl);
  }

  if (item.suggestion) {
    const box = el(doc, 'div', 'suggestion');
    box.append(el(doc, 'p', undefined, item.suggestion.text), action(doc, 'apply-suggestion', '按建议修改', { appearance: 'primary', size: 'small' }));
    li.append(box);
  }

  if (item.acknowledgement) {
    const box = el(doc, 'div', 'ack');
    box.append(el(doc, 'p', undefined, `说明：${item.acknowledgement.reason}`), action(doc, 'withdraw-acknowledgement', '撤销说明', { appearance: 'subtle', size: 'small' }));
    li.append(box);
  } else if (item.canAcknowledge) {
    if (draft?.key === item.key) li.append(ackForm(doc, draft));
    else li.append(action(doc, 'acknowledge', '填写说明…', { appearance: 'subtle', size: 'small' }));
  }
  return li;
}

function ackForm(doc: Document, draft: Draft): HTMLElement {
  const form = el(doc, 'div', 'ack-form');
  form.setAttribute('role', 'group');
  form.setAttribute('aria-label', '说明此提示');
  const label = el(doc, 'label', 'field', '说明理由（保存在工作簿中）');
  const input = el(doc, 'input', 'text-input');
  input.type = 'text';
  input.dataset.role = 'reason';
  input.maxLength = 200;
  input.placeholder = '如：废止的文件为统计起点之前制发';
  input.value = draft.text;
  label.append(input);
  form.append(label);
  if (draft.error) form.append(el(doc, 'p', 'error', draft.error));
  form.append(action(doc, 'save-acknowledgement', '保存说明', { appearance: 'primary', size: 'small' }), action(doc, 'cancel-acknowledgement', '取消', { size: 'small' }));
  return form;
}
