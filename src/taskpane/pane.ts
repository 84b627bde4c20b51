/**
 * The checking pane: a small coordinator over its feature parts (src/taskpane/parts/*) —
 * insertion, checking, acting on findings, acknowledgements (说明), last year's report, and this
 * year's data imported from a report being revised (导入本年数据).
 *
 * It runs against a WorkbookHost (src/host/contract.ts) and nothing host-specific, so the same
 * code runs in Excel (src/excel/host.ts) and in the in-page preview: `new Pane(document, host)`.
 * The coordinator owns which template is shown and the host queue: host calls never overlap,
 * they run one after another.
 *
 * Everything that comes from the workbook is shown with textContent: a cell may hold any text.
 */
import type { Report } from '../core/report';
import type { Acknowledgement, SheetRead, TemplateSheetInfo, WorkbookHost } from '../host/contract';
import type { Draft } from './findings-view';
import type { CheckView } from './model';
import { elements, type OpenFile, type PaneContext } from './part';
import type { PriorFileReader } from './prior-file';
import type { CurrentFileReader } from './report-file';
import { describeError, onNotice, type Notice } from './session';
import { mark } from '../host/timing';
import { Acknowledgements } from './parts/acknowledgements';
import { CheckMode } from './parts/check-mode';
import { Checking } from './parts/checking';
import { ExportWord, OpenInBrowser, SaveFileAs, browserDownload, savedOrNot } from './parts/export-word';
import { Findings } from './parts/findings';
import { Import } from './parts/import';
import { Insertion } from './parts/insertion';
import { PriorReport } from './parts/prior';
import { SelfTest } from './parts/selftest';
import { WorkbookOptions } from './parts/workbook-options';
import { UpgradeOffer } from './upgrade-view';
import type { Ledger, LedgerFileReader } from './parts/ledger';

export interface PaneOptions {
  /** Start at once (the default): load acknowledgements, find the templates, listen, check. */
  autoStart?: boolean;
  /** Reads a file chosen as last year's report; the default reads .json and .xlsx. */
  readPriorFile?: PriorFileReader;
  /** Reads a register file chosen in the 台账 section; the default reads .xlsx in the browser. */
  readLedgerFile?: LedgerFileReader;
  /** Reads a file chosen to fill the template in view (导入本年数据); the default reads what the importers read. */
  readCurrentFile?: CurrentFileReader;
  /** How 导出 Word hands over the document: a browser download by default; null where the host cannot save a file. */
  saveFile?: SaveFileAs | null;
  /** Optional: the host's own open-file dialog for 导入 and last year's file (WPS); the page's file input otherwise. */
  openFile?: OpenFile;
  /** Where the host can open the system browser (Excel on Windows with OpenBrowserWindowApi): 导出 Word offers 在浏览器中导出. */
  openInBrowser?: OpenInBrowser | null;
  now?: () => Date;
}

export class Pane implements PaneContext {
  /** Settles when the first check after start has been shown. */
  readonly ready: Promise<void>;
  readonly now: () => Date;
  readonly openFile?: OpenFile;
  templates: TemplateSheetInfo[] = [];
  shown: string | null = null;

  private readonly checking: Checking;
  private readonly findings: Findings;
  private readonly acks: Acknowledgements;
  private readonly prior: PriorReport;
  private readonly importing: Import;
  private readonly insertion: Insertion;
  private readonly upgradeOffer: UpgradeOffer;
  private readonly mode: CheckMode;
  private readonly options: WorkbookOptions;
  /** The 环境自检 (shown where the host has one). */
  readonly selfTest: SelfTest;

  /** The register part, loaded when first wanted (the ledger core is not on the first screen). */
  private ledger: Promise<Ledger> | null = null;
  private ledgerPart: Ledger | null = null;
  private readonly readLedgerFile: LedgerFileReader;

  private chain: Promise<unknown> = Promise.resolve();
  /** Files being read (outside the host queue: reading a file needs no host): idle() waits for them too. */
  private readonly reading = new Set<Promise<unknown>>();
  private readonly stops: (() => Promise<void>)[] = [];

