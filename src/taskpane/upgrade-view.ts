/**
 * The offer to upgrade a template inserted by the earlier version of the add-in (runtime marks
 * tagged nianbao:mark) to the template's own conditional formats, once (src/excel/upgrade.ts).
 * It says before the user chooses that the undo history is cleared this once, and after, what
 * was done; old marks that could not be read are left for the user to remove by hand.
 *
 * Its own element, made here and put before the summary: the pane only calls `show(sheet)` with
 * the sheet it shows, inside its one-at-a-time host queue, and passes that queue for the click.
 */
import type { UpgradeOutcome, UpgradeState, WorkbookHost } from '../host/contract';
import { action, el } from './dom';
import { describeError } from './session';

export const UPGRADE_OFFER =
  '本表由旧版加载项插入，问题格由加载项临时标红。升级后，标红规则写入表格本身：不装加载项、在 WPS 中也能看到，校验时加载项不再改动工作表。升级需要暂时撤销工作表保护，会清空一次撤销记录（仅此一次），完成后恢复保护。';

type Run = <T>(task: () => Promise<T>) => Promise<T>;

export function describeUpgrade(outcome: UpgradeOutcome): string {
  const done = `已升级：删除旧标记 ${outcome.removed} 条，加入表格自带的标红规则 ${outcome.added} 条。`;
  if (outcome.notRemoved) {
    return `${done}另有 ${outcome.notRemoved} 条旧标记 Excel 未能删除：如仍有不该标红的格，请在“开始 > 条件格式 > 管理规则”中删除公式为 =ISTEXT("nianbao:mark") 的规则。工作表保护已恢复。`;
  }
  if (!outcome.unreadable) return done;
  return `${done}Excel 未能列出本表的条件格式，旧标记未删除：如仍有不该标红的格，请在“开始 > 条件格式 > 管理规则”中删除公式为 =ISTEXT("nianbao:mark") 的规则。`;
}

export class UpgradeOffer {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly button: HTMLElement;
  /** What each sheet was found to need, asked once per sheet and session. */
  private readonly known = new Map<string, UpgradeState | 'done'>();
  private sheet: string | null = null;

  constructor(
    private readonly doc: Document,
    private readonly host: WorkbookHost,
    before: HTMLElement,
    private readonly run: Run,
    /** After an upgrade: check the sheet again. */
    private readonly after: () => Promise<void>,
  ) {
    this.element = el(doc, 'div', 'upgrade note');
    this.element.id = 'upgrade';
    this.element.setAttribute('role', 'status');
    this.element.hidden = true;
    this.text = el(doc, 'p', 'upgrade-text');
    this.button = action(doc, 'upgrade-template', '升级本表', { appearance: 'primary' });
    this.element.append(this.text, this.button);
    before.parentElement?.insertBefore(this.element, before);
    this.button.addEventListener('click', () => {
      if (!this.button.hasAttribute('disabled')) void this.upgrade();
    });
  }

  /** Shows the offer for this sheet when it needs the upgrade; asks the host once per sheet. Runs in the caller's host queue. */
  async show(sheet: string | null): Promise<void> {
    this.sheet = sheet;
    if (sheet === null || !this.host.upgradeState || !this.host.upgrade) return this.hide();
    let state = this.known.get(sheet);
    if (state === undefined) {
      state = await this.host.upgradeState(sheet).catch((): UpgradeState => 'unknown');
      this.known.set(sheet, state);
    }
    if (state !== 'needed') {
      if (state !== 'done') this.hide();
      return;
    }
    this.text.textContent = UPGRADE_OFFER;
    this.button.hidden = false;
    this.button.removeAttribute('disabled');
    this.element.hidden = false;
  }

  private hide(): void {
    this.element.hidden = true;
  }

  private async upgrade(): Promise<void> {
    const sheet = this.sheet;
    if (sheet === null || !this.host.upgrade) return;
    this.button.setAttribute('disabled', '');
    try {
      const outcome = await this.run(() => this.host.upgrade!(sheet));
      this.known.set(sheet, 'done');
      this.text.textContent = describeUpgrade(outcome);
      this.button.hidden = true;
    } catch (e) {
      // No error text is looked at: a sheet protected with a password is the likely cause, and the sentence says so.
      this.text.textContent = `升级未能完成：${describeError(e)}。如工作表设有保护密码，请先在“审阅 > 撤销工作表保护”中撤销保护后再试。`;
      this.button.removeAttribute('disabled');
      return;
    }
    await this.after();
  }
}
