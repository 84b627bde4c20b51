/// <reference types="office-js" />
/**
 * The task pane, for now: insert the template (body and year), and check the active template
 * sheet, showing a summary and the findings. Issue 4 grows it into the full checking pane.
 *
 * Everything that comes from the workbook is shown with textContent: a cell may hold any text.
 */
import { equationCount, checkGridReport } from '../core/engine';
import { Finding, countBySeverity } from '../core/findings';
import { parseYear } from '../core/grid';
import { SEVERITY_NAME, locationOf, renderFinding } from '../core/render';
import { PASS_MARK } from '../core/sheet';
import { readTemplateSheet } from '../excel/read';
import { insertTemplate, showSheet } from '../excel/template';
import { watchEdits } from '../excel/watch';
import { Notice, announce, currentChoice, describeError, onNotice, setChoice } from './session';

export interface PaneHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Findings shown at most; the rest are counted. */
export const MAX_SHOWN = 100;

interface Elements {
  org: HTMLElement & { value?: string };
  year: HTMLElement & { value?: string };
  insert: HTMLElement;
  check: HTMLElement;
  notice: HTMLElement;
  summary: HTMLElement;
  findings: HTMLElement;
}

function elements(doc: Document): Elements {
  const get = (id: string): HTMLElement => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`taskpane.html lacks #${id}`);
    return el;
  };
  return { org: get('org'), year: get('year'), insert: get('insert'), check: get('check'), notice: get('notice'), summary: get('summary'), findings: get('findings') };
}

const valueOf = (el: { value?: string }): string => String(el.value ?? '').trim();

function button(doc: Document, text: string, onClick: () => void, primary = false): HTMLElement {
  const b = doc.createElement('fluent-button');
  if (primary) b.setAttribute('appearance', 'primary');
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

export class Pane {
  private readonly el: Elements;
  private shown: string | null = null;
  private busy = false;

  constructor(
    private readonly doc: Document,
    private readonly host: PaneHost,
  ) {
    this.el = elements(doc);
    const choice = currentChoice();
    this.el.org.value = choice.org;
    this.el.year.value = choice.year === null ? '' : String(choice.year);
    this.el.insert.addEventListener('click', () => void this.insert(false));
    this.el.check.addEventListener('click', () => void this.check());
    onNotice((n) => this.showNotice(n));
  }

  /** Re-checks the shown sheet when someone edits the workbook. */
  async watch(): Promise<void> {
    await this.host.run((context) => watchEdits(context, () => void (this.shown !== null && this.check(this.shown))));
  }

  private choice(): { org: string; year: number | null } | null {
    const yearText = valueOf(this.el.year);
    const year = parseYear(yearText);
    if (yearText !== '' && year === null) {
      this.say('error', `报告年度“${yearText}”无效，应为四位年份，如 ${currentChoice().year ?? 2024}`);
      return null;
    }
    const c = { org: valueOf(this.el.org), year };
    setChoice(c);
    return c;
  }

  async insert(force: boolean): Promise<void> {
    const c = this.choice();
    if (!c || this.busy) return;
    this.busy = true;
    try {
      const result = await this.host.run((context) => insertTemplate(context, { ...c, force }));
      if (result.status === 'exists') announce({ kind: 'exists', sheet: result.sheet, ...c });
      else {
        announce({ kind: 'inserted', sheet: result.sheet });
        await this.check(result.sheet);
      }
    } catch (e) {
      announce({ kind: 'error', message: `插入年报模板失败：${describeError(e)}` });
    } finally {
      this.busy = false;
    }
  }

  async check(sheet?: string): Promise<void> {
    try {
      const read = await this.host.run((context) => readTemplateSheet(context, sheet));
      if (!read.isTemplate) {
        this.shown = null;
        this.showFindings(`工作表“${read.sheet}”不是年报模板：请先插入年报模板，或切换到模板工作表后再校验。`, []);
        return;
      }
      this.shown = read.sheet;
      const findings = checkGridReport(read);
      const { errors, warnings } = countBySeverity(findings);
      const summary =
        findings.length === 0 ? `${PASS_MARK} 全部勾稽关系通过（${equationCount()}条）` : `“${read.sheet}”：${errors} 个错误，${warnings} 个提示`;
      this.showFindings(summary, findings);
    } catch (e) {
      this.showFindings(`校验未能完成：${describeError(e)}`, []);
    }
  }

  private say(kind: 'info' | 'error', text: string, actions: HTMLElement[] = []): void {
    const n = this.el.notice;
    n.replaceChildren();
    n.className = `notice ${kind}`;
    const p = this.doc.createElement('p');
    p.textContent = text;
    n.append(p, ...actions);
    n.hidden = false;
  }

  showNotice(notice: Notice): void {
    if (notice.kind === 'inserted') {
      this.say('info', `已插入工作表“${notice.sheet}”。请在黄色格中填写数字，无数据填0；表格旁的校验格显示“✓”或差额。`);
    } else if (notice.kind === 'exists') {
      this.el.org.value = notice.org;
      this.el.year.value = notice.year === null ? '' : String(notice.year);
      this.say('info', `本工作簿已有${notice.year ?? ''}年度的年报模板（工作表“${notice.sheet}”）。`, [
        button(this.doc, '转到该工作表', () => void this.goTo(notice.sheet), true),
        button(this.doc, '仍然插入新模板', () => void this.insert(true)),
      ]);
    } else {
      this.say('error', notice.message);
    }
  }

  private async goTo(sheet: string): Promise<void> {
    try {
      await this.host.run((context) => showSheet(context, sheet));
      this.el.notice.hidden = true;
      await this.check(sheet);
    } catch (e) {
      this.say('error', describeError(e));
    }
  }

  private showFindings(summary: string, findings: readonly Finding[]): void {
    this.el.summary.textContent = summary;
    this.el.summary.className = findings.some((f) => f.severity === 'error') ? 'summary fail' : 'summary';
    const list = this.el.findings;
    list.replaceChildren();
    // Errors first: a fresh template's blank-cell notes must not push them out of sight.
    const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
    for (const f of ordered.slice(0, MAX_SHOWN)) {
      const li = this.doc.createElement('li');
      li.className = f.severity;
      const badge = this.doc.createElement('span');
      badge.className = 'badge';
      badge.textContent = SEVERITY_NAME[f.severity];
      const where = this.doc.createElement('span');
      where.className = 'where';
      where.textContent = locationOf(f);
      const what = this.doc.createElement('p');
      what.textContent = renderFinding(f);
      li.append(badge, where, what);
      list.append(li);
    }
    if (findings.length > MAX_SHOWN) {
      const li = this.doc.createElement('li');
      li.className = 'more';
      li.textContent = `另有 ${findings.length - MAX_SHOWN} 条未列出`;
      list.append(li);
    }
  }
}