  constructor(
    readonly doc: Document,
    readonly host: WorkbookHost,
    options: PaneOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.openFile = options.openFile;
    // The importers load when a file is first chosen, not with the page (the runtime starts with every workbook).
    const readPriorFile: PriorFileReader =
      options.readPriorFile ?? (async (...args) => (await import(/* webpackChunkName: "prior-file" */ './prior-file')).readPriorFile(...args));
    const readCurrentFile: CurrentFileReader =
      options.readCurrentFile ?? (async (...args) => (await import(/* webpackChunkName: "report-file" */ './report-file')).readCurrentFile(...args));
    this.readLedgerFile =
      options.readLedgerFile ?? (async (...args) => (await import(/* webpackChunkName: "ledger-file" */ './ledger-file')).readLedgerXlsx(...args));
    this.insertion = new Insertion(this, (sheet) => this.refresh(sheet));
    this.prior = new PriorReport(this, readPriorFile);
    this.checking = new Checking(this, this.prior);
    this.acks = new Acknowledgements(this, this.checking);
    this.findings = new Findings(this, this.checking, this.acks);
    this.importing = new Import(this, readCurrentFile);
    const saveFile = options.saveFile === undefined ? browserDownload(doc) : options.saveFile;
    new ExportWord(this, saveFile, options.openInBrowser ?? null);
    this.options = new WorkbookOptions(this);
    this.selfTest = new SelfTest(this, saveFile && savedOrNot(saveFile));
    this.mode = new CheckMode(this, {
      onBurst: (burst) => {
        this.checking.onBurst(burst);
        this.ledgerPart?.onBurst(burst);
      },
      onActivated: (sheet) => void this.onActivated(sheet),
      onShown: () => void this.recheckInView(),
    });
    this.upgradeOffer = new UpgradeOffer(doc, host, elements(doc, ['summary']).summary, (task) => this.exclusive(task), () => this.refresh());
    elements(doc, ['check']).check.addEventListener('click', () => void this.check());
    const ledger = elements(doc, ['ledger-section', 'ledger-insert']);
    ledger['ledger-section'].addEventListener('toggle', () => ledger['ledger-section'].open && void this.openLedger());
    ledger['ledger-insert'].addEventListener('click', () => void this.insertLedger());
    onNotice((n) => this.showNotice(n));
    this.ready = options.autoStart === false ? Promise.resolve() : this.start();
  }

  // ---- the context the parts share ----------------------------------------------------------

  get current(): SheetRead | null {
    return this.checking.current;
  }

  get view(): CheckView | null {
    return this.checking.view;
  }

  get draft(): Draft | null {
    return this.acks.draft;
  }

  set draft(draft: Draft | null) {
    this.acks.draft = draft;
  }

  priorReport(): Report | null {
    return this.prior.report();
  }

  acknowledgements(): readonly Acknowledgement[] {
    return this.acks.list;
  }

  readCurrent(): Promise<void> {
    return this.checking.read();
  }

  render(): void {
    this.prior.render();
    this.checking.render();
    this.ledgerPart?.render();
  }

  async update(): Promise<void> {
    this.render();
    await this.upgradeOffer.show(this.shown);
    await this.options.show(this.shown);
  }

  note(text: string): void {
    this.checking.note(text);
  }

  /** Host calls one at a time, in order. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.catch(() => undefined).then(task);
    this.chain = run;
    return run;
  }

  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.reading.delete(p));
    this.reading.add(p);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Loads acknowledgements, listens to edits (and to sheet activation), and checks the template in view. */
  async start(): Promise<void> {
    await this.exclusive(() => this.acks.load());
    // Live (after every burst of edits), or on request where reading may cost the undo history.
    await this.mode.attach();
    try {
      await this.refresh();
    } finally {
      // Usable: the handlers are attached and the first screen is drawn. The bench and the tests wait for this.
      this.doc.body.setAttribute('data-ready', '');
      mark('nb:ready');
    }
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    const stops = this.stops.splice(0);
    for (const s of stops) await s().catch(() => undefined);
    await this.mode.stop();
  }

