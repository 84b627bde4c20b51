/**
 * The preview's 环境自检 against its own host: every item passes on a scratch workbook, the page's
 * workbook is never touched, and a capability broken in turn fails that item alone.
 */
import { PreviewHost } from '../../src/preview/host';
import { PREVIEW_SELFTEST_NOTICE, previewSelfTest } from '../../src/preview/selftest';
import { PreviewWorkbook } from '../../src/preview/workbook';
import type { WorkbookHost } from '../../src/host/contract';
import { runProbes } from '../../src/selftest/run';

function page() {
  const book = new PreviewWorkbook(null);
  book.insertTemplate({ org: '用户的机关', year: 2023 });
  book.set(book.templates()[0].name, { cells: new Map([['T3.R1.C1', '12']]) }, 'user');
  return { book, host: new PreviewHost(book) };
}

async function run(breakHost?: (host: WorkbookHost) => void, saveFile: ((b: Uint8Array, n: string) => boolean) | null = () => true) {
  const { book, host } = page();
  const before = JSON.stringify(book.sheets.map((s) => [s.name, [...s.texts], s.meta, s.findingsBlock]));
  const plan = previewSelfTest(host, book, {
    waitMs: 300,
    saveFile,
    scratch: () => {
      const scratchBook = new PreviewWorkbook(null);
      const scratchHost = new PreviewHost(scratchBook, { burstMs: 10 });
      breakHost?.(scratchHost);
      return { book: scratchBook, host: scratchHost };
    },
  });
  const results = await runProbes(plan.probes);
  expect(JSON.stringify(book.sheets.map((s) => [s.name, [...s.texts], s.meta, s.findingsBlock]))).toBe(before);
  return { results, failed: results.filter((r) => !r.ok).map((r) => r.id), plan };
}

const fail = (what: string) => async () => {
  throw new Error(`${what} 坏了`);
};

test('every item passes on the preview’s own host; the page’s workbook is untouched', async () => {
  const { results, failed, plan } = await run();
  // office.js is not loaded under Node: that item says so (in the page it passes, see the e2e test).
  expect(failed).toEqual(['platform', 'office-js']);
  expect(results.map((r) => r.id)).toEqual(['platform', 'office-js', 'insert', 'read', 'write', 'events', 'functions', 'findings-block', 'acknowledgements', 'save']);
  expect(plan.notice).toBe(PREVIEW_SELFTEST_NOTICE);
});

test.each([
  ['read', (h: WorkbookHost) => (h.read = fail('read'))],
  ['write', (h: WorkbookHost) => (h.write = fail('write'))],
  ['events', (h: WorkbookHost) => (h.onEdit = async () => async () => undefined)],
  ['findings-block', (h: WorkbookHost) => (h.setFindingsBlock = fail('block'))],
  ['acknowledgements', (h: WorkbookHost) => (h.loadAcknowledgements = fail('acks'))],
] as const)('%s broken: that item alone fails', async (id, breakHost) => {
  const { failed } = await run(breakHost);
  expect(failed.filter((x) => x !== 'platform' && x !== 'office-js')).toEqual([id]);
});

test('a browser that refuses the download fails the save item alone', async () => {
  const { failed } = await run(undefined, () => false);
  expect(failed.filter((x) => x !== 'platform' && x !== 'office-js')).toEqual(['save']);
});
