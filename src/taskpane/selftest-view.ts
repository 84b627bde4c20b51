/**
 * The 环境自检 results as the user sees them: one line per item with ✓ or ✗ and what the probe saw
 * (on failure the error code and message), a tally, a 复制报告 button and, where the host can save
 * a file, 保存为 .txt. Shared by the Excel pane, the preview and the WPS add-in; host-free.
 *
 * Every text (an error message can quote anything) goes in through textContent, never as HTML.
 */
import { selfTestReport, type ProbeResult } from '../selftest/run';
import { button, el } from './dom';

export interface SelfTestViewOptions {
  /**
   * Optional: saves the report as a text file; resolves (or returns) false when the host could
   * not. Without it there is no 保存为 .txt button.
   */
  saveText?: (text: string, fileName: string) => boolean | Promise<boolean>;
  /** The file name offered to saveText (default 环境自检报告.txt). */
  fileName?: string;
}

export type CopyOutcome = 'copied' | 'selected';

/**
 * Copies text: the async clipboard where the page may use it, else a selected textarea and the
 * copy command. Where both are refused (some Office web views allow neither), the textarea stays
 * in `container` with the text selected so the user can press Ctrl+C; resolves 'selected' then.
 */
export async function copyText(doc: Document, text: string, container: HTMLElement): Promise<CopyOutcome> {
  const clipboard = doc.defaultView?.navigator?.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return 'copied';
    } catch {
      /* not allowed here: fall back to a selection */
    }
  }
  let area = container.querySelector<HTMLTextAreaElement>('textarea.nb-selftest-copy');
  if (!area) {
    area = doc.createElement('textarea');
    area.className = 'nb-selftest-copy text-input';
    area.readOnly = true;
    area.rows = 8;
    area.setAttribute('aria-label', '自检报告');
    container.appendChild(area);
  }
  area.value = text;
  area.hidden = false;
  area.focus();
  area.select();
  let copied = false;
  try {
    copied = typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    copied = false;
  }
  if (copied) {
    area.hidden = true;
    return 'copied';
  }
  return 'selected';
}

export class SelfTestView {
  private readonly list: HTMLUListElement;
  private readonly tally: HTMLParagraphElement;
  private readonly actions: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private report = '';

  constructor(
    private readonly doc: Document,
    private readonly container: HTMLElement,
    private readonly options: SelfTestViewOptions = {},
  ) {
    this.tally = el(doc, 'p', 'nb-selftest-tally');
    this.tally.setAttribute('role', 'status');
    this.list = el(doc, 'ul', 'nb-selftest-list');
    this.actions = el(doc, 'div', 'nb-selftest-actions');
    this.actions.hidden = true;
    this.status = el(doc, 'p', 'note nb-selftest-status');
    this.status.setAttribute('role', 'status');
    this.status.hidden = true;
    const copy = button(doc, '复制报告', { size: 'small' });
    copy.setAttribute('data-selftest', 'copy');
    copy.addEventListener('click', () => void this.copy());
    this.actions.appendChild(copy);
    if (options.saveText) {
      const save = button(doc, '保存为 .txt', { size: 'small' });
      save.setAttribute('data-selftest', 'save');
      save.addEventListener('click', () => void this.save());
      this.actions.appendChild(save);
    }
    container.replaceChildren(this.tally, this.list, this.actions, this.status);
  }

  /** Clears earlier results and says the self-test is running. */
  begin(count: number): void {
    this.report = '';
    this.list.replaceChildren();
    this.actions.hidden = true;
    this.status.hidden = true;
    this.tally.textContent = `正在自检（共 ${count} 项）…`;
    this.container.setAttribute('aria-busy', 'true');
  }

  /** One finished item: ✓ or ✗, its title and what the probe saw. */
  result(r: ProbeResult): void {
    const item = el(this.doc, 'li', r.ok ? 'nb-selftest-item ok' : 'nb-selftest-item failed');
    item.setAttribute('data-probe', r.id);
    const mark = el(this.doc, 'span', 'nb-selftest-mark', r.ok ? '✓' : '✗');
    mark.setAttribute('aria-label', r.ok ? '通过' : '未通过');
    item.append(mark, el(this.doc, 'span', 'nb-selftest-title', r.title));
    if (r.detail !== '') item.appendChild(el(this.doc, 'span', 'nb-selftest-detail', r.detail));
    this.list.appendChild(item);
  }

  /** All items done: the tally, and the report ready to copy or save. */
  done(environment: Array<[string, string]>, results: ProbeResult[]): string {
    if (this.list.children.length !== results.length) {
      this.list.replaceChildren();
      for (const r of results) this.result(r);
    }
    const failed = results.filter((r) => !r.ok).length;
    this.tally.textContent =
      failed === 0 ? `自检完成：${results.length} 项全部通过。` : `自检完成：${failed} 项未通过（共 ${results.length} 项）。请点“复制报告”，发给维护人员。`;
    this.tally.className = failed === 0 ? 'nb-selftest-tally ok' : 'nb-selftest-tally failed';
    this.container.removeAttribute('aria-busy');
    this.report = selfTestReport(environment, results);
    this.actions.hidden = false;
    return this.report;
  }

  /** A sentence under the results (why the self-test could not run, what it touched). */
  say(text: string): void {
    this.status.textContent = text;
    this.status.hidden = text === '';
  }

  /** The last report, '' before the first run finished. */
  text(): string {
    return this.report;
  }

  async copy(): Promise<CopyOutcome | null> {
    if (this.report === '') return null;
    const outcome = await copyText(this.doc, this.report, this.container);
    this.say(outcome === 'copied' ? '报告已复制，可粘贴到邮件或即时消息中。' : '未能自动复制：报告已在上面的文本框中选中，请按 Ctrl+C（Mac 上按 ⌘+C）复制。');
    return outcome;
  }

  async save(): Promise<boolean> {
    if (this.report === '' || !this.options.saveText) return false;
    const name = this.options.fileName ?? '环境自检报告.txt';
    let saved = false;
    try {
      saved = await this.options.saveText(this.report, name);
    } catch {
      saved = false;
    }
    this.say(saved ? `已提交下载“${name}”；如果没有看到文件，请改用“复制报告”。` : '此环境不允许加载项保存文件，请改用“复制报告”。');
    return saved;
  }
}

/** Runs-and-draws in one call for a host that has all results at once. */
export function renderSelfTest(
  doc: Document,
  container: HTMLElement,
  environment: Array<[string, string]>,
  results: ProbeResult[],
  options: SelfTestViewOptions = {},
): SelfTestView {
  const view = new SelfTestView(doc, container, options);
  view.begin(results.length);
  for (const r of results) view.result(r);
  view.done(environment, results);
  return view;
}
