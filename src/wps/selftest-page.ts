/// <reference types="et-jsapi-declare" />
/**
 * The 环境自检 page (selftest.html of the WPS build), opened by the ribbon's 环境自检 button in a
 * task pane of its own: runs the WPS probes (./selftest.ts) at once, shows ✓/✗ per item with the
 * error text, and offers 复制报告 and 保存为 .txt (through WPS's own save dialog, ./files.ts).
 */
import { runProbes } from '../selftest/run';
import { SelfTestView } from '../taskpane/selftest-view';
import { browserDownload } from '../taskpane/parts/export-word';
import type { EtApplication } from './book';
import { wpsSaveFile } from './files';
import { wpsEnvironment, wpsProbes, type WpsSelfTestOptions } from './selftest';

/** The report as a UTF-8 text file (with a BOM, so Windows Notepad reads the Chinese right). */
export function textFileBytes(text: string): Uint8Array {
  const body = new TextEncoder().encode(text.replace(/\n/g, '\r\n'));
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export const REPORT_FILE = '年报加载项环境自检报告.txt';

/** Runs the self-test into `container` and returns the report text. */
export async function runWpsSelfTest(doc: Document, container: HTMLElement, app: EtApplication, options: Partial<WpsSelfTestOptions> = {}): Promise<string> {
  const save = wpsSaveFile(app, browserDownload(doc));
  const view = new SelfTestView(doc, container, {
    fileName: REPORT_FILE,
    saveText: (text, name) => {
      const saved = save(textFileBytes(text), name, 'text/plain;charset=utf-8');
      return saved !== false && saved !== 'cancelled';
    },
  });
  const userAgent = options.userAgent ?? doc.defaultView?.navigator.userAgent ?? '';
  const probes = wpsProbes(app, { ...options, userAgent });
  view.begin(probes.length);
  const results = await runProbes(probes, (r) => view.result(r));
  const report = view.done(wpsEnvironment(app, userAgent), results);
  view.say('自检在一个临时工作簿中进行，已关闭且未保存；您打开的工作簿没有改动。');
  return report;
}
