/**
 * 导入本年数据: reads the chosen file, compares it with the template in view, and fills the blank
 * cells at once — unless a filled cell would change, or the file is of another body or year, or a
 * blank body or year could be filled: then the panel asks first, and nothing is written before
 * the answer.
 */
import type { Finding } from '../../core/findings';
import type { Report } from '../../core/report';
import type { CellWrite, MetaWrite } from '../../host/contract';
import type { FillConflict } from '../../import/merge';
import { ImportOutcome, ImportPlan, PendingImport, needsConfirmation, prepareImport, renderConfirmation, renderImportMessage, renderOutcome } from '../import-view';
import { shownValue } from '../model';
import { ChosenFile, PaneContext, chooseFile, elements, isDisabled, setDisabled, takeFile } from '../part';
import type { CurrentFileReader } from '../report-file';
import { describeError } from '../session';
import { undoNote } from '../undo-note';

const IDS = ['import-button', 'import-file', 'import-panel'] as const;

/** A report to fill the template in view from, whatever it was read from (a file, a register). */
export interface ImportSource {
  /** What the user chose, as the panel names it: a file name, or a register. */
  file: string;
  sourceSheet?: string;
  report: Report;
  findings: Finding[];
}

export class Import {
  private readonly el;
  /** A file read, waiting for the user's choice in the panel. */
  private pending: PendingImport | null = null;
  /** The panel the pending choice is shown in, and what gets the focus back after it. */
  private panel: HTMLElement;
  private back: HTMLElement;

  constructor(
    private readonly ctx: PaneContext,
    private readonly readFile: CurrentFileReader,
  ) {
    this.el = elements(ctx.doc, IDS);
    this.panel = this.el['import-panel'];
    this.back = this.el['import-button'];
    this.el['import-button'].addEventListener('click', () => chooseFile(this.el['import-file'], ctx.openFile, (f) => ctx.track(this.loadFile(f))));
    this.el['import-file'].addEventListener('change', () => ctx.track(this.loadFile()));
    this.watch(this.el['import-panel']);
  }

