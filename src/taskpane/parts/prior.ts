/**
 * Last year's report (上年报告) for the cross-year rules: chosen automatically (last year's
 * template in this workbook), picked by the user among the workbook's templates, or read from a
 * file. Its sheet is read when chosen or edited, not on every check.
 */
import type { Report } from '../../core/report';
import type { PriorFileReader } from '../prior-file';
import { ChosenFile, PaneContext, chooseFile, elements, takeFile, valueOf } from '../part';
import { describeError } from '../session';

type Prior =
  | { kind: 'none' }
  | { kind: 'sheet'; sheet: string; report: Report | null; error?: string }
  | { kind: 'file'; name: string; report: Report; sheet?: string; problems: number };

const IDS = ['prior', 'prior-file', 'prior-file-button', 'prior-status'] as const;

export class PriorReport {
  private readonly el;
  private prior: Prior = { kind: 'none' };
  /** The user picked last year's report (or none) themselves: no automatic choice any more. */
  private chosen = false;

  constructor(
    private readonly ctx: PaneContext,
    private readonly readFile: PriorFileReader,
  ) {
    this.el = elements(ctx.doc, IDS);
    this.el.prior.addEventListener('change', () => void this.choose(valueOf(this.el.prior)));
    this.el['prior-file-button'].addEventListener('click', () => chooseFile(this.el['prior-file'], ctx.openFile, (f) => ctx.track(this.loadFile(f))));
    this.el['prior-file'].addEventListener('change', () => ctx.track(this.loadFile()));
  }

  report(): Report | null {
    return this.prior.kind === 'none' ? null : this.prior.report;
  }

  /** The prior sheet's name when last year's report is a sheet of this workbook. */
  sheet(): string | null {
    return this.prior.kind === 'sheet' ? this.prior.sheet : null;
  }

  /**
   * A sheet is about to be shown (`changed`: another than before). Follows the automatic choice —
   * also when the templates changed: last year's template may have been inserted since — and
   * reads last year's sheet if it has not been read. Inside exclusive().
   */
  async follow(shown: string, changed: boolean): Promise<void> {
    if (changed && this.prior.kind === 'sheet' && this.prior.sheet === shown) this.chosen = false;
    if (!this.chosen) this.prior = this.automatic();
    if (this.prior.kind === 'sheet' && this.prior.report === null && !this.prior.error) await this.read();
  }

  /** 重新校验 reads last year's sheet again too. */
  forget(): void {
    if (this.prior.kind === 'sheet') this.prior = { ...this.prior, report: null, error: undefined };
  }

  /** Last year's template in this workbook, if there is one. */
  private automatic(): Prior {
    if (this.prior.kind === 'file') return this.prior;
    const year = this.ctx.templates.find((t) => t.name === this.ctx.shown)?.year ?? null;
    const last = year === null ? undefined : this.ctx.templates.find((t) => t.name !== this.ctx.shown && t.year === year - 1);
    if (!last) return { kind: 'none' };
    if (this.prior.kind === 'sheet' && this.prior.sheet === last.name) return this.prior;
    return { kind: 'sheet', sheet: last.name, report: null };
  }

  /** Reads last year's sheet. Inside exclusive(). */
  async read(): Promise<void> {
    if (this.prior.kind !== 'sheet') return;
    const sheet = this.prior.sheet;
    try {
      const read = await this.ctx.host.read(sheet);
      this.prior = read.isTemplate ? { kind: 'sheet', sheet: read.sheet, report: read.report } : { kind: 'sheet', sheet, report: null, error: `工作表“${sheet}”不是年报模板` };
    } catch (e) {
      this.prior = { kind: 'sheet', sheet, report: null, error: `未能读取工作表“${sheet}”：${describeError(e)}` };
    }
  }

  render(): void {
    const select = this.el.prior as HTMLSelectElement;
    const options: [string, string][] = [['', '不核对上年']];
    for (const t of this.ctx.templates) if (t.name !== this.ctx.shown) options.push([`sheet:${t.name}`, `工作表“${t.name}”`]);
    if (this.prior.kind === 'file') options.push(['file', `文件 ${this.prior.name}`]);
    select.replaceChildren(
      ...options.map(([value, text]) => {
        const o = this.ctx.doc.createElement('option');
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
      text = this.prior.error ?? `上年：工作表“${this.prior.sheet}”${year(this.prior.report)}${this.chosen ? '' : '（自动选择）'}`;
    } else if (this.prior.kind === 'file') {
      const problems = this.prior.problems > 0 ? `；读取时有 ${this.prior.problems} 处未能读取的内容，相关的跨年度核对从略` : '';
      text = `上年：文件 ${this.prior.name}${this.prior.sheet ? `（工作表“${this.prior.sheet}”）` : ''}${year(this.prior.report)}${problems}`;
    }
    status.textContent = text;
    status.hidden = text === '';
    status.className = this.prior.kind === 'sheet' && this.prior.error ? 'note error' : 'note';
  }

  private choose(value: string): Promise<void> {
    return this.ctx.exclusive(async () => {
      this.chosen = true;
      if (value === '') this.prior = { kind: 'none' };
      else if (value.startsWith('sheet:')) {
        this.prior = { kind: 'sheet', sheet: value.slice('sheet:'.length), report: null };
        await this.read();
      } else if (value !== 'file') return;
      await this.ctx.update();
    });
  }

  private async loadFile(chosen?: ChosenFile): Promise<void> {
    const year = this.ctx.current?.report.year ?? null;
    const taken = await takeFile(chosen ?? this.el['prior-file'], (bytes, name) => this.readFile(bytes, name, year));
    if (!taken) return;
    const { file, result } = taken;
    await this.ctx.exclusive(async () => {
      if (!result.ok) {
        const status = this.el['prior-status'];
        status.textContent = `未能读取“${file.name}”：${result.error}`;
        status.className = 'note error';
        status.hidden = false;
        return;
      }
      this.chosen = true;
      this.prior = { kind: 'file', name: file.name, report: result.report, problems: result.problems, ...(result.sheet ? { sheet: result.sheet } : {}) };
      await this.ctx.update();
    });
  }
}
