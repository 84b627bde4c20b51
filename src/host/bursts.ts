/**
 * Edits into bursts, the same way for every host. The first change after a quiet spell is
 * delivered at the next task, together with whatever else arrives in the same task (a paste a
 * host reports piece by piece), so a single edit is checked at once instead of after a quiet
 * window. Changes that keep coming — each within `quietMs` of the one before — are gathered and
 * delivered when they pause, and at least every `maxWaitMs`, so a burst that goes on costs a
 * check or two, not one per change.
 */
import { mark } from './timing';

export interface BurstOptions {
  /** A change within this many ms of the previous one continues a burst. */
  quietMs: number;
  /** A burst that never pauses is still delivered this often. */
  maxWaitMs?: number;
}

export class Bursts<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The timer delivers at the next task (not at the end of a burst). */
  private next = false;
  /** When the pending changes began to wait (for maxWaitMs). */
  private since = 0;
  /** When the last change arrived; -Infinity before any. */
  private last = -Infinity;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly deliver: (items: T[]) => void,
    options: BurstOptions,
  ) {
    this.quietMs = options.quietMs;
    this.maxWaitMs = options.maxWaitMs ?? Math.max(options.quietMs * 5, 500);
  }

  add(item: T): void {
    mark('nb:change');
    const now = Date.now();
    const continues = now - this.last < this.quietMs;
    this.last = now;
    if (this.pending.length === 0) this.since = now;
    this.pending.push(item);
    // Delivered at the next task with the rest of this task's changes.
    if (this.next) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.next = !continues;
    const wait = this.next ? 0 : Math.max(0, Math.min(this.quietMs, this.since + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Delivers what is pending now (also what the timer does). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.next = false;
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.deliver(items);
  }

  /** Drops what is pending and stops the timer. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.next = false;
    this.pending = [];
  }
}
