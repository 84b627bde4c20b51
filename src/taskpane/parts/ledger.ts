/**
 * 依申请公开台账 in the pane: choose the register (a sheet of this workbook, or a file), see its
 * 表三 beside the typed one, fill 表三 from it with the usual confirm-before-overwrite (the import
 * part's own flow), and see its findings in the findings list, where a click selects the row.
 * Live: a burst of edits on the register sheet reads it once more (one read per burst, a burst
 * arriving meanwhile gives one more read after it, as checking.ts does).
 *
 * Loaded on demand (pane.ts): the ledger core is not part of the pane's first screen.
 */
import type { Report } from '../../core/report';
import type { EditBurst, LedgerGrid } from '../../host/contract';
import { analyseLedger } from '../../ledger/index';
import type { LedgerAnalysis } from '../../ledger/columns';
import { renderLedgerFindings, renderT3 } from '../ledger-view';
import { ChosenFile, PaneContext, chooseFile, elements, setDisabled, takeFile, valueOf } from '../part';
import { currentChoice, describeError } from '../session';
import { measure, now } from '../../host/timing';
import type { Import } from './import';

/** Reads a register file chosen in the pane: the first sheet that looks like a register, as a grid from A1. */
export type LedgerFileReader = (bytes: Uint8Array, fileName: string) => Promise<{ ok: true; sheet: string; grid: LedgerGrid } | { ok: false; error: string }>;

type Source = { kind: 'sheet'; name: string } | { kind: 'file'; name: string; sheet: string; grid: LedgerGrid };

const IDS = ['ledger-section', 'ledger-sheet', 'ledger-file', 'ledger-file-button', 'ledger-insert', 'ledger-status', 'ledger-t3', 'ledger-fill', 'ledger-panel', 'ledger-findings'] as const;

export class Ledger {
  private readonly el;
  private source: Source | null = null;
  private analysis: LedgerAnalysis | null = null;
  private error: string | null = null;
  private needRead = false;
  private drainer: Promise<void> | null = null;

  constructor(
    private readonly ctx: PaneContext,
    private readonly importing: Import,
    private readonly readFile: LedgerFileReader,
  ) {
    this.el = elements(ctx.doc, IDS);
    importing.watch(this.el['ledger-panel']);
    this.el['ledger-sheet'].addEventListener('change', () => void this.chooseSheet(valueOf(this.el['ledger-sheet'])));
    this.el['ledger-file-button'].addEventListener('click', () => chooseFile(this.el['ledger-file'], ctx.openFile, (f) => ctx.track(this.loadFile(f))));
    this.el['ledger-file'].addEventListener('change', () => ctx.track(this.loadFile()));
    this.el['ledger-fill'].addEventListener('click', () => void this.fill());
    this.el['ledger-findings'].addEventListener('click', (e) => this.onFindingClick(e));
  }

  /** A check still to run or running (for idle()). */
  get running(): Promise<void> | null {
    return this.drainer;
  }

  /** The year 表三 is compiled for: the template's, else the year the insertion would use. */
  private year(): number {
    return this.ctx.current?.report.year ?? this.ctx.templates.find((t) => t.name === this.ctx.shown)?.year ?? currentChoice().year ?? new Date().getFullYear() - 1;
  }

  /** Lists the register sheets and reads the chosen one (the first, when none was chosen). */
  open(preferred?: string): Promise<void> {
    return this.ctx.exclusive(async () => {
      let names: string[] = [];
      try {
        names = (await this.ctx.host.ledgerSheets()).map((s) => s.name);
      } catch (e) {
        this.error = `未能查找台账工作表：${describeError(e)}`;
      }
      const select = this.el['ledger-sheet'];
      const options = [new Option('（未选择）', ''), ...names.map((n) => new Option(`工作表“${n}”`, n))];
      if (this.source?.kind === 'file') options.push(new Option(`文件“${this.source.name}”`, `file:${this.source.name}`));
      select.replaceChildren(...options);
      const keep = this.source?.kind === 'sheet' && names.includes(this.source.name) ? this.source.name : null;
      const pick = [preferred, keep, names[0]].find((n): n is string => !!n && names.includes(n)) ?? null;
      if (this.source?.kind !== 'file' || preferred) this.source = pick === null ? null : { kind: 'sheet', name: pick };
      select.value = this.source === null ? '' : this.source.kind === 'sheet' ? this.source.name : `file:${this.source.name}`;
      await this.refresh();
    });
  }

  private chooseSheet(value: string): Promise<void> {
    if (value.startsWith('file:')) return Promise.resolve();
    return this.ctx.exclusive(async () => {
      this.source = value === '' ? null : { kind: 'sheet', name: value };
      await this.refresh();
    });
  }

  private async loadFile(chosen?: ChosenFile): Promise<void> {
    const taken = await takeFile(chosen ?? this.el['ledger-file'], (bytes, name) => this.readFile(bytes, name));
    if (!taken) return;
    const { file, result } = taken;
    await this.ctx.exclusive(async () => {
      if (!result.ok) {
        this.error = `未能读取“${file.name}”：${result.error}`;
        this.render();
        return;
      }
      this.source = { kind: 'file', name: file.name, sheet: result.sheet, grid: result.grid };
      const select = this.el['ledger-sheet'];
      select.append(new Option(`文件“${file.name}”`, `file:${file.name}`));
      select.value = `file:${file.name}`;
      await this.refresh();
    });
  }

