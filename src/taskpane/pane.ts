/**
 * The checking pane: the template in view checked live, findings grouped by table with a click to
 * their cells, quick fixes, suggested fixes, acknowledgements (说明), last year's report, and
 * this year's data imported from a report being revised (导入本年数据).
 *
 * It runs against a WorkbookHost (src/host/contract.ts) and nothing Office-specific, so the same
 * code runs in Excel (src/excel/host.ts) and in the in-page preview: `new Pane(document, host)`.
 *
 * Round trips: a check after a burst of edits reads the sheet once (one sync in Excel); last
 * year's sheet is read when chosen or edited, not on every check. Checking never writes: the
 * red cells are the template's own conditional formats. Host calls never overlap: they run one
 * after another.
 *
 * Everything that comes from the workbook is shown with textContent: a cell may hold any text.
 */
import { affectedRules } from '../core/affected';
import { parseYear } from '../core/grid';
import { Report } from '../core/report';
import { cellName } from '../core/tables';
import { formatNumber } from '../core/render';
import { Draft, clearSummary, renderFindings, renderSummary } from './findings-view';
import type { Acknowledgement, CellWrite, EditBurst, MetaWrite, SheetRead, TemplateSheetInfo, WorkbookHost } from '../host/contract';
import { CheckView, FindingItem, Item, buildView, shownValue } from './model';
import type { FillConflict } from '../import/merge';
import { ImportOutcome, ImportPlan, PendingImport, needsConfirmation, prepareImport, renderConfirmation, renderImportMessage, renderOutcome } from './import-view';
import type { PriorFileReader } from './prior-file';
import type { CurrentFileReader } from './report-file';
import { Notice, announce, currentChoice, describeError, onNotice, setChoice } from './session';
import { undoNote, withUndoNote } from './undo-note';
import { UpgradeOffer } from './upgrade-view';

export interface PaneOptions {
  /** Start at once (the default): load acknowledgements, find the templates, listen, check. */
  autoStart?: boolean;
  /** Reads a file chosen as last year's report; the default reads .json and .xlsx. */
  readPriorFile?: PriorFileReader;
  /** Reads a file chosen to fill the template in view (导入本年数据); the default reads what the importers read. */
  readCurrentFile?: CurrentFileReader;
  now?: () => Date;
}

type Prior =
  | { kind: 'none' }
  | { kind: 'sheet'; sheet: string; report: Report | null; error?: string }
  | { kind: 'file'; name: string; report: Report; sheet?: string; problems: number };

const IDS = ['org', 'year', 'insert', 'insert-section', 'notice', 'sheet-line', 'summary', 'fill-blanks', 'recompute-totals', 'check', 'fix-note', 'findings', 'prior', 'prior-file', 'prior-file-button', 'prior-status', 'import-button', 'import-file', 'import-panel'] as const;
type Elements = Record<(typeof IDS)[number], HTMLElement & { value?: string; disabled?: boolean; open?: boolean; files?: FileList | null }>;

const valueOf = (el: { value?: string }): string => String(el.value ?? '').trim();
const isDisabled = (el: Element): boolean => el.hasAttribute('disabled');

function setDisabled(el: HTMLElement, disabled: boolean): void {
  if (disabled) el.setAttribute('disabled', '');
  else el.removeAttribute('disabled');
}

