/**
 * Checking: reads the shown template, checks it after each burst of edits (or on request, where
 * check-mode.ts says so), and shows the summary and the findings grouped by table. It never
 * writes: the red cells are the template's own conditional formats, which Excel evaluates
 * itself.
 *
 * Round trips: a check after a burst reads the sheet once (one sync in Excel); last year's sheet
 * is read only when its own burst says so.
 */
import { affectedRules } from '../../core/affected';
import type { EditBurst, SheetRead } from '../../host/contract';
import { clearSummary, renderFindings, renderSummary } from '../findings-view';
import { CheckView, FindingItem, Item, buildView } from '../model';
import { PaneContext, elements, setDisabled } from '../part';
import { describeError } from '../session';
import { measure, now } from '../../host/timing';

const IDS = ['sheet-line', 'summary', 'fill-blanks', 'recompute-totals', 'fix-note', 'findings', 'announcer'] as const;

/** What the checking part asks of the part that keeps last year's report. */
export interface PriorSource {
  /** The prior sheet's name when last year's report is a sheet of this workbook. */
  sheet(): string | null;
  /** Reads that sheet again. Inside exclusive(). */
  read(): Promise<void>;
}

export class Checking {
  readonly el;
  current: SheetRead | null = null;
  view: CheckView | null = null;
  /** Why the last read failed, shown instead of a summary. */
  private error: string | null = null;
  /** The open findings screen readers were last told about, per sheet shown. */
  private told: { sheet: string; keys: Set<string> } | null = null;
  private needCurrent = false;
  private needPrior = false;
  private drainer: Promise<void> | null = null;

  constructor(
    private readonly ctx: PaneContext,
    private readonly prior: PriorSource,
  ) {
    this.el = elements(ctx.doc, IDS);
  }

  /** A check still to run or running (for idle()). */
  get pending(): { running: Promise<void> | null; queued: boolean } {
    return { running: this.drainer, queued: this.needCurrent || this.needPrior };
  }

  /** Another sheet is shown: its last read no longer applies. */
  forget(): void {
    this.current = null;
  }

  onBurst(burst: EditBurst): void {
    if (burst.sheet === this.ctx.shown) {
      // An edit no rule reads (a note beside the tables) needs no check.
      if (burst.cells !== 'unknown' && affectedRules(burst.cells).length === 0) return;
      this.schedule('current');
    } else if (burst.sheet === this.prior.sheet()) {
      if (burst.cells !== 'unknown' && affectedRules(burst.cells, 'prior').length === 0) return;
      this.schedule('prior');
    }
  }

  /** One check per burst; a burst arriving during a check gives one more check after it, not one per event. */
  private schedule(what: 'current' | 'prior'): void {
    if (what === 'current') this.needCurrent = true;
    else this.needPrior = true;
    if (this.drainer === null) this.drainer = this.drain().finally(() => (this.drainer = null));
  }

  private async drain(): Promise<void> {
    while (this.needCurrent || this.needPrior) {
      const current = this.needCurrent;
      const prior = this.needPrior;
      this.needCurrent = false;
      this.needPrior = false;
      await this.ctx.exclusive(async () => {
        if (this.ctx.shown === null) return;
        const start = now();
        this.hostMs = 0;
        if (prior) await this.host(() => this.prior.read());
        if (current || this.current === null) await this.host(() => this.read());
        // Draws the findings. Not a host call: the upgrade offer asks the host once per sheet at most, so a check's own time stays the pane's.
        await this.ctx.update();
        const drawn = now();
        // For the bench: the whole check, and how much of it the host took (Excel's round trips).
        measure('nb:check', start, { hostMs: this.hostMs, drawnMs: drawn - start });
      });
    }
  }

  /** Time spent in host calls during the check in progress. */
  private hostMs = 0;

  private async host(call: () => Promise<void>): Promise<void> {
    const start = now();
    try {
      await call();
    } finally {
      this.hostMs += now() - start;
    }
  }

  /** Reads the shown template. Inside exclusive(). */
  async read(): Promise<void> {
    const shown = this.ctx.shown;
    if (shown === null) return;
    this.el.summary.setAttribute('aria-busy', 'true');
    try {
      const read = await this.ctx.host.read(shown);
      if (!read.isTemplate) {
        this.current = null;
        this.ctx.shown = null;
        return;
      }
      if (read.sheet !== shown) {
        // Renamed: keep following it under its new name.
        this.ctx.shown = read.sheet;
      }
      this.current = read;
    } catch (e) {
      this.current = null;
      this.error = `校验未能完成：${describeError(e)}`;
    } finally {
      this.el.summary.removeAttribute('aria-busy');
    }
  }

  /** The workbook holds no template: say so and show nothing else. */
  showEmpty(text: string): void {
    this.view = null;
    this.el['sheet-line'].textContent = '';
    clearSummary(this.el.summary, text);
    this.el.findings.replaceChildren();
    this.updateFixes();
  }