  /** Inserts the standard register (the 插入台账 button), then shows it as the register chosen. */
  insert(): Promise<void> {
    return this.ctx
      .exclusive(async () => {
        const { org, year } = currentChoice();
        const outcome = await this.ctx.host.insertLedger({ org, year: this.ctx.current?.report.year ?? year });
        return outcome.sheet;
      })
      .then((sheet) => this.open(sheet))
      .catch((e) => {
        this.error = `插入台账失败：${describeError(e)}`;
        this.render();
      });
  }

  /**
   * Reads the chosen register, analyses it and draws it; for the bench, `nb:ledger` spans it all,
   * with the host's read and the analysis beside it. Inside exclusive().
   */
  private async refresh(): Promise<void> {
    const start = now();
    const timing = await this.read();
    this.render();
    if (timing) measure('nb:ledger', start, timing);
  }

  /** Reads the chosen register and analyses it. Inside exclusive(). */
  private async read(): Promise<{ hostMs: number; analyseMs: number; rows: number } | null> {
    const source = this.source;
    this.analysis = null;
    if (source === null) return null;
    try {
      const start = now();
      const grid = source.kind === 'sheet' ? await this.ctx.host.readGrid(source.name) : source.grid;
      const read = now();
      this.analysis = analyseLedger(grid, { year: this.year() });
      this.error = null;
      return { hostMs: read - start, analyseMs: now() - read, rows: grid.length };
    } catch (e) {
      this.error = `未能读取台账：${describeError(e)}`;
      return null;
    }
  }

  /** A burst on the register sheet reads it again, once per burst; the template's own edits only redraw the comparison. */
  onBurst(burst: EditBurst): void {
    if (this.source?.kind !== 'sheet' || burst.sheet !== this.source.name) return;
    this.needRead = true;
    if (this.drainer === null) this.drainer = this.drain().finally(() => (this.drainer = null));
  }

  private async drain(): Promise<void> {
    while (this.needRead) {
      this.needRead = false;
      await this.ctx.exclusive(async () => {
        await this.refresh();
      });
    }
  }

  private label(): string {
    const s = this.source;
    return s === null ? '' : s.kind === 'sheet' ? `工作表“${s.name}”` : `文件“${s.name}”（工作表“${s.sheet}”）`;
  }

  /** Draws the status, 表三 and the findings from the state (no host call). */
  render(): void {
    const status = this.el['ledger-status'];
    const a = this.analysis;
    const typed: Report | null = this.ctx.current?.report ?? null;
    if (this.error !== null || a === null) {
      status.textContent = this.error ?? (this.source === null ? '本工作簿中没有找到台账工作表：可插入标准台账，或从文件读取。' : '');
      status.hidden = status.textContent === '';
      this.el['ledger-t3'].replaceChildren();
      this.el['ledger-findings'].replaceChildren();
      setDisabled(this.el['ledger-fill'], true);
      return;
    }
    const differ = renderT3(this.ctx.doc, this.el['ledger-t3'], a, typed);
    const open = a.findings.length;
    const parts = [`台账${this.label()}：${a.year}年答复 ${a.stats.answered} 件`];
    if (a.stats.timed > 0) parts.push(`按期答复 ${a.stats.onTime} 件`);
    if (a.stats.averageWorkingDays !== null) parts.push(`平均办理 ${a.stats.averageWorkingDays} 个工作日`);
    const tail = [typed === null ? '当前没有年报模板可比对' : differ > 0 ? `与年报表三有 ${differ} 处不同` : '与年报表三一致', open > 0 ? `台账有 ${open} 个问题（见校验结果）` : '台账未发现问题'];
    status.textContent = `${parts.join('，')}。${tail.join('；')}。`;
    status.hidden = false;
    setDisabled(this.el['ledger-fill'], typed === null || differ === 0);
    if (this.source !== null) renderLedgerFindings(this.ctx.doc, this.el['ledger-findings'], this.source.name, a.findings);
  }

  /** 用台账填写表三: the import part's flow, so a filled cell changes only after the user's choice. */
  private fill(): Promise<void> {
    const a = this.analysis;
    if (a === null || this.source === null) return Promise.resolve();
    const report: Report = { format: 'nianbao/report@1', org: '', year: a.year, cells: { ...a.cells } };
    const source = this.source;
    return this.ctx.exclusive(async () => {
      await this.importing.offer(
        { file: source.kind === 'sheet' ? `台账“${source.name}”` : source.name, ...(source.kind === 'file' ? { sourceSheet: source.sheet } : {}), report, findings: [] },
        this.el['ledger-panel'],
        this.el['ledger-fill'],
      );
      this.render();
    });
  }

  private onFindingClick(e: Event): void {
    const li = (e.target as HTMLElement).closest('li') as HTMLElement | null;
    const row = Number(li?.dataset.row);
    const source = this.source;
    if (!li || !Number.isInteger(row) || row < 1 || source?.kind !== 'sheet') return;
    void this.ctx.exclusive(() => this.ctx.host.selectRow(source.name, row)).catch((err) => this.ctx.note(`未能选中台账行：${describeError(err)}`));
  }
}