  /** Settles when nothing is queued or running: for tests and the preview. */
  async idle(): Promise<void> {
    for (;;) {
      const chain = this.chain;
      const drainer = this.checking.pending.running;
      const ledger = this.ledgerPart?.running ?? null;
      await chain.catch(() => undefined);
      await drainer;
      await ledger;
      await Promise.all([...this.reading]);
      if (chain === this.chain && drainer === this.checking.pending.running && ledger === (this.ledgerPart?.running ?? null) && this.reading.size === 0 && !this.checking.pending.queued) return;
    }
  }

  // ---- which sheet ------------------------------------------------------------------------

  /** Finds the templates and shows one: the given sheet, else the one in view, else the one shown, else the latest year's. */
  refresh(preferred?: string): Promise<void> {
    return this.exclusive(() => this.refreshNow(preferred));
  }

  async refreshNow(preferred?: string): Promise<void> {
    let list: { sheets: TemplateSheetInfo[]; active: string | null };
    try {
      list = await this.host.templates();
    } catch (e) {
      this.checking.showFailure(`未能读取工作簿：${describeError(e)}`);
      return;
    }
    this.templates = list.sheets;
    this.insertion.templatesChanged(list.sheets.length);
    const names = list.sheets.map((s) => s.name);
    const latest = [...list.sheets].sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0]?.name ?? null;
    const target = [preferred, list.active, this.shown, latest].find((s): s is string => !!s && names.includes(s)) ?? null;
    if (target === null) {
      this.shown = null;
      this.checking.forget();
      this.checking.showEmpty('本工作簿还没有年报模板：请在“插入年报模板”中填写机关和年度后插入。');
      this.prior.render();
      await this.upgradeOffer.show(null);
      await this.options.show(null);
      return;
    }
    await this.showSheet(target);
  }

  private async showSheet(sheet: string): Promise<void> {
    const changed = sheet !== this.shown;
    if (changed) {
      this.shown = sheet;
      this.checking.forget();
      this.acks.draft = null;
    }
    await this.prior.follow(sheet, changed);
    await this.checking.read();
    await this.update();
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

  // ---- what the ribbon, the buttons and the tests ask for ---------------------------------------

  /** The pane was shown again (on-demand checking): the template in view, read afresh with last year's. */
  recheckInView(): Promise<void> {
    return this.exclusive(async () => {
      this.prior.forget();
      await this.refreshNow();
    });
  }

  /** Checks the shown template again (the 重新校验 button), re-reading last year's sheet too. */
  check(): Promise<void> {
    return this.exclusive(async () => {
      if (this.shown === null) return this.refreshNow();
      this.prior.forget();
      await this.showSheet(this.shown);
    });
  }

  /** A quick fix (空白格填0 / 重算总计), as its button does. */
  quickFix(kind: 'fill-blanks' | 'recompute-totals'): Promise<void> {
    return this.findings.quickFix(kind);
  }

  /** Inserts the template (the 插入年报模板 button). */
  insert(force: boolean): Promise<void> {
    return this.insertion.insert(force);
  }

  // ---- the register (台账), loaded on demand ---------------------------------------------------

  private loadLedger(): Promise<Ledger> {
    this.ledger ??= import(/* webpackChunkName: "ledger" */ './parts/ledger').then((m) => (this.ledgerPart = new m.Ledger(this, this.importing, this.readLedgerFile)));
    const loading = this.ledger;
    this.track(loading);
    return loading;
  }

  /** Opens the 台账 section's work: lists the register sheets and reads the chosen (or given) one. */
  async openLedger(preferred?: string): Promise<void> {
    const part = await this.loadLedger();
    await part.open(preferred);
  }

  /** Inserts the standard register (the 插入台账 button in the pane and the ribbon) and shows it in the section. */
  async insertLedger(): Promise<void> {
    const section = this.doc.getElementById('ledger-section') as HTMLDetailsElement | null;
    if (section) section.open = true;
    const part = await this.loadLedger();
    await part.insert();
  }

  /** Notices from the pane's own insertion and from the ribbon button, which shares this runtime. */
  showNotice(notice: Notice): void {
    if (notice.kind === 'ledger') {
      const section = this.doc.getElementById('ledger-section') as HTMLDetailsElement | null;
      if (section) section.open = true;
      void this.openLedger(notice.sheet);
      return;
    }
    this.insertion.showNotice(notice);
  }
}
