/**
 * 环境自检: one button that runs the host's self-test (src/excel/selftest.ts in Excel,
 * src/preview/selftest.ts in the preview) and shows ✓/✗ per item with a 复制报告 button
 * (src/taskpane/selftest-view.ts). What it touches and costs is said above the button before it
 * runs. It runs in the pane's host queue, so no check overlaps it.
 */
import { runProbes } from '../../selftest/run';
import { SelfTestView } from '../selftest-view';
import { PaneContext, elements, setDisabled } from '../part';
import { describeError } from '../session';
import type { SaveFile } from './export-word';

const IDS = ['selftest-section', 'selftest-note', 'selftest-button', 'selftest-results'] as const;

export class SelfTest {
  private readonly el;
  private readonly view: SelfTestView | null = null;

  constructor(
    private readonly ctx: PaneContext,
    save: SaveFile | null,
  ) {
    this.el = elements(ctx.doc, IDS);
    const host = ctx.host;
    if (!host.selfTest) return;
    let notice = '';
    try {
      notice = host.selfTest().notice;
    } catch {
      return;
    }
    this.el['selftest-note'].textContent = notice;
    this.el['selftest-section'].hidden = false;
    const saveText = save ? (text: string, name: string) => save(new TextEncoder().encode(text.replace(/\n/g, '\r\n')), name, 'text/plain;charset=utf-8') : undefined;
    this.view = new SelfTestView(ctx.doc, this.el['selftest-results'], { saveText });
    this.el['selftest-button'].addEventListener('click', () => void this.run());
  }

  /** Runs every probe (the 环境自检 button); resolves with the report text. */
  async run(): Promise<string> {
    const view = this.view;
    const host = this.ctx.host;
    if (!view || !host.selfTest) return '';
    const button = this.el['selftest-button'];
    setDisabled(button, true);
    try {
      return await this.ctx.exclusive(async () => {
        let plan;
        try {
          plan = host.selfTest!();
        } catch (e) {
          view.begin(0);
          view.say(`环境自检未能开始：${describeError(e)}`);
          return '';
        }
        view.begin(plan.probes.length);
        const results = await runProbes(plan.probes, (r) => view.result(r));
        return view.done(plan.environment(), results);
      });
    } finally {
      setDisabled(button, false);
    }
  }
}
