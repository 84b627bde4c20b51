/**
 * The pane's host in a plain browser: the WorkbookHost contract (src/host/contract.ts) over the
 * in-page PreviewWorkbook. The pane cannot tell it from Excel except by `kind`.
 *
 * People's edits reach the pane as Excel's change events do: a cell committed (Enter, Tab,
 * leaving it) or a block pasted is one change, delivered at the next task (src/host/bursts.ts);
 * changes that keep coming within `burstMs` of each other are gathered into one burst. The
 * pane's own writes are never reported back to it.
 */
import type { CellId } from '../core/tables';
import type { Acknowledgement, CellWrite, EditBurst, FindingsBlockOutcome, InsertOutcome, InsertRequest, LedgerGrid, LedgerInsertOutcome, LedgerInsertRequest, LedgerSheetInfo, MetaWrite, SelfTestPlan, SheetRead, TemplateSheetInfo, WorkbookHost } from '../host/contract';
import { Bursts } from '../host/bursts';
import { previewSelfTest } from './selftest';
import { PreviewWorkbook } from './workbook';

export interface PreviewHostOptions {
  /** A change within this many ms of the previous one continues a burst, delivered when they pause. */
  burstMs?: number;
}

export class PreviewHost implements WorkbookHost {
  readonly kind = 'preview' as const;
  private readonly listeners = new Set<(burst: EditBurst) => void>();
  private readonly activation = new Set<(sheet: string) => void>();
  private readonly bursts: Bursts<{ sheet: string; cells: readonly CellId[]; unknown: boolean }>;
  private readonly stop: () => void;

  constructor(
    readonly book: PreviewWorkbook,
    options: PreviewHostOptions = {},
  ) {
    this.bursts = new Bursts((changes) => this.deliver(changes), { quietMs: options.burstMs ?? 100 });
    this.stop = book.on((e) => {
      if (e.type === 'active') {
        // As Excel's onActivated: any sheet coming into view, by a tab click or by the pane. Edits made before come first.
        this.flush();
        for (const l of [...this.activation]) l(e.sheet);
        return;
      }
      if (e.type === 'grid' && e.source === 'user') {
        // A register's cells have no cell id: the pane reads the register again.
        this.bursts.add({ sheet: e.sheet, cells: [], unknown: true });
        return;
      }
      if (e.type !== 'cells' || e.source !== 'user') return;
      // The body and year have no cell id: the burst then asks for a full check.
      this.bursts.add({ sheet: e.sheet, cells: e.cells, unknown: e.meta.length > 0 });
    });
  }

  /** Delivers the burst in progress now (also what the timer does). */
  flush(): void {
    this.bursts.flush();
  }

  /** One burst per sheet, in the order the sheets were edited. */
  private deliver(changes: readonly { sheet: string; cells: readonly CellId[]; unknown: boolean }[]): void {
    if (this.listeners.size === 0) return;
    const bySheet = new Map<string, { cells: Set<CellId>; unknown: boolean }>();
    for (const c of changes) {
      const b = bySheet.get(c.sheet) ?? { cells: new Set<CellId>(), unknown: false };
      for (const id of c.cells) b.cells.add(id);
      b.unknown ||= c.unknown;
      bySheet.set(c.sheet, b);
    }
    for (const [sheet, b] of bySheet) {
      const burst: EditBurst = { sheet, cells: b.unknown ? 'unknown' : [...b.cells] };
      for (const l of [...this.listeners]) l(burst);
    }
  }

  /** Stops listening to the workbook (for tests and page teardown). */
  dispose(): void {
    this.bursts.dispose();
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

  async insertLedger(request?: LedgerInsertRequest): Promise<LedgerInsertOutcome> {
    this.flush();
    return this.book.insertLedger(request);
  }

  async ledgerSheets(): Promise<LedgerSheetInfo[]> {
    return this.book.ledgerSheets();
  }

  async readGrid(sheet: string): Promise<LedgerGrid> {
    return this.book.readGrid(sheet);
  }

  async selectRow(sheet: string, row: number): Promise<void> {
    this.book.selectRow(sheet, row);
  }

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

  async findingsBlock(sheet: string): Promise<boolean> {
    return this.book.sheet(sheet).findingsBlock;
  }

  async setFindingsBlock(sheet: string, present: boolean): Promise<FindingsBlockOutcome> {
    this.book.setFindingsBlock(sheet, present);
    return { present, liftedProtection: false };
  }

  /** The 环境自检 against this page's own workbook (src/preview/selftest.ts). */
  selfTest(): SelfTestPlan {
    return previewSelfTest(this, this.book);
  }

  async loadAcknowledgements(): Promise<Acknowledgement[]> {
    return this.book.loadAcknowledgements();
  }

  async saveAcknowledgements(acks: readonly Acknowledgement[]): Promise<void> {
    this.book.saveAcknowledgements(acks);
  }
}
