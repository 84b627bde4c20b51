/**
 * Acting on findings: a click on a finding selects its cells; a suggested fix and the quick fixes
 * (空白格填0, 重算总计) write only what they name, after reading again so that a value typed a
 * moment ago is never overwritten. The acknowledgement controls in the list go to their own part.
 */
import { cellName } from '../../core/tables';
import { formatNumber } from '../../core/render';
import { FindingItem, buildView } from '../model';
import { PaneContext, elements, isDisabled } from '../part';
import { describeError } from '../session';
import { withUndoNote } from '../undo-note';
import type { Checking } from './checking';
import type { Acknowledgements } from './acknowledgements';

const IDS = ['findings', 'fill-blanks', 'recompute-totals'] as const;

export class Findings {
  private readonly el;

  constructor(
    private readonly ctx: PaneContext,
    private readonly checking: Checking,
    private readonly acks: Acknowledgements,
  ) {
    this.el = elements(ctx.doc, IDS);
    this.el['fill-blanks'].addEventListener('click', (e) => !isDisabled(e.currentTarget as Element) && void this.quickFix('fill-blanks'));
    this.el['recompute-totals'].addEventListener('click', (e) => !isDisabled(e.currentTarget as Element) && void this.quickFix('recompute-totals'));
    this.el.findings.addEventListener('click', (e) => this.onClick(e));
    this.el.findings.addEventListener('keydown', (e) => this.acks.onKey(e));
  }

  private onClick(e: Event): void {
    const target = e.target as HTMLElement;
    const li = target.closest('li') as HTMLElement | null;
    if (!li || !this.el.findings.contains(li)) return;
    const key = li.dataset.key;
    const control = target.closest('[data-action]') as HTMLElement | null;
    if (control && isDisabled(control)) return;
    const action = control?.dataset.action;
    if (action === 'apply-suggestion') void this.applySuggestion(key);
    else if (action !== undefined && this.acks.onAction(action, li)) return;
    else if (action === 'select-cells' || action === undefined) {
      // A click anywhere on a finding selects its cells, but not one in its reason form (the box or its label).
      if (target.closest('.ack-form')) return;
      void this.selectCells(key);
    }
  }

  private selectCells(key: string | undefined): Promise<void> {
    const item = this.checking.item(key);
    const sheet = this.ctx.shown;
    if (!item || sheet === null || item.cells.length === 0) return Promise.resolve();
    return this.ctx.exclusive(() => this.ctx.host.select(sheet, item.cells)).catch((e) => this.ctx.note(`未能选中单元格：${describeError(e)}`));
  }

  /** A quick fix: read again first, so a value typed a moment ago is not overwritten, then write only what the fix names. */
  quickFix(kind: 'fill-blanks' | 'recompute-totals'): Promise<void> {
    return this.ctx.exclusive(async () => {
      if (this.ctx.shown === null) return;
      await this.ctx.readCurrent();
      const current = this.ctx.current;
      if (current === null) return this.ctx.render();
      const fresh = buildView(current, this.ctx.priorReport(), this.ctx.acknowledgements());
      const changes = kind === 'fill-blanks' ? fresh.fills : fresh.totals;
      if (changes.length > 0) {
        try {
          await this.ctx.host.write(current.sheet, changes);
          this.ctx.note(
            withUndoNote(
              this.ctx.host,
              kind === 'fill-blanks'
                ? `已把 ${changes.length} 个空白格填为 0。`
                : `已重算 ${changes.length} 个总计格：${changes.slice(0, 3).map((c) => `${cellName(c.cell)} 为 ${formatNumber(c.value)}`).join('；')}${changes.length > 3 ? ' 等' : ''}。`,
            ),
          );
        } catch (e) {
          this.ctx.note(`修改未能完成：${describeError(e)}`);
        }
        await this.ctx.readCurrent();
      }
      await this.ctx.update();
    });
  }

  private applySuggestion(key: string | undefined): Promise<void> {
    const item = this.checking.item(key) as FindingItem | undefined;
    const s = item?.suggestion;
    if (!s) return Promise.resolve();
    return this.ctx.exclusive(async () => {
      if (this.ctx.shown === null) return;
      const before = this.ctx.current?.report.cells[s.change.cell];
      await this.ctx.readCurrent();
      const current = this.ctx.current;
      if (current === null) return this.ctx.render();
      if (current.report.cells[s.change.cell] !== before) {
        this.ctx.note(`${cellName(s.change.cell)} 刚被修改过，建议已按新的数字重新计算，请再看一遍。`);
      } else {
        try {
          await this.ctx.host.write(current.sheet, [s.change]);
          this.ctx.note(withUndoNote(this.ctx.host, `已将 ${cellName(s.change.cell)} 改为 ${formatNumber(s.change.value)}。`));
        } catch (e) {
          this.ctx.note(`修改未能完成：${describeError(e)}`);
        }
        await this.ctx.readCurrent();
      }
      await this.ctx.update();
    });
  }
}