  /** Takes the choices made in a panel where an import is offered (this section's, or another part's). */
  watch(panel: HTMLElement): void {
    panel.addEventListener('click', (e) => this.onClick(e));
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.pending) {
        e.preventDefault();
        void this.answer('cancel');
      }
    });
  }

  private async loadFile(chosen?: ChosenFile): Promise<void> {
    const ctx = this.ctx;
    const year = ctx.current?.report.year ?? ctx.templates.find((t) => t.name === ctx.shown)?.year ?? null;
    const taken = await takeFile(chosen ?? this.el['import-file'], (bytes, name) => this.readFile(bytes, name, year));
    if (!taken) return;
    const { file, result } = taken;
    await ctx.exclusive(async () => {
      if (!result.ok) {
        this.pending = null;
        return renderImportMessage(ctx.doc, this.el['import-panel'], 'error', `未能读取“${file.name}”：${result.error}`);
      }
      return this.offer({ file: file.name, ...(result.sheet ? { sourceSheet: result.sheet } : {}), report: result.report, findings: result.findings }, this.el['import-panel'], this.el['import-button']);
    });
  }

  /**
   * Fills the template in view from a report: the blank cells at once, or — when a filled cell
   * would change, or the body or year differ or could be filled — after the user's choice in
   * `panel`. Inside exclusive().
   */
  async offer(source: ImportSource, panel: HTMLElement, back: HTMLElement): Promise<void> {
    const ctx = this.ctx;
    this.pending = null;
    this.panel = panel;
    this.back = back;
    if (ctx.shown === null) {
      return renderImportMessage(ctx.doc, panel, 'error', '当前没有年报模板：请先插入年报模板或切换到模板工作表，再导入本年数据。', source.findings);
    }
    // Compare with what the sheet holds now, not with the last check: a value typed a moment ago counts.
    await ctx.readCurrent();
    const current = ctx.current;
    if (current === null) {
      ctx.render();
      return renderImportMessage(ctx.doc, panel, 'error', '未能读取当前模板，没有导入。', source.findings);
    }
    const pending: PendingImport = {
      file: source.file,
      ...(source.sourceSheet ? { sourceSheet: source.sourceSheet } : {}),
      incoming: source.report,
      findings: source.findings,
      target: current.sheet,
      plan: prepareImport(current, source.report),
    };
    if (!needsConfirmation(pending.plan)) return this.apply(pending, pending.plan, [], {});
    this.pending = pending;
    ctx.render();
    renderConfirmation(ctx.doc, panel, pending, current.addresses);
    // The safe choice has the focus: an Enter pressed in haste changes no filled cell.
    (panel.querySelector('[data-action="import-blanks-only"]') as HTMLElement | null)?.focus();
  }

  private onClick(e: Event): void {
    const control = (e.target as HTMLElement).closest('[data-action]') as HTMLElement | null;
    if (!control || isDisabled(control)) return;
    const choice = control.dataset.action;
    if (choice === 'import-overwrite') void this.answer('overwrite');
    else if (choice === 'import-blanks-only') void this.answer('blanks-only');
    else if (choice === 'import-cancel') void this.answer('cancel');
  }

  /** The user's answer to the confirmation. Nothing is written before it, and 取消 writes nothing. */
  private answer(choice: 'overwrite' | 'blanks-only' | 'cancel'): Promise<void> {
    const ctx = this.ctx;
    const pending = this.pending;
    if (!pending) return Promise.resolve();
    const panel = this.panel;
    const metaChosen = {
      org: (panel.querySelector('input[data-meta="org"]') as HTMLInputElement | null)?.checked ?? false,
      year: (panel.querySelector('input[data-meta="year"]') as HTMLInputElement | null)?.checked ?? false,
    };
    this.pending = null;
    for (const b of Array.from(panel.querySelectorAll('[data-action]'))) setDisabled(b as HTMLElement, true);
    return ctx.exclusive(async () => {
      if (choice === 'cancel') {
        renderImportMessage(ctx.doc, panel, 'cancelled', `已取消导入“${pending.file}”，未修改任何单元格。`);
      } else if (ctx.shown !== pending.target) {
        renderImportMessage(ctx.doc, panel, 'error', `模板工作表已切换，导入已取消，未修改任何单元格；请在要填写的模板中重新导入。`);
      } else {
        // Read again: the user may have typed while deciding. Only what was shown is replaced, and
        // only while it still holds what was shown; a cell filled meanwhile is a filled cell.
        await ctx.readCurrent();
        const current = ctx.current;
        if (current === null) {
          ctx.render();
          renderImportMessage(ctx.doc, panel, 'error', '未能读取当前模板，没有导入。');
        } else {
          const fresh = prepareImport(current, pending.incoming);
          const meta = { ...(metaChosen.org ? { org: fresh.offer.org } : {}), ...(metaChosen.year ? { year: fresh.offer.year } : {}) };
          const shown = new Map(pending.plan.conflicts.map((c) => [c.id, c.current]));
          const replace =
            choice === 'overwrite' ? fresh.conflicts.filter((c) => shown.has(c.id) && shownValue(shown.get(c.id)) === shownValue(c.current)) : [];
          await this.apply(pending, fresh, replace, meta);
        }
      }
      this.back.focus();
    });
  }

  /**
   * One write — the blank cells, the replacements chosen, the body or year chosen — then one
   * check (our own write raises no edit). Inside exclusive().
   */
  private async apply(pending: PendingImport, plan: ImportPlan, replace: readonly FillConflict[], meta: MetaWrite): Promise<void> {
    const changes: CellWrite[] = [...plan.fills, ...replace.map((c) => ({ cell: c.id, value: c.incoming as number | string }))];
    const metaWrite: MetaWrite = {};
    if (meta.org !== undefined) metaWrite.org = meta.org;
    if (meta.year !== undefined) metaWrite.year = meta.year;
    const withMeta = metaWrite.org !== undefined || metaWrite.year !== undefined;
    const outcome: ImportOutcome = {
      file: pending.file,
      ...(pending.sourceSheet ? { sourceSheet: pending.sourceSheet } : {}),
      filled: plan.fills.length,
      replaced: replace.length,
      kept: plan.conflicts.length - replace.length,
      meta: metaWrite,
      findings: pending.findings,
    };
    if (changes.length > 0 || withMeta) {
      try {
        await this.ctx.host.write(pending.target, changes, metaWrite);
        this.ctx.note(undoNote(this.ctx.host));
      } catch (e) {
        outcome.error = describeError(e);
      }
      if (withMeta) {
        // A year filled in can make another template last year's: look at the templates again.
        await this.ctx.refreshNow(pending.target);
      } else {
        await this.ctx.readCurrent();
        await this.ctx.update();
      }
    }
    renderOutcome(this.ctx.doc, this.panel, outcome);
  }
}
