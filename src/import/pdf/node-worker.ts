/**
 * Node only: pdf.js in a worker thread whose heap is bounded (resourceLimits). A report's parse
 * leaves tens of megabytes of garbage (fonts, drawing operations) that V8 collects late in a
 * large heap; in a small one it is collected as it goes, so reading a thousand PDFs stays within
 * the review's memory budget — and a hostile PDF that needs more memory ends the worker, not the
 * command. One worker serves the process, one file at a time; it does not keep the process alive.
 *
 * This file is both sides: imported, it exports extractInWorker; run as the worker, it reads.
 */
import { Worker, isMainThread, parentPort } from 'worker_threads';
import { PdfOpenError, extractPages } from './extract';
import type { PdfLimits } from './guard';
import type { PageContent } from './page';

/** The worker's old-generation heap, MB: a 6-page report needs well under half of it; 102 PDFs reviewed peak at 302 MiB (397 MiB in one thread). */
export const WORKER_HEAP_MB = 256;

type Reply = { ok: true; pages: PageContent[] } | { ok: false; kind: PdfOpenError['kind'] | null; message: string };

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();

function start(): Worker {
  const w = new Worker(__filename, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  w.unref();
  w.on('exit', () => {
    if (worker === w) worker = null;
  });
  return w;
}

async function once(bytes: Uint8Array, limits: PdfLimits): Promise<PageContent[]> {
  const w = (worker ??= start());
  w.ref();
  try {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const onMessage = (r: Reply) => {
        cleanup();
        resolve(r);
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const onExit = () => {
        cleanup();
        reject(new PdfOpenError('content', '读取时所需内存超出上限'));
      };
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ bytes, limits });
    });
    if (reply.ok) return reply.pages;
    if (reply.kind) throw new PdfOpenError(reply.kind, reply.message);
    throw new Error(reply.message);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new PdfOpenError('content', '读取时所需内存超出上限');
    throw e;
  } finally {
    w.unref();
  }
}

/** Extracts the pages in the worker, one file at a time. */
export function extractInWorker(bytes: Uint8Array, limits: PdfLimits): Promise<PageContent[]> {
  const run = queue.then(() => once(bytes, limits));
  queue = run.catch(() => undefined);
  return run;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  // Required lazily: the main thread never loads the table hint's dependencies here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mayHoldTable } = require('./index') as typeof import('./index');
  port.on('message', async ({ bytes, limits }: { bytes: Uint8Array; limits: PdfLimits }) => {
    try {
      port.postMessage({ ok: true, pages: await extractPages(bytes, limits, mayHoldTable) } satisfies Reply);
    } catch (e) {
      port.postMessage({ ok: false, kind: e instanceof PdfOpenError ? e.kind : null, message: e instanceof Error ? e.message : String(e) } satisfies Reply);
    }
  });
}
