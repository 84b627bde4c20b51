/**
 * What the pane asks of a workbook — the contract between the pane and its hosts:
 * Excel through Office.js (src/excel/host.ts) and the in-page preview workbook
 * (src/preview/host.ts). The pane holds no Office.js code of its own; tests drive it with the
 * in-memory Excel fake behind the Excel host, and the real browser drives it through the preview.
 *
 * Every call is one round trip at most (one `context.sync()` in Excel) unless it says otherwise.
 */
import type { GridReport } from '../core/grid';
import type { LedgerGrid } from '../ledger/columns';
import type { CellId } from '../core/tables';
import type { Probe } from '../selftest/run';

/**
 * A value the pane writes into an input cell: a number (the quick fixes, a number read from a
 * report), or text exactly as an imported report has it ("/", "22（其中修订16件）"), which the host
 * stores as text — never as a formula or a number Excel would make of it — so the cell rules see
 * what the source said.
 */
export interface CellWrite {
  cell: CellId;
  value: number | string;
}

/** The body and year, written only where the template has none (an import offers to fill them). */
export interface MetaWrite {
  org?: string;
  year?: number;
}

export interface TemplateSheetInfo {
  /** The worksheet name. */
  name: string;
  year: number | null;
  org: string;
}

export interface SheetRead extends GridReport {
  sheet: string;
  /** False when the sheet holds none of the template's tables. */
  isTemplate: boolean;
  /** Where each input cell sits, as a user finds it: D24. */
  addresses: Partial<Record<CellId, string>>;
}

export interface InsertRequest {
  org: string;
  year: number | null;
  /** Insert even when the workbook already holds a template for that year. */
  force?: boolean;
}

export type InsertOutcome = { status: 'inserted'; sheet: string } | { status: 'exists'; sheet: string };

/** A burst of edits made by a person (or another program), never by our own writes. */
export interface EditBurst {
  sheet: string;
  /** The input cells the burst touched; 'unknown' when the host cannot tell (then everything is re-checked). */
  cells: CellId[] | 'unknown';
}

/** A warning the user has acknowledged with a reason (说明); kept in the workbook. */
export interface Acknowledgement {
  /** `fingerprint(finding)` from src/core/findings.ts: rule, place and the values behind it. */
  fingerprint: string;
  sheet: string;
  reason: string;
  /** ISO date-time. */
  at: string;
}

/**
 * 'needed': the earlier version's marks (or no template marks at all) are on the sheet;
 * 'current': nothing to do; 'unknown': the host could not tell (its conditional formats could
 * not be read) and the sheet shows no other sign of the earlier version.
 */
export type UpgradeState = 'needed' | 'current' | 'unknown';

export interface UpgradeOutcome {
  /** Earlier runtime marks (and the earlier inserter's check rules) removed. */
  removed: number;
  /** Template marks added. */
  added: number;
  /**
   * True when the sheet's conditional formats could not be read: nothing was removed (a rule
   * that cannot be identified is never deleted) and old marks may remain for the user to remove.
   */
  unreadable: boolean;
  /** Earlier marks Excel refused to delete one by one (office-js#5222); absent when every one went. */
  notRemoved?: number;
}

export interface FindingsBlockOutcome {
  present: boolean;
  /** True when protection had to be lifted for the write (an earlier version's template): the undo history was cleared. */
  liftedProtection: boolean;
}

/** A host's self-test: what to report about the environment, the probes, and what running them touches. */
export interface SelfTestPlan {
  environment: () => Array<[string, string]>;
  probes: Probe[];
  /** What the self-test touches and costs, said before it runs (a scratch sheet, the undo history). */
  notice: string;
}

/**
 * A register sheet (台账) as a grid from A1 (src/ledger/columns.ts): row 0 is worksheet row 1, so
 * a finding's worksheet row is the grid row + 1. Numbers in date columns are Excel serials, as
 * Range.values and Value2 give them.
 */
export type { LedgerCell, LedgerGrid } from '../ledger/columns';

/** The body and year the standard register's summary sheet is titled and counts by. */
export interface LedgerInsertRequest {
  org?: string;
  year?: number | null;
}

/** A sheet whose header row (within its first rows) names a register's columns. */
export interface LedgerSheetInfo {
  name: string;
  /** The worksheet row (1-based) of the header row found. */
  headerRow: number;
}

