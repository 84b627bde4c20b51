/**
 * The pane's check cycle against the in-memory Excel fake: how many context.sync() calls a single
 * edit and a 100-cell paste cost, and the CPU time the pane itself spends per cycle, with the
 * time inside the fake's sync (Excel's round trip) taken out.
 */
import * as fs from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { a1, inputPosition, sheetPlan, sheetTitle } from '../src/core/sheet';
import { FakeContext, FakeExcel, areaAddress } from '../test/fakes/excel-fake';
import { consistentReport } from '../test/helpers/reports';
import { fmt, row } from './util';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchPane(): Promise<void> {
  console.log('Pane check cycle (against the in-memory Excel fake)');
  const html = fs.readFileSync(path.join(__dirname, '../src/taskpane/taskpane.html'), 'utf8');
  const dom = new JSDOM(html.replace(/<script[\s\S]*?<\/script>/g, ''), { pretendToBeVisual: true, url: 'https://localhost/taskpane.html' });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document, HTMLElement: dom.window.HTMLElement, Node: dom.window.Node, localStorage: dom.window.localStorage, navigator: dom.window.navigator });

  // Time spent inside the fake's sync is Excel's round trip, not the pane's.
  let inSync = 0;
  const sync = FakeContext.prototype.sync;
  FakeContext.prototype.sync = async function (this: FakeContext) {
    const t = process.hrtime.bigint();
    try {
      return await sync.call(this);
    } finally {
      inSync += Number(process.hrtime.bigint() - t) / 1e6;
    }
  };

  const { ExcelHost } = await import('../src/excel/host');
  const { Pane } = await import('../src/taskpane/pane');
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  const debounceMs = 20;
  await new ExcelHost(fake.run, { keepLoaded: async () => undefined }).insertTemplate({ org: '测试机关', year: 2024 });
  const host = new ExcelHost(fake.run, { debounceMs, keepLoaded: async () => undefined });
  const pane = new Pane(document, host);
  await pane.ready;
  await pane.idle();
  const sheet = sheetTitle(2024);
  const plan = sheetPlan('测试机关', 2024);
  const report = consistentReport(7);
  const from = inputPosition(plan, 'T3.R1.C1');
  const block = Array.from({ length: 25 }, (_, r) => Array.from({ length: 4 }, (_, c) => report.cells[`T3.R${r + 1}.C${c + 1}`] as number));
  await fake.userEdit(sheet, areaAddress({ row: from.row, col: from.col, rows: 25, cols: 4 }), block);
  await settle(debounceMs * 3);
  await pane.idle();

  async function cycle(edit: () => Promise<void>): Promise<{ syncs: number; reads: number; ms: number }> {
    const batches = fake.batches.length;
    inSync = 0;
    // CPU time, not wall time: the debounce wait costs none, the pane's work all of it.
    const before = process.cpuUsage();
    await edit(); // the user's edit is Excel's work too
    const cpu = process.cpuUsage();
    void before;
    await settle(debounceMs * 3);
    await pane.idle();
    const used = process.cpuUsage(cpu);
    const total = (used.user + used.system) / 1000;
    const done = fake.batches.slice(batches);
    return { syncs: done.length, reads: done.filter((b) => b.ops.some((o) => o.startsWith('load range values'))).length, ms: Math.max(0, total - inSync) };
  }

  const warmup = 10;
  const runs = 40;
  let single = { syncs: 0, reads: 0, ms: 0 };
  let paste = { syncs: 0, reads: 0, ms: 0 };
  for (let i = -warmup; i < runs; i++) {
    const at = inputPosition(plan, 'T4.R1.C1');
    const s = await cycle(() => fake.userEdit(sheet, a1(at.row, at.col), [[i % 2 ? 5 : 6]]));
    const p = await cycle(() => fake.userEdit(sheet, areaAddress({ row: from.row, col: from.col, rows: 25, cols: 4 }), block.map((r) => r.map((v) => v + (i % 2)))));
    if (i < 0) continue; // JIT warm-up
    single = { syncs: Math.max(single.syncs, s.syncs), reads: Math.max(single.reads, s.reads), ms: single.ms + s.ms / runs };
    paste = { syncs: Math.max(paste.syncs, p.syncs), reads: Math.max(paste.reads, p.reads), ms: paste.ms + p.ms / runs };
  }
  row('single edit: context.sync() calls to read', String(single.reads), '1', single.reads <= 1);
  row('single edit: all context.sync() calls (one read; checking writes nothing)', String(single.syncs));
  row('100-cell paste: context.sync() calls to read', String(paste.reads), '1', paste.reads <= 1);
  row('100-cell paste: all context.sync() calls (one read; checking writes nothing)', String(paste.syncs));
  // jsdom's DOM is several times slower than a browser's: an upper bound for reference. The
  // 16 ms budget is judged in Chromium (the "Pane in Chromium" section), where the pane runs.
  row('single edit: pane CPU time (jsdom, for reference), Excel excluded', `${fmt(single.ms, 2)} ms`);
  row('100-cell paste: pane CPU time (jsdom, for reference), Excel excluded', `${fmt(paste.ms, 2)} ms`);
  FakeContext.prototype.sync = sync;
  dom.window.close();
}
