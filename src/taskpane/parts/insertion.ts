/**
 * Inserting the template (插入年报模板): the body and year, the insertion, and the notices that
 * follow it — from the pane's own button and from the ribbon button, which shares this runtime.
 */
import { parseYear } from '../../core/grid';
import { button } from '../dom';
import { PaneContext, elements, valueOf } from '../part';
import { Notice, announce, currentChoice, describeError, setChoice } from '../session';

const IDS = ['org', 'year', 'insert', 'insert-section', 'notice'] as const;

/**
 * Inserting protects the new sheet, and protection is among the "Unsupported APIs" of "Undo
 * capabilities with the Excel JavaScript API" on every platform: the undo history goes, once.
 */
export const INSERT_UNDO_NOTE = '插入模板会清空一次撤销记录（工作表保护不能撤销），此前的操作无法再用 Ctrl+Z 撤销。';

function noticeButton(doc: Document, text: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = button(doc, text, primary ? { appearance: 'primary' } : {});
  b.addEventListener('click', onClick);
  return b;
}

export class Insertion {
  private readonly el;
  /** The notice asks for something (an error, a template that exists): its section stays open. */
  private asking = false;

  constructor(
    private readonly ctx: PaneContext,
    /** Shows a sheet just inserted or asked for (Pane.refresh). */
    private readonly show: (sheet: string) => Promise<void>,
  ) {
    this.el = elements(ctx.doc, IDS);
    const choice = currentChoice();
    this.el.org.value = choice.org;
    this.el.year.value = choice.year === null ? '' : String(choice.year);
    this.el.insert.addEventListener('click', () => void this.insert(false));
  }

  /**
   * The templates were looked up: the section is open while there is none or its notice asks for
   * something, and folds away once a template is checked (the findings come first).
   */
  templatesChanged(count: number): void {
    this.el['insert-section'].open = count === 0 || (this.asking && !this.el.notice.hidden);
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

  /** Inserts the template (the 插入年报模板 button); the notice that follows shows and checks it. */
  insert(force: boolean): Promise<void> {
    const c = this.choice();
    if (!c) return Promise.resolve();
    return this.ctx.exclusive(async () => {
      try {
        const result = await this.ctx.host.insertTemplate({ ...c, force });
        if (result.status === 'exists') announce({ kind: 'exists', sheet: result.sheet, ...c });
        else announce({ kind: 'inserted', sheet: result.sheet });
      } catch (e) {
        announce({ kind: 'error', message: `插入年报模板失败：${describeError(e)}` });
      }
    });
  }

  private say(kind: 'info' | 'error', text: string, actions: HTMLElement[] = []): void {
    const n = this.el.notice;
    n.replaceChildren();
    n.className = `notice ${kind}`;
    const p = this.ctx.doc.createElement('p');
    p.textContent = text;
    n.append(p, ...actions);
    n.hidden = false;
    this.asking = kind === 'error' || actions.length > 0;
    this.el['insert-section'].open = true;
  }

  /** Notices from the pane's own insertion and from the ribbon button. */
  showNotice(notice: Notice): void {
    if (notice.kind === 'inserted') {
      this.say('info', `已插入工作表“${notice.sheet}”。请在黄色格中填写数字，无数据填0；表格旁的校验格显示“✓”或差额。${this.ctx.host.kind === 'excel' ? INSERT_UNDO_NOTE : ''}`);
      void this.show(notice.sheet);
    } else if (notice.kind === 'exists') {
      this.el.org.value = notice.org;
      this.el.year.value = notice.year === null ? '' : String(notice.year);
      this.say('info', `本工作簿已有${notice.year ?? ''}年度的年报模板（工作表“${notice.sheet}”）。`, [
        noticeButton(this.ctx.doc, '转到该工作表', () => void this.goTo(notice.sheet), true),
        noticeButton(this.ctx.doc, '仍然插入新模板', () => void this.insert(true)),
      ]);
    } else if (notice.kind === 'error') {
      this.say('error', notice.message);
    }
  }

  private goTo(sheet: string): Promise<void> {
    return this.ctx.exclusive(async () => {
      try {
        await this.ctx.host.activate(sheet);
        this.el.notice.hidden = true;
        await this.ctx.refreshNow(sheet);
      } catch (e) {
        this.say('error', describeError(e));
      }
    });
  }
}
