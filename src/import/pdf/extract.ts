/**
 * Reading a PDF's pages with pdf.js (pdfjs-dist, legacy build): each page's text runs with their
 * positions (getTextContent) and the straight lines it draws (getOperatorList: the table
 * borders). Nothing is rendered: no canvas, no fonts loaded into a page, no images decoded
 * (maxImageSize), no script run (pdf.js runs a PDF's JavaScript only in its viewer's sandbox,
 * which we never load), no code generated from the file (isEvalSupported: false).
 *
 * pdf.js normally parses in a Web Worker. We hand it its worker module directly
 * (globalThis.pdfjsWorker), so it parses in the calling thread: the same in Node, in Chromium and
 * under the pane's CSP (no worker script URL, no blob: worker to allow).
 */
import { PageContent, Rule, TextRun } from './page';

/** What we use of pdf.js (the legacy build's API). */
interface PdfJs {
  getDocument(params: Record<string, unknown>): LoadingTask;
  OPS: Record<string, number>;
  Util: { transform(m1: number[], m2: number[]): number[] };
}
interface LoadingTask {
  promise: Promise<PdfDocument>;
  destroy(): Promise<void>;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
}
interface PdfPage {
  view: number[];
  getTextContent(): Promise<{ items: { str?: string; transform: number[]; width: number; height: number }[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  cleanup(): void;
}

/**
 * pdf.js 6's legacy build polyfills most newer built-ins itself but takes two ES2024 ones for
 * granted: Promise.withResolvers and ArrayBuffer.prototype.transferToFixedLength (Node 22, Chrome
 * 119). Node 20 lacks both; these are all it needs to run there (docs/pdf.md).
 */
function polyfill(): void {
  const AB = ArrayBuffer.prototype as unknown as { transferToFixedLength?: unknown };
  if (typeof AB.transferToFixedLength !== 'function') {
    Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
      configurable: true,
      writable: true,
      // A copy instead of a move: the caller drops the old buffer either way.
      value: function transferToFixedLength(this: ArrayBuffer, length: number = this.byteLength) {
        const out = new ArrayBuffer(length);
        new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
        return out;
      },
    });
  }
  const P = Promise as unknown as { withResolvers?: () => unknown };
  if (typeof P.withResolvers !== 'function') {
    Object.defineProperty(Promise, 'withResolvers', {
      configurable: true,
      writable: true,
      value: function withResolvers<T>(this: PromiseConstructor) {
        let resolve!: (v: T) => void;
        let reject!: (e: unknown) => void;
        const promise = new this<T>((a, b) => {
          resolve = a;
          reject = b;
        });
        return { promise, resolve, reject };
      },
    });
  }
}

let loading: Promise<PdfJs> | null = null;