function button(doc: Document, text: string, onClick: () => void, primary = false): HTMLElement {
  const b = doc.createElement('fluent-button');
  if (primary) b.setAttribute('appearance', 'primary');
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

export class Pane {
  /** Settles when the first check after start has been shown. */
  readonly ready: Promise<void>;
  private readonly el: Elements;
  private readonly readFile: PriorFileReader;
  private readonly readCurrentFile: CurrentFileReader;
  /** A file read for 导入本年数据, waiting for the user's choice in the panel. */
  private pendingImport: PendingImport | null = null;
  private readonly now: () => Date;
  private templates: TemplateSheetInfo[] = [];
  private shown: string | null = null;
  private current: SheetRead | null = null;
  private prior: Prior = { kind: 'none' };
  /** The user picked last year's report (or none) themselves: no automatic choice any more. */
  private priorChosen = false;
  private acks: Acknowledgement[] = [];
  private view: CheckView | null = null;
  private draft: Draft | null = null;
  /** Why the last read failed, shown instead of a summary. */
  private error: string | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private needCurrent = false;
  private needPrior = false;
  private drainer: Promise<void> | null = null;
  /** Files being read (outside the host queue: reading a file needs no host): idle() waits for them too. */
  private readonly reading = new Set<Promise<unknown>>();
  private readonly stops: (() => Promise<void>)[] = [];
  private readonly upgradeOffer: UpgradeOffer;

  constructor(
    private readonly doc: Document,
    private readonly host: WorkbookHost,
    options: PaneOptions = {},
  ) {
    // The importers load when a file is first chosen, not with the page (the runtime starts with every workbook).
    this.readFile = options.readPriorFile ?? (async (...args) => (await import(/* webpackChunkName: "prior-file" */ './prior-file')).readPriorFile(...args));
    this.readCurrentFile =
      options.readCurrentFile ?? (async (...args) => (await import(/* webpackChunkName: "report-file" */ './report-file')).readCurrentFile(...args));
    this.now = options.now ?? (() => new Date());
    this.el = Object.fromEntries(
      IDS.map((id) => {
        const e = doc.getElementById(id);
        if (!e) throw new Error(`taskpane.html lacks #${id}`);
        return [id, e];
      }),
    ) as Elements;
    const choice = currentChoice();
    this.el.org.value = choice.org;
    this.el.year.value = choice.year === null ? '' : String(choice.year);
    this.el.insert.addEventListener('click', () => void this.insert(false));
    this.el.check.addEventListener('click', () => void this.check());
    this.el['fill-blanks'].addEventListener('click', (e) => !isDisabled(e.currentTarget as Element) && void this.quickFix('fill-blanks'));
    this.el['recompute-totals'].addEventListener('click', (e) => !isDisabled(e.currentTarget as Element) && void this.quickFix('recompute-totals'));
    this.el.findings.addEventListener('click', (e) => this.onFindingsClick(e));
    this.el.findings.addEventListener('keydown', (e) => this.onFindingsKey(e));
    this.el.prior.addEventListener('change', () => void this.choosePrior(valueOf(this.el.prior)));
    this.el['prior-file-button'].addEventListener('click', () => this.el['prior-file'].click());
    this.el['prior-file'].addEventListener('change', () => this.track(this.loadPriorFile()));
    this.el['import-button'].addEventListener('click', () => this.el['import-file'].click());
    this.el['import-file'].addEventListener('change', () => this.track(this.loadCurrentFile()));
    this.el['import-panel'].addEventListener('click', (e) => this.onImportClick(e));
    this.el['import-panel'].addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.pendingImport) {
        e.preventDefault();
        void this.answerImport('cancel');
      }
    });
    this.upgradeOffer = new UpgradeOffer(doc, host, this.el.summary, (task) => this.exclusive(task), () => this.refresh());
    onNotice((n) => this.showNotice(n));
    this.ready = options.autoStart === false ? Promise.resolve() : this.start();
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Loads acknowledgements, listens to edits (and to sheet activation), and checks the template in view. */
  async start(): Promise<void> {
    await this.exclusive(async () => {
      this.acks = await this.host.loadAcknowledgements().catch(() => []);
    });
    try {
      this.stops.push(await this.host.onEdit((burst) => this.onBurst(burst)));
      if (this.host.onActivate) this.stops.push(await this.host.onActivate((sheet) => void this.onActivated(sheet)));
    } catch {
      // Without events the pane still checks on request (重新校验).
    }
    await this.refresh();
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    const stops = this.stops.splice(0);
    for (const s of stops) await s().catch(() => undefined);
  }

  /** Settles when nothing is queued or running: for tests and the preview. */
  async idle(): Promise<void> {
    for (;;) {
      const chain = this.chain;
      const drainer = this.drainer;
      await chain.catch(() => undefined);
      await drainer;
      await Promise.all([...this.reading]);
      if (chain === this.chain && drainer === this.drainer && this.reading.size === 0 && !this.needCurrent && !this.needPrior) return;
    }
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.reading.delete(p));
    this.reading.add(p);
  }

  /** Host calls one at a time, in order. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.catch(() => undefined).then(task);
    this.chain = run;
    return run;
  }

  // ---- which sheet ------------------------------------------------------------------------

  /** Finds the templates and shows one: the given sheet, else the one in view, else the one shown, else the latest year's. */
  refresh(preferred?: string): Promise<void> {
    return this.exclusive(() => this.refreshNow(preferred));
  }

  private async refreshNow(preferred?: string): Promise<void> {
    let list: { sheets: TemplateSheetInfo[]; active: string | null };
    try {
      list = await this.host.templates();
    } catch (e) {
      clearSummary(this.el.summary, `未能读取工作簿：${describeError(e)}`);
      return;
    }
    this.templates = list.sheets;
    this.el['insert-section'].open = list.sheets.length === 0 || !this.el['notice'].hidden;
    const names = list.sheets.map((s) => s.name);
    const latest = [...list.sheets].sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0]?.name ?? null;
    const target = [preferred, list.active, this.shown, latest].find((s): s is string => !!s && names.includes(s)) ?? null;
    if (target === null) {
      this.shown = null;
      this.current = null;
      this.view = null;
      this.el['sheet-line'].textContent = '';
      clearSummary(this.el.summary, '本工作簿还没有年报模板：请在“插入年报模板”中填写机关和年度后插入。');
      this.el.findings.replaceChildren();
      this.updateFixes();
      this.renderPrior();
      await this.upgradeOffer.show(null);
      return;
    }
    await this.showSheet(target);
  }

  private async showSheet(sheet: string): Promise<void> {
    if (sheet !== this.shown) {
      this.shown = sheet;
      this.current = null;
      this.draft = null;
      if (this.prior.kind === 'sheet' && this.prior.sheet === sheet) this.priorChosen = false;
    }
    // Also when the templates changed: last year's template may have been inserted since.
    if (!this.priorChosen) this.prior = this.automaticPrior();
    if (this.prior.kind === 'sheet' && this.prior.report === null && !this.prior.error) await this.readPrior();
    await this.readCurrent();
    this.render();
    await this.upgradeOffer.show(this.shown);
  }

  /** Last year's template in this workbook, if there is one. */
  private automaticPrior(): Prior {
    if (this.prior.kind === 'file') return this.prior;
    const year = this.templates.find((t) => t.name === this.shown)?.year ?? null;
    const last = year === null ? undefined : this.templates.find((t) => t.name !== this.shown && t.year === year - 1);
    if (!last) return { kind: 'none' };
    if (this.prior.kind === 'sheet' && this.prior.sheet === last.name) return this.prior;
    return { kind: 'sheet', sheet: last.name, report: null };
  }

  /** Another template came into view: show it. A sheet that is no template leaves the pane as it is. */
  private onActivated(sheet: string): Promise<void> {
    return this.exclusive(async () => {
      if (sheet === this.shown) return;
      if (!this.templates.some((t) => t.name === sheet)) {
        // Perhaps a template copied or inserted by other means since the pane last looked.
        const list = await this.host.templates().catch(() => null);
        if (!list?.sheets.some((t) => t.name === sheet)) return;
        this.templates = list.sheets;
      }
      await this.showSheet(sheet);
    });
  }

  // ---- checking -----------------------------------------------------------------------------

  /** Checks the shown template again (the 重新校验 button), re-reading last year's sheet too. */
  check(): Promise<void> {
    return this.exclusive(async () => {
      if (this.shown === null) return this.refreshNow();
      if (this.prior.kind === 'sheet') this.prior = { ...this.prior, report: null, error: undefined };
      await this.showSheet(this.shown);
    });
  }

  private onBurst(burst: EditBurst): void {
    if (burst.sheet === this.shown) {
      // An edit no rule reads (a note beside the tables) needs no check.
      if (burst.cells !== 'unknown' && affectedRules(burst.cells).length === 0) return;
      this.schedule('current');
    } else if (this.prior.kind === 'sheet' && burst.sheet === this.prior.sheet) {
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
      await this.exclusive(async () => {
        if (this.shown === null) return;
        if (prior) await this.readPrior();
        if (current || this.current === null) await this.readCurrent();
        this.render();
      });
    }
  }

  private async readCurrent(): Promise<void> {
    if (this.shown === null) return;
    this.el.summary.setAttribute('aria-busy', 'true');
    try {
      const read = await this.host.read(this.shown);
      if (!read.isTemplate) {
        this.current = null;
        this.shown = null;
        return;
      }
      if (read.sheet !== this.shown) {
        // Renamed: keep following it under its new name.
        this.shown = read.sheet;
      }
      this.current = read;
    } catch (e) {
      this.current = null;
      this.error = `校验未能完成：${describeError(e)}`;
    } finally {
      this.el.summary.removeAttribute('aria-busy');
    }
  }

  private async readPrior(): Promise<void> {
    if (this.prior.kind !== 'sheet') return;
    const sheet = this.prior.sheet;
    try {
      const read = await this.host.read(sheet);
      this.prior = read.isTemplate ? { kind: 'sheet', sheet: read.sheet, report: read.report } : { kind: 'sheet', sheet, report: null, error: `工作表“${sheet}”不是年报模板` };
    } catch (e) {
      this.prior = { kind: 'sheet', sheet, report: null, error: `未能读取工作表“${sheet}”：${describeError(e)}` };
    }
  }

  private priorReport(): Report | null {
    return this.prior.kind === 'none' ? null : this.prior.report;
  }

  // ---- showing ------------------------------------------------------------------------------

  private render(): void {
    this.renderPrior();
    if (this.error !== null) {
      clearSummary(this.el.summary, this.error);
      this.error = null;
      return;
    }
    if (this.shown === null || this.current === null) {
      this.view = null;
      this.el['sheet-line'].textContent = '';
      clearSummary(this.el.summary, '当前没有可校验的年报模板：请切换到模板工作表，或先插入年报模板。');
      this.el.findings.replaceChildren();
      this.updateFixes();
      return;
    }
    this.view = buildView(this.current, this.priorReport(), this.acks);
    this.el['sheet-line'].textContent = `校验工作表“${this.view.sheet}”`;
    renderSummary(this.el.summary, this.view);
    const focus = this.focusState();
    this.keepDraft();
    renderFindings(this.doc, this.el.findings, this.view, this.draft);
    this.restoreFocus(focus);
    this.updateFixes();
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

  private renderPrior(): void {
    const select = this.el.prior as HTMLSelectElement;
    const options: [string, string][] = [['', '不核对上年']];
    for (const t of this.templates) if (t.name !== this.shown) options.push([`sheet:${t.name}`, `工作表“${t.name}”`]);
    if (this.prior.kind === 'file') options.push(['file', `文件 ${this.prior.name}`]);
    select.replaceChildren(
      ...options.map(([value, text]) => {
        const o = this.doc.createElement('option');
        o.value = value;
        o.textContent = text;
        return o;
      }),
    );
    select.value = this.prior.kind === 'none' ? '' : this.prior.kind === 'file' ? 'file' : `sheet:${this.prior.sheet}`;
    const status = this.el['prior-status'];
    const year = (r: Report | null) => (r?.year ? `，${r.year}年度` : '');
    let text = '';
    if (this.prior.kind === 'sheet') {
      text = this.prior.error ?? `上年：工作表“${this.prior.sheet}”${year(this.prior.report)}${this.priorChosen ? '' : '（自动选择）'}`;
    } else if (this.prior.kind === 'file') {
      const problems = this.prior.problems > 0 ? `；读取时有 ${this.prior.problems} 处未能读取的内容，相关的跨年度核对从略` : '';
      text = `上年：文件 ${this.prior.name}${this.prior.sheet ? `（工作表“${this.prior.sheet}”）` : ''}${year(this.prior.report)}${problems}`;
    }
    status.textContent = text;
    status.hidden = text === '';
    status.className = this.prior.kind === 'sheet' && this.prior.error ? 'note error' : 'note';
  }

  /** A reason being typed survives a re-check (the list is redrawn); it goes when its finding goes. */
  private keepDraft(): void {
    if (this.draft === null) return;
    const input = this.itemElement(this.draft.key)?.querySelector('[data-role="reason"]') as (HTMLElement & { value?: string }) | null | undefined;
    if (input) this.draft = { ...this.draft, text: String(input.value ?? '') };
    if (!this.view?.groups.some((g) => g.items.some((i) => i.key === this.draft?.key))) this.draft = null;
  }

  /** Which finding and control had the focus, so a re-check does not throw a keyboard user out of the list. */
  private focusState(): { key: string; action: string | null } | null {
    const active = this.doc.activeElement as HTMLElement | null;
    if (!active || !this.el.findings.contains(active)) return null;
    const li = active.closest('li') as HTMLElement | null;
    return li?.dataset.key ? { key: li.dataset.key, action: active.getAttribute('data-action') ?? active.getAttribute('data-role') } : null;
  }

  private restoreFocus(state: { key: string; action: string | null } | null): void {
    const li = this.itemElement(this.draft?.key ?? state?.key);
    if (!li) return;
    const wanted = this.draft && this.draft.key === li.dataset.key ? '[data-role="reason"]' : state?.action ? `[data-action="${state.action}"],[data-role="${state.action}"]` : '.where';
    (li.querySelector(wanted) as HTMLElement | null)?.focus();
  }

  private itemElement(key: string | undefined): HTMLElement | null {
    if (key === undefined) return null;
    for (const li of Array.from(this.el.findings.querySelectorAll('li'))) if ((li as HTMLElement).dataset.key === key) return li as HTMLElement;
    return null;
  }

  private item(key: string | undefined): Item | undefined {
    return this.view?.groups.flatMap((g) => g.items).find((i) => i.key === key);
  }

  private note(text: string): void {
    const n = this.el['fix-note'];
    n.textContent = text;
    n.hidden = text === '';
  }

  // ---- acting on findings -------------------------------------------------------------------

  private onFindingsClick(e: Event): void {
    const target = e.target as HTMLElement;
    const li = target.closest('li') as HTMLElement | null;
    if (!li || !this.el.findings.contains(li)) return;
    const key = li.dataset.key;
    const control = target.closest('[data-action]') as HTMLElement | null;
    if (control && isDisabled(control)) return;
    switch (control?.dataset.action) {
      case 'apply-suggestion':
        void this.applySuggestion(key);
        return;
      case 'acknowledge':
        this.draft = { key: key!, text: '' };
        this.render();
        return;
      case 'save-acknowledgement':
        void this.saveAcknowledgement(li);
        return;
      case 'cancel-acknowledgement':
        this.draft = null;
        this.render();
        return;
      case 'withdraw-acknowledgement':
        void this.withdraw(key);
        return;
      case 'select-cells':
      case undefined:
        // A click anywhere on a finding (but in its reason field) selects its cells.
        if (target.closest('[data-role="reason"]')) return;
        void this.selectCells(key);
        return;
      default:
        return;
    }
  }

  private onFindingsKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest('[data-role="reason"]')) {
      const li = target.closest('li') as HTMLElement;
      if (e.key === 'Enter') {
        e.preventDefault();
        void this.saveAcknowledgement(li);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.draft = null;
        this.render();
      }
    }
  }

  private selectCells(key: string | undefined): Promise<void> {
    const item = this.item(key);
    const sheet = this.shown;
    if (!item || sheet === null || item.cells.length === 0) return Promise.resolve();
    return this.exclusive(() => this.host.select(sheet, item.cells)).catch((e) => this.note(`未能选中单元格：${describeError(e)}`));
  }

  /** A quick fix: read again first, so a value typed a moment ago is not overwritten, then write only what the fix names. */
  quickFix(kind: 'fill-blanks' | 'recompute-totals'): Promise<void> {
    return this.exclusive(async () => {
      if (this.shown === null) return;
      await this.readCurrent();
      if (this.current === null) return this.render();
      const fresh = buildView(this.current, this.priorReport(), this.acks);
      const changes = kind === 'fill-blanks' ? fresh.fills : fresh.totals;
      if (changes.length > 0) {
        try {
          await this.host.write(this.shown, changes);
          this.note(withUndoNote(this.host, kind === 'fill-blanks' ? `已把 ${changes.length} 个空白格填为 0。` : `已重算 ${changes.length} 个总计格：${changes.slice(0, 3).map((c) => `${cellName(c.cell)} 为 ${formatNumber(c.value)}`).join('；')}${changes.length > 3 ? ' 等' : ''}。`));
        } catch (e) {
          this.note(`修改未能完成：${describeError(e)}`);
        }
        await this.readCurrent();
      }
      this.render();
    });
  }

  private applySuggestion(key: string | undefined): Promise<void> {
    const item = this.item(key) as FindingItem | undefined;
    const s = item?.suggestion;
    if (!s) return Promise.resolve();
    return this.exclusive(async () => {
      if (this.shown === null) return;
      const before = this.current?.report.cells[s.change.cell];
      await this.readCurrent();
      if (this.current === null) return this.render();
      if (this.current.report.cells[s.change.cell] !== before) {
        this.note(`${cellName(s.change.cell)} 刚被修改过，建议已按新的数字重新计算，请再看一遍。`);
      } else {
        try {
          await this.host.write(this.shown, [s.change]);
          this.note(withUndoNote(this.host, `已将 ${cellName(s.change.cell)} 改为 ${formatNumber(s.change.value)}。`));
        } catch (e) {
          this.note(`修改未能完成：${describeError(e)}`);
        }
        await this.readCurrent();
      }
      this.render();
    });
  }

  private async saveAcknowledgement(li: HTMLElement): Promise<void> {
    const key = li.dataset.key;
    const item = this.item(key);
    const sheet = this.shown;
    if (!item || item.kind !== 'finding' || sheet === null) return;
    const input = li.querySelector('[data-role="reason"]') as (HTMLElement & { value?: string }) | null;
    const reason = valueOf(input ?? {});
    if (reason === '') {
      this.draft = { key: item.key, text: '', error: '请填写说明理由' };
      this.render();
      return;
    }
    const ack: Acknowledgement = { fingerprint: item.fingerprint, sheet, reason, at: this.now().toISOString() };
    this.draft = null;
    await this.changeAcknowledgements([...this.acks.filter((a) => !(a.sheet === sheet && a.fingerprint === item.fingerprint)), ack]);
  }

  private async withdraw(key: string | undefined): Promise<void> {
    const item = this.item(key);
    const sheet = this.shown;
    if (!item || item.kind !== 'finding' || sheet === null) return;
    await this.changeAcknowledgements(this.acks.filter((a) => !(a.sheet === sheet && a.fingerprint === item.fingerprint)));
  }

  private changeAcknowledgements(next: Acknowledgement[]): Promise<void> {
    return this.exclusive(async () => {
      this.acks = next;
      this.render();
      try {
        await this.host.saveAcknowledgements(this.acks);
      } catch (e) {
        this.note(`说明未能保存到工作簿：${describeError(e)}`);
      }
    });
  }

  // ---- last year ---------------------------------------------------------------------------

  private choosePrior(value: string): Promise<void> {
    return this.exclusive(async () => {
      this.priorChosen = true;
      if (value === '') this.prior = { kind: 'none' };
      else if (value.startsWith('sheet:')) {
        this.prior = { kind: 'sheet', sheet: value.slice('sheet:'.length), report: null };
        await this.readPrior();
      } else if (value !== 'file') return;
      this.render();
    });
  }

  /**
   * The file just chosen in a file input, read by `read`; a reader that throws becomes a failed
   * result. The input is cleared so the same file can be chosen again.
   */
  private async takeFile<R>(id: 'prior-file' | 'import-file', read: (bytes: Uint8Array, name: string) => Promise<R>): Promise<{ file: File; result: R | { ok: false; error: string } } | null> {
    const input = this.el[id] as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return null;
    let result: R | { ok: false; error: string };
    try {
      result = await read(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (e) {
      result = { ok: false, error: describeError(e) };
    }
    input.value = '';
    return { file, result };
  }

  private async loadPriorFile(): Promise<void> {
    const year = this.current?.report.year ?? null;
    const taken = await this.takeFile('prior-file', (bytes, name) => this.readFile(bytes, name, year));
    if (!taken) return;
    const { file, result } = taken;
    await this.exclusive(async () => {
      if (!result.ok) {
        const status = this.el['prior-status'];
        status.textContent = `未能读取“${file.name}”：${result.error}`;
        status.className = 'note error';
        status.hidden = false;
        return;
      }
      this.priorChosen = true;
      this.prior = { kind: 'file', name: file.name, report: result.report, problems: result.problems, ...(result.sheet ? { sheet: result.sheet } : {}) };
      this.render();
    });
  }

  // ---- this year's data from a file ----------------------------------------------------------

  /**
   * 导入本年数据: reads the chosen file, compares it with the template in view, and fills the
   * blank cells at once — unless a filled cell would change, or the file is of another body or
   * year, or a blank body or year could be filled: then the panel asks first.
   */
  private async loadCurrentFile(): Promise<void> {
    const year = this.current?.report.year ?? this.templates.find((t) => t.name === this.shown)?.year ?? null;
    const taken = await this.takeFile('import-file', (bytes, name) => this.readCurrentFile(bytes, name, year));
    if (!taken) return;
    const { file, result } = taken;
    await this.exclusive(async () => {
      this.pendingImport = null;
      const panel = this.el['import-panel'];
      if (!result.ok) return renderImportMessage(this.doc, panel, 'error', `未能读取“${file.name}”：${result.error}`);
      if (this.shown === null) {
        return renderImportMessage(this.doc, panel, 'error', '当前没有年报模板：请先插入年报模板或切换到模板工作表，再导入本年数据。', result.findings);
      }
      // Compare with what the sheet holds now, not with the last check: a value typed a moment ago counts.
      await this.readCurrent();
      if (this.current === null) {
        this.render();
        return renderImportMessage(this.doc, panel, 'error', '未能读取当前模板，没有导入。', result.findings);
      }
      const pending: PendingImport = {
        file: file.name,
        ...(result.sheet ? { sourceSheet: result.sheet } : {}),
        incoming: result.report,
        findings: result.findings,
        target: this.current.sheet,
        plan: prepareImport(this.current, result.report),
      };
      if (!needsConfirmation(pending.plan)) return this.applyImport(pending, pending.plan, [], {});
      this.pendingImport = pending;
      this.render();
      renderConfirmation(this.doc, panel, pending, this.current.addresses);
      // The safe choice has the focus: an Enter pressed in haste changes no filled cell.
      (panel.querySelector('[data-action="import-blanks-only"]') as HTMLElement | null)?.focus();
    });
  }

  private onImportClick(e: Event): void {
    const control = (e.target as HTMLElement).closest('[data-action]') as HTMLElement | null;
    if (!control || isDisabled(control)) return;
    const choice = control.dataset.action;
    if (choice === 'import-overwrite') void this.answerImport('overwrite');
    else if (choice === 'import-blanks-only') void this.answerImport('blanks-only');
    else if (choice === 'import-cancel') void this.answerImport('cancel');
  }

  /** The user's answer to the confirmation. Nothing is written before it, and 取消 writes nothing. */
  private answerImport(choice: 'overwrite' | 'blanks-only' | 'cancel'): Promise<void> {
    const pending = this.pendingImport;
    if (!pending) return Promise.resolve();
    const panel = this.el['import-panel'];
    const metaChosen = {
      org: (panel.querySelector('input[data-meta="org"]') as HTMLInputElement | null)?.checked ?? false,
      year: (panel.querySelector('input[data-meta="year"]') as HTMLInputElement | null)?.checked ?? false,
    };
    this.pendingImport = null;
    for (const b of Array.from(panel.querySelectorAll('[data-action]'))) setDisabled(b as HTMLElement, true);
    return this.exclusive(async () => {
      if (choice === 'cancel') {
        renderImportMessage(this.doc, panel, 'cancelled', `已取消导入“${pending.file}”，未修改任何单元格。`);
      } else if (this.shown !== pending.target) {
        renderImportMessage(this.doc, panel, 'error', `模板工作表已切换，导入已取消，未修改任何单元格；请在要填写的模板中重新导入。`);
      } else {
        // Read again: the user may have typed while deciding. Only what was shown is replaced, and
        // only while it still holds what was shown; a cell filled meanwhile is a filled cell.
        await this.readCurrent();
        if (this.current === null) {
          this.render();
          renderImportMessage(this.doc, panel, 'error', '未能读取当前模板，没有导入。');
        } else {
          const fresh = prepareImport(this.current, pending.incoming);
          const meta = { ...(metaChosen.org ? { org: fresh.offer.org } : {}), ...(metaChosen.year ? { year: fresh.offer.year } : {}) };
          const shown = new Map(pending.plan.conflicts.map((c) => [c.id, c.current]));
          const replace =
            choice === 'overwrite' ? fresh.conflicts.filter((c) => shown.has(c.id) && shownValue(shown.get(c.id)) === shownValue(c.current)) : [];
          await this.applyImport(pending, fresh, replace, meta);
        }
      }
      this.el['import-button'].focus();
    });
  }

  /**
   * One write — the blank cells, the replacements chosen, the body or year chosen — then one
   * check (our own write raises no edit). Runs inside exclusive().
   */
  private async applyImport(pending: PendingImport, plan: ImportPlan, replace: readonly FillConflict[], meta: MetaWrite): Promise<void> {
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
        await this.host.write(pending.target, changes, metaWrite);
        this.note(undoNote(this.host));
      } catch (e) {
        outcome.error = describeError(e);
      }
      if (withMeta) {
        // A year filled in can make another template last year's: look at the templates again.
        await this.refreshNow(pending.target);
      } else {
        await this.readCurrent();
        this.render();
      }
    }
    renderOutcome(this.doc, this.el['import-panel'], outcome);
  }

  // ---- inserting ---------------------------------------------------------------------------

  private choice(): { org: string; year: number | null } | null {
    const yearText = valueOf(this.el.year);
    const year = parseYear(yearText);
    if (yearText !== '' && year === null) {
      this.say('error', `报告年度“${yearText}”无效，应为四位年份，如 ${currentChoice().year ?? 2024}`);
      return null;
    }
    const c = { org: valueOf(this.el.org), year };
    setChoice(c);
    return c;
  }

  /** Inserts the template (the 插入年报模板 button); the notice that follows shows and checks it. */
  insert(force: boolean): Promise<void> {
    const c = this.choice();
    if (!c) return Promise.resolve();
    return this.exclusive(async () => {
      try {
        const result = await this.host.insertTemplate({ ...c, force });
        if (result.status === 'exists') announce({ kind: 'exists', sheet: result.sheet, ...c });
        else announce({ kind: 'inserted', sheet: result.sheet });
      } catch (e) {
        announce({ kind: 'error', message: `插入年报模板失败：${describeError(e)}` });
      }
    });
  }

  private say(kind: 'info' | 'error', text: string, actions: HTMLElement[] = []): void {
    const n = this.el.notice;
    n.replaceChildren();
    n.className = `notice ${kind}`;
    const p = this.doc.createElement('p');
    p.textContent = text;
    n.append(p, ...actions);
    n.hidden = false;
    this.el['insert-section'].open = true;
  }

  /** Notices from the pane's own insertion and from the ribbon button, which shares this runtime. */
  showNotice(notice: Notice): void {
    if (notice.kind === 'inserted') {
      this.say('info', `已插入工作表“${notice.sheet}”。请在黄色格中填写数字，无数据填0；表格旁的校验格显示“✓”或差额。`);
      void this.refresh(notice.sheet);
    } else if (notice.kind === 'exists') {
      this.el.org.value = notice.org;
      this.el.year.value = notice.year === null ? '' : String(notice.year);
      this.say('info', `本工作簿已有${notice.year ?? ''}年度的年报模板（工作表“${notice.sheet}”）。`, [
        button(this.doc, '转到该工作表', () => void this.goTo(notice.sheet), true),
        button(this.doc, '仍然插入新模板', () => void this.insert(true)),
      ]);
    } else {
      this.say('error', notice.message);
    }
  }

  private goTo(sheet: string): Promise<void> {
    return this.exclusive(async () => {
      try {
        await this.host.activate(sheet);
        this.el.notice.hidden = true;
        await this.refreshNow(sheet);
      } catch (e) {
        this.say('error', describeError(e));
      }
    });
  }
}
