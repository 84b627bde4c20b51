/**
 * 环境自检: a list of probes, each trying one capability of the host the add-in runs in (Excel,
 * WPS, the preview), run one after another and reported item by item. The probes themselves live
 * with their host (src/excel/selftest.ts, src/preview/selftest.ts, src/wps/…); this module knows
 * no host and imports nothing from Office or WPS.
 *
 * A probe resolves with a detail line (what it saw: a version, a count) or throws; a throw marks
 * that item ✗ and never stops the others. A probe that never settles is cut off after a timeout,
 * so one hung host call cannot hang the whole self-test.
 */

export interface Probe {
  /** Stable identifier, in the report and the tests: 'platform', 'insert', 'functions'… */
  id: string;
  /** What the user reads (Chinese): 模板插入（名称、条件格式、数据有效性、保护）. */
  title: string;
  /** Resolves with a detail line (or nothing); throws on failure. */
  run: () => Promise<string | void>;
  /** Optional: milliseconds before the probe counts as failed (default PROBE_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface ProbeResult {
  id: string;
  title: string;
  ok: boolean;
  /** What the probe saw; on failure the error code and message. */
  detail: string;
  /** Optional: how long the probe took, in milliseconds. */
  ms?: number;
}

/** The small text file the save probe hands to the host, in every host. */
export const SAVE_TEST_FILE = 'nianbao-保存测试.txt';

export const PROBE_TIMEOUT_MS = 20_000;

/** The error as a report line: `代码 Code：message`, or the message alone; never throws itself. */
export function describeProbeError(e: unknown): string {
  try {
    if (typeof e === 'object' && e !== null) {
      const o = e as { code?: unknown; name?: unknown; message?: unknown; debugInfo?: { errorLocation?: unknown } };
      const code = o.code !== undefined && o.code !== null && String(o.code) !== '' ? String(o.code) : '';
      const message = typeof o.message === 'string' ? o.message : '';
      const where = typeof o.debugInfo?.errorLocation === 'string' && o.debugInfo.errorLocation !== '' ? `（位置：${o.debugInfo.errorLocation}）` : '';
      if (code !== '') return `错误代码 ${code}${message ? `：${message}` : ''}${where}`;
      const name = typeof o.name === 'string' && o.name !== 'Error' ? `${o.name}：` : '';
      if (message !== '') return `${name}${message}${where}`;
    }
    const text = String(e);
    return text === '' || text === '[object Object]' ? '未知错误' : text;
  } catch {
    return '未知错误';
  }
}

class ProbeTimeout extends Error {
  readonly code = 'Timeout';
  constructor(ms: number) {
    super(`${Math.round(ms / 1000)} 秒内没有完成`);
  }
}

function now(): number {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now();
}

async function runOne(probe: Probe): Promise<ProbeResult> {
  const started = now();
  const limit = probe.timeoutMs ?? PROBE_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const detail = await Promise.race([
      Promise.resolve().then(() => probe.run()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout(limit)), limit);
      }),
    ]);
    return { id: probe.id, title: probe.title, ok: true, detail: typeof detail === 'string' ? detail : '', ms: Math.round(now() - started) };
  } catch (e) {
    return { id: probe.id, title: probe.title, ok: false, detail: describeProbeError(e), ms: Math.round(now() - started) };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * Runs the probes in order, one at a time (they share one host), calling `onResult` after each so
 * a view can draw progress. Never throws: a probe's failure is its result, and a failing
 * `onResult` is ignored.
 */
export async function runProbes(probes: Probe[], onResult?: (r: ProbeResult, index: number) => void): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (let i = 0; i < probes.length; i++) {
    const r = await runOne(probes[i]);
    results.push(r);
    try {
      onResult?.(r, i);
    } catch {
      /* a view that fails to draw does not stop the self-test */
    }
  }
  return results;
}

/**
 * The plain-text report a user copies into a message to the maintainers: the environment lines,
 * then one line per item with ✓ or ✗, its detail, and a tally.
 */
export function selfTestReport(environment: Array<[string, string]>, results: ProbeResult[]): string {
  const failed = results.filter((r) => !r.ok).length;
  const lines = ['nianbao 环境自检报告', ''];
  for (const [key, value] of environment) lines.push(`${key}：${value}`);
  if (environment.length > 0) lines.push('');
  for (const r of results) {
    const mark = r.ok ? '✓' : '✗';
    const detail = r.detail.replace(/\s*\n\s*/g, ' ').trim();
    lines.push(`${mark} ${r.title}${detail ? ` — ${detail}` : ''}`);
  }
  lines.push('');
  lines.push(failed === 0 ? `共 ${results.length} 项，全部通过。` : `共 ${results.length} 项，${results.length - failed} 项通过，${failed} 项未通过。`);
  return lines.join('\n');
}
