/**
 * The browser's own timing (User Timing marks and measures), read by `npm run bench` in Chromium:
 * when a change arrived, how long a check took and how much of it was the host's. Nothing is
 * sent anywhere; where the platform has no User Timing this does nothing.
 */
const perf: Performance | null = typeof performance !== 'undefined' && typeof performance.mark === 'function' ? performance : null;

/** Entries kept per name: a pane open all day must not grow without end. */
const KEEP = 200;

export const now = (): number => (perf ? perf.now() : Date.now());

export function mark(name: string): void {
  try {
    perf?.mark(name);
    if (perf && perf.getEntriesByName(name, 'mark').length > KEEP) perf.clearMarks(name);
  } catch {
    /* timing is for measuring, never a reason to fail */
  }
}

/** A span from `start` (a now()) to now, with figures beside it. */
export function measure(name: string, start: number, detail: Record<string, number | string> = {}): void {
  try {
    perf?.measure(name, { start, end: perf.now(), detail });
    if (perf && perf.getEntriesByName(name, 'measure').length > KEEP) perf.clearMeasures(name);
  } catch {
    /* as above */
  }
}