/** `sheet`: the register; `summary`: its native summary sheet (表三 as formulas), when the host draws one. */
export type LedgerInsertOutcome = { status: 'inserted'; sheet: string; summary?: string };

export interface WorkbookHost {
  readonly kind: 'excel' | 'preview' | 'wps';
  /** The template sheets of the workbook, and the template sheet in view (null when the active sheet is none). */
  templates(): Promise<{ sheets: TemplateSheetInfo[]; active: string | null }>;
  /** Inserts the template on a new sheet and shows it; never overwrites (see src/excel/template.ts). */
  insertTemplate(request: InsertRequest): Promise<InsertOutcome>;
  /** Shows a sheet. */
  activate(sheet: string): Promise<void>;
  /** Reads a template sheet into a report. One round trip. */
  read(sheet: string): Promise<SheetRead>;
  /**
   * Writes these values into these input cells (and the body and year, when given) and touches
   * nothing else; one write, not reported as an edit.
   */
  write(sheet: string, changes: readonly CellWrite[], meta?: MetaWrite): Promise<void>;
  /** Selects the cells (the first one active) and brings them into view. */
  select(sheet: string, cells: readonly CellId[]): Promise<void>;
  /**
   * Optional: false when this host's writes clear the user's undo history (Excel without
   * ExcelUndoApiAll, as "Undo capabilities with the Excel JavaScript API" documents), so the pane
   * says so when the user chooses a write. Absent: writes keep undo.
   */
  writesKeepUndo?(): boolean;
  /**
   * Optional: whether a template sheet still carries the earlier version's runtime marks and
   * needs the one-time upgrade to the template's own conditional formats (src/excel/upgrade.ts).
   */
  upgradeState?(sheet: string): Promise<UpgradeState>;
  /** Optional: the one-time upgrade; clears the undo history once (it lifts sheet protection). */
  upgrade?(sheet: string): Promise<UpgradeOutcome>;
  /** Calls back once per burst of edits; returns a function that stops listening. */
  onEdit(listener: (burst: EditBurst) => void): Promise<() => Promise<void>>;
  /**
   * Optional: calls back with the sheet's name when the user brings another sheet into view, so
   * the pane follows the template in view. Without it the pane stays on the sheet it shows.
   */
  onActivate?(listener: (sheet: string) => void): Promise<() => Promise<void>>;
  /**
   * Optional: whether the findings block (=NIANBAO.CHECK under the tables) is on the sheet. No
   * template carries it by default (custom-function recalculation clears undo on Excel 2021
   * LTSC); the pane offers it as an explicit choice.
   */
  findingsBlock?(sheet: string): Promise<boolean>;
  /** Optional: adds or removes the findings block; never overwrites a cell of the user's. */
  setFindingsBlock?(sheet: string, present: boolean): Promise<FindingsBlockOutcome>;
  /**
   * Optional: whether the add-in starts whenever this workbook opens (null: the host cannot
   * say). Only the user changes it, from the pane: a workbook set so shows colleagues without
   * the add-in a trust prompt.
   */
  opensWithWorkbook?(): Promise<boolean | null>;
  setOpensWithWorkbook?(on: boolean): Promise<void>;
  /**
   * Optional: calls back when the pane is shown again. Where checking after every edit is not
   * safe for the user's undo history, the pane checks then instead.
   */
  onPaneShown?(listener: () => void): Promise<() => Promise<void>>;
  /** Optional: the 环境自检 of this host (src/selftest/run.ts). */
  selfTest?(): SelfTestPlan;
  /**
   * Inserts the standard register (src/ledger/sheet.ts) on new sheets and shows it; never
   * overwrites a sheet: a taken name gets "(2)".
   */
  insertLedger(request?: LedgerInsertRequest): Promise<LedgerInsertOutcome>;
  /** The sheets that look like registers (their header row names a register's columns). */
  ledgerSheets(): Promise<LedgerSheetInfo[]>;
  /** A sheet's used range as values from A1, in one round trip. */
  readGrid(sheet: string): Promise<LedgerGrid>;
  /** Shows a sheet and selects one of its rows (1-based worksheet row), for a register finding. */
  selectRow(sheet: string, row: number): Promise<void>;
  /** Acknowledgements kept in the workbook (a custom XML part or hidden sheet in Excel). */
  loadAcknowledgements(): Promise<Acknowledgement[]>;
  saveAcknowledgements(acks: readonly Acknowledgement[]): Promise<void>;
}
