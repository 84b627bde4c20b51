/**
 * The pane's host in a plain browser: the WorkbookHost contract (src/host/contract.ts) over the
 * in-page PreviewWorkbook. The pane cannot tell it from Excel except by `kind`.
 *
 * People's edits reach the pane in bursts, as Excel's change events do: keystrokes and pastes
 * that follow each other within `burstMs` are one burst, so typing "123" or pasting a block of
 * 175 cells costs the pane one check. The pane's own writes are never reported back to it.
 */
import type { CellId } from '../core/tables';
import type { Acknowledgement, CellWrite, EditBurst, InsertOutcome, InsertRequest, MetaWrite, SheetRead, TemplateSheetInfo, WorkbookHost } from '../host/contract';
import { PreviewWorkbook } from './workbook';

export interface PreviewHostOptions {
  /** Quiet time that ends a burst of edits, in ms. */
  burstMs?: number;
}

export class PreviewHost implements WorkbookHost {
  readonly kind = 'preview' as const;
  private readonly listeners = new Set<(burst: EditBurst) => void>();
  private readonly activation = new Set<(sheet: string) => void>();
  private readonly burstMs: number;
  private pending: { sheet: string; cells: Set<CellId>; unknown: boolean } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stop: () => void;

  constructor(
    readonly book: PreviewWorkbook,
    options: PreviewHostOptions = {},
  ) {
    this.burstMs = options.burstMs ?? 200;
    this.stop = book.on((e) => {
      if (e.type === 'active') {
        // As Excel's onActivated: any sheet coming into view, by a tab click or by the pane. Edits made before come first.
        this.flush();
        for (const l of [...this.activation]) l(e.sheet);
        return;
      }
      if (e.type !== 'cells' || e.source !== 'user') return;
      if (this.pending && this.pending.sheet !== e.sheet) this.flush();
      this.pending ??= { sheet: e.sheet, cells: new Set(), unknown: false };
      for (const c of e.cells) this.pending.cells.add(c);
      // The body and year have no cell id: the burst then asks for a full check.
      if (e.meta.length > 0) this.pending.unknown = true;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), this.burstMs);
    });
  }

  /** Delivers the burst in progress now (also what the timer does when the edits pause). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    this.pending = null;
    if (!p || this.listeners.size === 0) return;
    const burst: EditBurst = { sheet: p.sheet, cells: p.unknown ? 'unknown' : [...p.cells] };
    for (const l of [...this.listeners]) l(burst);
  }

  /** Stops listening to the workbook (for tests and page teardown). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
    this.listeners.clear();
    this.activation.clear();
    this.stop();
  }

  async templates(): Promise<{ sheets: TemplateSheetInfo[]; active: string | null }> {
    const active = this.book.active;
    return { sheets: this.book.templates(), active: active.kind === 'template' ? active.name : null };
  }

  async insertTemplate(request: InsertRequest): Promise<InsertOutcome> {
    // Edits typed before the insertion belong to the sheet they were made on.
    this.flush();
    return this.book.insertTemplate(request);
  }

  async activate(sheet: string): Promise<void> {
    this.book.activate(sheet);
  }

  async read(sheet: string): Promise<SheetRead> {
    return this.book.read(sheet);
  }

  async write(sheet: string, changes: readonly CellWrite[], meta: MetaWrite = {}): Promise<void> {
    this.book.write(sheet, changes, meta);
  }

  async select(sheet: string, cells: readonly CellId[]): Promise<void> {
    this.book.select(sheet, cells);
  }

  /** Marks nothing: the template's own marks show wrong cells (grid.ts). Goes with highlight from the contract (issue 11, Office.js side). */
  async highlight(): Promise<void> {}

  async onEdit(listener: (burst: EditBurst) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async onActivate(listener: (sheet: string) => void): Promise<() => Promise<void>> {
    this.activation.add(listener);
    return async () => {
      this.activation.delete(listener);
    };
  }

  async loadAcknowledgements(): Promise<Acknowledgement[]> {
    return this.book.loadAcknowledgements();
  }

  async saveAcknowledgements(acks: readonly Acknowledgement[]): Promise<void> {
    this.book.saveAcknowledgements(acks);
  }
}
