/**
 * Two choices about the workbook that the add-in never makes behind the user's back:
 *
 * - 问题清单: the findings block (=NIANBAO.CHECK under the tables). No template carries it by
 *   default: on Excel 2021 LTSC every recalculation of a shared-runtime custom function clears
 *   the undo history (office-js#2802; fixed only from about Version 2311). Where ExcelUndoApiAll
 *   is missing the pane says so before the user adds it.
 * - 随工作簿启动: the add-in's startup behaviour. A workbook set to load its add-in shows
 *   colleagues without it a trust prompt ("Managing trust options for Office Add-ins"), so it is
 *   set only when the user ticks the box (the insertion already turned the prompt off on Windows
 *   with Office.DisableTrustUX).
 *
 * Shown only where the host offers them. The block's state is asked once per sheet and session,
 * inside the pane's host queue, like the upgrade offer.
 */
import { withUndoNote } from '../undo-note';
import { PaneContext, elements, setDisabled } from '../part';
import { describeError } from '../session';

const IDS = ['options-section', 'block-option', 'block-note', 'block-toggle', 'block-status', 'startup-option', 'startup-toggle', 'startup-status'] as const;

export const BLOCK_NOTE = '问题清单在表格下方用自定义函数 NIANBAO.CHECK 列出全部问题（规则、位置、说明），随填写自动更新；没有安装加载项的电脑上，它只显示一句说明。不添加也不影响校验：表格旁的校验格、红黄标记和本窗格照常工作。';

export const BLOCK_UNDO_WARNING =
  '注意：此版本的 Excel 不支持 ExcelUndoApiAll（如 Excel 2021），添加问题清单后，表格每次重算都会清空撤销记录，填错了无法再用 Ctrl+Z 撤销。需要撤销时，请先移除问题清单。';

export class WorkbookOptions {
  private readonly el;
  private readonly known = new Map<string, boolean>();
  private startupKnown = false;

  constructor(private readonly ctx: PaneContext) {
    this.el = elements(ctx.doc, IDS);
    this.el['block-toggle'].addEventListener('click', () => void this.toggleBlock());
    const box = this.el['startup-toggle'] as HTMLInputElement;
    box.addEventListener('change', () => void this.setStartup(box.checked));
  }

  private get undoAtRisk(): boolean {
    return this.ctx.host.writesKeepUndo?.() === false;
  }

  /** Draws the choices for the shown sheet; asks the host what it needs once. Inside exclusive(). */
  async show(sheet: string | null): Promise<void> {
    const host = this.ctx.host;
    if (!this.startupKnown && host.opensWithWorkbook) {
      this.startupKnown = true;
      const on = await host.opensWithWorkbook().catch(() => null);
      this.el['startup-option'].hidden = on === null;
      (this.el['startup-toggle'] as HTMLInputElement).checked = on === true;
    }
    const blockable = sheet !== null && !!host.findingsBlock && !!host.setFindingsBlock;
    this.el['block-option'].hidden = !blockable;
    if (blockable) {
      let present = this.known.get(sheet);
      if (present === undefined) {
        present = await host.findingsBlock!(sheet).catch(() => false);
        this.known.set(sheet, present);
      }
      this.drawBlock(present);
    }
    this.el['options-section'].hidden = this.el['block-option'].hidden && this.el['startup-option'].hidden;
  }

  private drawBlock(present: boolean): void {
    this.el['block-note'].textContent = this.undoAtRisk ? `${BLOCK_NOTE}${BLOCK_UNDO_WARNING}` : BLOCK_NOTE;
    this.el['block-toggle'].textContent = present ? '移除问题清单' : '在表格下方添加问题清单';
  }

  private say(target: 'block-status' | 'startup-status', text: string): void {
    const p = this.el[target];
    p.textContent = text;
    p.hidden = text === '';
  }

  private toggleBlock(): Promise<void> {
    const button = this.el['block-toggle'];
    setDisabled(button, true);
    return this.ctx
      .exclusive(async () => {
        const sheet = this.ctx.shown;
        const host = this.ctx.host;
        if (sheet === null || !host.setFindingsBlock) return;
        const want = !this.known.get(sheet);
        try {
          const outcome = await host.setFindingsBlock(sheet, want);
          this.known.set(sheet, outcome.present);
          this.drawBlock(outcome.present);
          const done = outcome.present
            ? `已在“${sheet}”的表格下方添加问题清单。${this.undoAtRisk ? '此后表格每次重算都会清空撤销记录。' : ''}`
            : `已移除“${sheet}”的问题清单。`;
          const lifted = outcome.liftedProtection ? '本表由旧版加载项插入：为写入问题清单暂时撤销了工作表保护，已恢复，撤销记录已清空。' : '';
          this.say('block-status', lifted !== '' ? `${done}${lifted}` : withUndoNote(host, done));
        } catch (e) {
          this.say('block-status', `未能${want ? '添加' : '移除'}问题清单：${describeError(e)}`);
        }
      })
      .finally(() => setDisabled(button, false));
  }

  private setStartup(on: boolean): Promise<void> {
    const box = this.el['startup-toggle'] as HTMLInputElement;
    return this.ctx.exclusive(async () => {
      try {
        await this.ctx.host.setOpensWithWorkbook!(on);
        this.say(
          'startup-status',
          on ? '已设置：打开本工作簿时自动启动加载项，实时校验不必先打开窗格。请保存工作簿。' : '已取消：打开“年报校验”窗格时才启动加载项。请保存工作簿。',
        );
      } catch (e) {
        box.checked = !on;
        this.say('startup-status', `未能更改启动方式：${describeError(e)}`);
      }
    });
  }
}