  /** The workbook could not be looked at. */
  showFailure(text: string): void {
    clearSummary(this.el.summary, text);
  }

  render(): void {
    if (this.error !== null) {
      clearSummary(this.el.summary, this.error);
      this.error = null;
      return;
    }
    if (this.ctx.shown === null || this.current === null) {
      this.showEmpty('当前没有可校验的年报模板：请切换到模板工作表，或先插入年报模板。');
      return;
    }
    this.view = buildView(this.current, this.ctx.priorReport(), this.ctx.acknowledgements());
    this.el['sheet-line'].textContent = `校验工作表“${this.view.sheet}”`;
    renderSummary(this.el.summary, this.view);
    const focus = this.focusState();
    this.keepDraft();
    renderFindings(this.ctx.doc, this.el.findings, this.view, this.ctx.draft);
    this.restoreFocus(focus);
    this.updateFixes();
    this.tell(this.view);
  }

  /**
   * Screen readers hear the state once when a sheet is first checked, then only what is new: a
   * finding that was not there at the last check, or that the last one is gone. The summary line
   * itself is not live, so a re-check that changes nothing says nothing.
   */
  private tell(view: CheckView): void {
    const open = view.groups.flatMap((g) => g.items).filter((i): i is FindingItem => i.kind === 'finding' && !i.acknowledgement);
    const before = this.told?.sheet === view.sheet ? this.told.keys : null;
    this.told = { sheet: view.sheet, keys: new Set(open.map((i) => i.key)) };
    let text = '';
    if (before === null) text = view.summary;
    else {
      const fresh = open.filter((i) => !before.has(i.key));
      if (fresh.length > 0) text = `新问题：${fresh[0].title}，${fresh[0].message}${fresh.length > 1 ? `（另有 ${fresh.length - 1} 个新问题）` : ''}。${view.summary}`;
      else if (open.length === 0 && before.size > 0) text = view.summary;
    }
    if (text !== '') this.el.announcer.textContent = text;
  }

  private updateFixes(): void {
    const fills = this.view?.fills.length ?? 0;
    const totals = this.view?.totals.length ?? 0;
    this.el['fill-blanks'].textContent = fills > 0 ? `空白格填0（${fills} 格）` : '空白格填0';
    this.el['recompute-totals'].textContent = totals > 0 ? `重算总计（${totals} 格）` : '重算总计';
    setDisabled(this.el['fill-blanks'], fills === 0);
    setDisabled(this.el['recompute-totals'], totals === 0);
    this.el['fill-blanks'].title = fills > 0 ? '把每个空白的填写格填为 0，其他格不变' : '没有空白格';
    this.el['recompute-totals'].title = totals > 0 ? '按各项之和重新填写“总计”格，其他格不变' : '总计均与各项之和一致';
  }

  /** A reason being typed survives a re-check (the list is redrawn); it goes when its finding goes. */
  private keepDraft(): void {
    const draft = this.ctx.draft;
    if (draft === null) return;
    const input = this.itemElement(draft.key)?.querySelector('[data-role="reason"]') as (HTMLElement & { value?: string }) | null | undefined;
    const kept = input ? { ...draft, text: String(input.value ?? '') } : draft;
    this.ctx.draft = this.view?.groups.some((g) => g.items.some((i) => i.key === kept.key)) ? kept : null;
  }

  /** Which finding and control had the focus, so a re-check does not throw a keyboard user out of the list. */
  private focusState(): { key: string; action: string | null } | null {
    const active = this.ctx.doc.activeElement as HTMLElement | null;
    if (!active || !this.el.findings.contains(active)) return null;
    const li = active.closest('li') as HTMLElement | null;
    return li?.dataset.key ? { key: li.dataset.key, action: active.getAttribute('data-action') ?? active.getAttribute('data-role') } : null;
  }

  private restoreFocus(state: { key: string; action: string | null } | null): void {
    const draft = this.ctx.draft;
    const li = this.itemElement(draft?.key ?? state?.key);
    if (!li) return;
    const wanted = draft && draft.key === li.dataset.key ? '[data-role="reason"]' : state?.action ? `[data-action="${state.action}"],[data-role="${state.action}"]` : '.where';
    (li.querySelector(wanted) as HTMLElement | null)?.focus();
  }

  private itemElement(key: string | undefined): HTMLElement | null {
    if (key === undefined) return null;
    for (const li of Array.from(this.el.findings.querySelectorAll('li'))) if ((li as HTMLElement).dataset.key === key) return li as HTMLElement;
    return null;
  }

  /** The finding (or blank-cells item) shown under this key. */
  item(key: string | undefined): Item | undefined {
    return this.view?.groups.flatMap((g) => g.items).find((i) => i.key === key);
  }

  note(text: string): void {
    const n = this.el['fix-note'];
    n.textContent = text;
    n.hidden = text === '';
  }
}
