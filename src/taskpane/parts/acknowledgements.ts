/**
 * Acknowledgements (说明): a warning kept with a reason, stored in the workbook by the host so it
 * travels with the file. The reason being typed (the draft) survives re-checks.
 */
import type { Acknowledgement } from '../../host/contract';
import type { Draft } from '../findings-view';
import { PaneContext, valueOf } from '../part';
import { describeError } from '../session';
import { undoNote } from '../undo-note';
import type { Checking } from './checking';

export class Acknowledgements {
  list: Acknowledgement[] = [];
  draft: Draft | null = null;

  constructor(
    private readonly ctx: PaneContext,
    private readonly checking: Checking,
  ) {}

  /** Loads what the workbook keeps. Inside exclusive(). */
  async load(): Promise<void> {
    this.list = await this.ctx.host.loadAcknowledgements().catch(() => []);
  }

  /** The list's acknowledgement controls; false for any other action. */
  onAction(action: string, li: HTMLElement): boolean {
    const key = li.dataset.key;
    switch (action) {
      case 'acknowledge':
        this.draft = { key: key!, text: '' };
        this.ctx.render();
        return true;
      case 'save-acknowledgement':
        void this.save(li);
        return true;
      case 'cancel-acknowledgement':
        this.draft = null;
        this.ctx.render();
        return true;
      case 'withdraw-acknowledgement':
        void this.withdraw(key);
        return true;
      default:
        return false;
    }
  }

  /** Enter saves the reason being typed, Escape drops it. */
  onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (!target.closest('[data-role="reason"]')) return;
    const li = target.closest('li') as HTMLElement;
    if (e.key === 'Enter') {
      e.preventDefault();
      void this.save(li);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.draft = null;
      this.ctx.render();
    }
  }

  private async save(li: HTMLElement): Promise<void> {
    const item = this.checking.item(li.dataset.key);
    const sheet = this.ctx.shown;
    if (!item || item.kind !== 'finding' || sheet === null) return;
    const input = li.querySelector('[data-role="reason"]') as (HTMLElement & { value?: string }) | null;
    const reason = valueOf(input ?? {});
    if (reason === '') {
      this.draft = { key: item.key, text: '', error: '请填写说明理由' };
      this.ctx.render();
      return;
    }
    const ack: Acknowledgement = { fingerprint: item.fingerprint, sheet, reason, at: this.ctx.now().toISOString() };
    this.draft = null;
    await this.change([...this.list.filter((a) => !(a.sheet === sheet && a.fingerprint === item.fingerprint)), ack], '说明已保存在工作簿中。');
  }

  private async withdraw(key: string | undefined): Promise<void> {
    const item = this.checking.item(key);
    const sheet = this.ctx.shown;
    if (!item || item.kind !== 'finding' || sheet === null) return;
    await this.change(
      this.list.filter((a) => !(a.sheet === sheet && a.fingerprint === item.fingerprint)),
      '说明已从工作簿中撤销。',
    );
  }

  /** Keeps `next` in the workbook; `done` is what was done, said when the write cleared undo. */
  private change(next: Acknowledgement[], done: string): Promise<void> {
    return this.ctx.exclusive(async () => {
      this.list = next;
      this.ctx.render();
      try {
        await this.ctx.host.saveAcknowledgements(this.list);
        // Kept in the workbook: a write like any other, so an Excel without ExcelUndoApiAll has just cleared undo.
        const undo = undoNote(this.ctx.host);
        if (undo !== '') this.ctx.note(`${done}${undo}`);
      } catch (e) {
        this.ctx.note(`说明未能保存到工作簿：${describeError(e)}`);
      }
    });
  }
}