/** Loads pdf.js once, with its worker in this thread. */
export function loadPdfJs(): Promise<PdfJs> {
  if (!loading) {
    polyfill();
    loading = (async () => {
      const worker = await import(/* webpackChunkName: "pdf" */ 'pdfjs-dist/legacy/build/pdf.worker.mjs');
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      const lib = (await import(/* webpackChunkName: "pdf" */ 'pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs & { default?: PdfJs };
      return typeof lib.getDocument === 'function' ? lib : lib.default!;
    })();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

export interface ExtractLimits {
  maxPages: number;
  maxRunsPerPage: number;
  maxOpsPerPage: number;
}

/** Whether a page may hold a table, from its text: only then are its drawn lines read (that costs as much again as its text). */
export type TableHint = (runs: readonly TextRun[]) => boolean;

/** Why a PDF could not be opened, as pdf.js says it. */
export class PdfOpenError extends Error {
  constructor(
    readonly kind: 'password' | 'invalid' | 'pages' | 'content',
    message: string,
  ) {
    super(message);
  }
}

/** Options that make pdf.js parse only: no eval, no fonts in the page, no images, no fetching. */
const DOCUMENT_OPTIONS = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  enableXfa: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  maxImageSize: 1,
  disableAutoFetch: true,
  disableStream: true,
  stopAtErrors: false,
  // No WebAssembly decoders (JPEG 2000, ICC colours): nothing is decoded, and the pane's CSP has no 'wasm-unsafe-eval'.
  useWasm: false,
  verbosity: 0,
};

/** Opens a PDF and reads every page's text runs and ruled lines. */
export async function extractPages(bytes: Uint8Array, limits: ExtractLimits, mayHoldTable: TableHint = () => true): Promise<PageContent[]> {
  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: give it a copy.
  const task = pdfjs.getDocument({ ...DOCUMENT_OPTIONS, data: bytes.slice() });
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'PasswordException') throw new PdfOpenError('password', String((e as Error).message));
      throw new PdfOpenError('invalid', String((e as Error)?.message ?? e));
    }
    if (doc.numPages > limits.maxPages) throw new PdfOpenError('pages', String(doc.numPages));
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const text = await page.getTextContent();
      if (text.items.length > limits.maxRunsPerPage) throw new PdfOpenError('content', `第 ${n} 页文字块过多（${text.items.length}）`);
      const runs: TextRun[] = [];
      for (const item of text.items) {
        if (typeof item.str !== 'string' || item.str.trim() === '') continue;
        const [a, b, c, d, e, f] = item.transform;
        // Upright text only; rotated runs (stamps, watermarks) are no part of a table.
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0 || d <= 0) continue;
        runs.push({ text: item.str, x: e - x0, y: f - y0, width: item.width, size: Math.hypot(c, d) || item.height });
      }
      const ops = runs.length > 0 && mayHoldTable(runs) ? await page.getOperatorList() : { fnArray: [], argsArray: [] };
      if (ops.fnArray.length > limits.maxOpsPerPage) throw new PdfOpenError('content', `第 ${n} 页绘图指令过多（${ops.fnArray.length}）`);
      const rules = rulesOf(pdfjs, ops).map((r): Rule => (r.dir === 'h' ? { ...r, at: r.at - y0, a: r.a - x0, b: r.b - x0 } : { ...r, at: r.at - x0, a: r.a - y0, b: r.b - y0 }));
      pages.push({ width: x1 - x0, height: y1 - y0, runs, rules });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

const IDENTITY = [1, 0, 0, 1, 0, 0];
/** Thicker than this, a filled shape is an area (shading, a box), not a line. */
const MAX_LINE_WIDTH = 3;
const AXIS_TOLERANCE = 0.6;

/** The axis-aligned strokes and thin filled bars a page draws, in page space. */
function rulesOf(pdfjs: PdfJs, ops: { fnArray: number[]; argsArray: unknown[][] }): Rule[] {
  const { OPS, Util } = pdfjs;
  const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set([OPS.fill, OPS.eoFill]);
  const rules: Rule[] = [];
  let ctm = IDENTITY;
  const stack: number[][] = [];
  const apply = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  const segment = (p: [number, number], q: [number, number]) => {
    if (Math.abs(p[1] - q[1]) <= AXIS_TOLERANCE && Math.abs(p[0] - q[0]) > AXIS_TOLERANCE) rules.push({ dir: 'h', at: (p[1] + q[1]) / 2, a: Math.min(p[0], q[0]), b: Math.max(p[0], q[0]) });
    else if (Math.abs(p[0] - q[0]) <= AXIS_TOLERANCE && Math.abs(p[1] - q[1]) > AXIS_TOLERANCE) rules.push({ dir: 'v', at: (p[0] + q[0]) / 2, a: Math.min(p[1], q[1]), b: Math.max(p[1], q[1]) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = Util.transform(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = Util.transform(ctm, Array.from(m as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as (ArrayLike<number> | null)[])?.[0];
      if (!data || !(STROKES.has(paint) || FILLS.has(paint))) continue;
      const subpaths = pathPoints(data).map((pts) => pts.map(([x, y]) => apply(x, y)));
      for (const pts of subpaths) {
        if (STROKES.has(paint)) {
          for (let k = 1; k < pts.length; k++) segment(pts[k - 1], pts[k]);
        } else if (pts.length >= 2) {
          // A filled bar: its long axis is the line.
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          const w = maxX - minX;
          const h = maxY - minY;
          if (h <= MAX_LINE_WIDTH && w > h) rules.push({ dir: 'h', at: (minY + maxY) / 2, a: minX, b: maxX });
          else if (w <= MAX_LINE_WIDTH && h > w) rules.push({ dir: 'v', at: (minX + maxX) / 2, a: minY, b: maxY });
        }
      }
    }
  }
  return rules;
}

/** pdf.js's path buffer (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4) as polylines; curves keep their end points only. */
function pathPoints(data: ArrayLike<number>): [number, number][][] {
  const paths: [number, number][][] = [];
  let current: [number, number][] = [];
  let start: [number, number] | null = null;
  for (let k = 0; k < data.length; ) {
    const op = data[k++];
    if (op === 0) {
      if (current.length > 0) paths.push(current);
      start = [data[k], data[k + 1]];
      current = [start];
      k += 2;
    } else if (op === 1) {
      current.push([data[k], data[k + 1]]);
      k += 2;
    } else if (op === 2) {
      // A curve is no border: break the polyline.
      if (current.length > 0) paths.push(current);
      current = [[data[k + 4], data[k + 5]]];
      k += 6;
    } else if (op === 3) {
      if (current.length > 0) paths.push(current);
      current = [[data[k + 2], data[k + 3]]];
      k += 4;
    } else if (op === 4) {
      if (start && current.length > 0) current.push(start);
    } else break;
  }
  if (current.length > 0) paths.push(current);
  return paths;
}
