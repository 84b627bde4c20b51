/**
 * When the pane checks: after every burst of edits (live), or only on request — 重新校验, and
 * whenever the pane is shown again — where live checking may cost the user's undo history.
 *
 * Excel without ExcelUndoApiAll (Excel 2021 and 2024 LTSC, Microsoft 365 builds before about
 * 2504, older Mac builds): the documentation long said that any application-specific API call
 * clears the undo stack, lifted only with ExcelUndoApiAll (ExcelApi 1.19), and a report on
 * office-js#2543 has merely adding an event listener clear it. So there the pane adds no
 * worksheet listener and reads only when asked, and says so; the user may still choose live
 * checking (the checkbox), knowing the cost. Hosts that keep undo (or say nothing) check live.
 *
 * The native check cells and the red and amber marks live in the workbook and update as the
 * user types in every case: only the pane's list waits.
 */
import type { EditBurst } from '../../host/contract';
import { PaneContext, elements } from '../part';

const IDS = ['check-mode', 'live-check', 'live-check-label'] as const;

export const ON_DEMAND =
  '此版本的 Excel 不支持 ExcelUndoApiAll：加载项读取工作表也可能清空撤销记录（Ctrl+Z），所以窗格不在每次编辑后自动校验。填写告一段落时请点“重新校验”；重新打开本窗格时也会校验一次。表格旁的校验格和红黄标记不受影响，始终随填写更新。';

export const LIVE_DESPITE_UNDO = '已选择每次编辑后自动校验：在此版本的 Excel 中，这可能清空撤销记录（Ctrl+Z）。';

const LIVE_KEY = 'nianbao.liveCheck';

function storage(doc: Document): Storage | null {
  try {
    return doc.defaultView?.localStorage ?? null;
  } catch {
    return null;
  }
}

export interface CheckModeHooks {
  onBurst(burst: EditBurst): void;
  onActivated(sheet: string): void;
  /** The pane was shown again (on-demand mode): check the template in view. */
  onShown(): void;
}

export class CheckMode {
  private readonly el;
  private stops: (() => Promise<void>)[] = [];
  /** The choice made in this session (kept even where storage is blocked). */
  private chosen: boolean | null = null;

  constructor(
    private readonly ctx: PaneContext,
    private readonly hooks: CheckModeHooks,
  ) {
    this.el = elements(ctx.doc, IDS);
    const box = this.el['live-check'] as HTMLInputElement;
    box.checked = this.optedIn();
    box.addEventListener('change', () => void this.choose(box.checked));
  }

  /** Whether this host's reads may clear the user's undo history. */
  get undoAtRisk(): boolean {
    return this.ctx.host.writesKeepUndo?.() === false;
  }

  private optedIn(): boolean {
    if (this.chosen !== null) return this.chosen;
    try {
      return storage(this.ctx.doc)?.getItem(LIVE_KEY) === '1';
    } catch {
      return false;
    }
  }

  /** Checking after every edit: where undo is safe, or where the user chose it. */
  get live(): boolean {
    return !this.undoAtRisk || this.optedIn();
  }

  /** Listens as the mode says, and says in the pane how the pane checks. */
  async attach(): Promise<void> {
    this.draw();
    try {
      if (this.live) {
        this.stops.push(await this.ctx.host.onEdit((burst) => this.hooks.onBurst(burst)));
        if (this.ctx.host.onActivate) this.stops.push(await this.ctx.host.onActivate((sheet) => this.hooks.onActivated(sheet)));
      } else if (this.ctx.host.onPaneShown) {
        this.stops.push(await this.ctx.host.onPaneShown(() => this.hooks.onShown()));
      }
    } catch {
      // Without events the pane still checks on request (重新校验).
    }
  }

  async stop(): Promise<void> {
    const stops = this.stops.splice(0);
    for (const s of stops) await s().catch(() => undefined);
  }

  private draw(): void {
    const line = this.el['check-mode'];
    const label = this.el['live-check-label'];
    label.hidden = !this.undoAtRisk;
    line.hidden = !this.undoAtRisk;
    line.textContent = !this.undoAtRisk ? '' : this.live ? LIVE_DESPITE_UNDO : ON_DEMAND;
  }

  private async choose(live: boolean): Promise<void> {
    this.chosen = live;
    try {
      const store = storage(this.ctx.doc);
      if (live) store?.setItem(LIVE_KEY, '1');
      else store?.removeItem(LIVE_KEY);
    } catch {
      /* a blocked storage keeps the choice for this session only */
    }
    await this.stop();
    await this.attach();
    if (live) this.hooks.onShown();
  }
}
