/** Small timing helpers for the benchmark: figures are printed, never asserted. */
import * as os from 'os';

export function timeIt(fn: () => void, minMs = 500): { perOpUs: number; ops: number } {
  for (let i = 0; i < 50; i++) fn(); // warm up the JIT
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { perOpUs: (elapsed * 1000) / ops, ops };
}

export async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu.trim()} ×${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

export function row(label: string, value: string, budget?: string, ok?: boolean): void {
  const mark = ok === undefined ? '' : ok ? '  ✓' : '  ✗ over budget';
  console.log(`  ${label.padEnd(52)} ${value.padStart(14)}${budget ? `   (budget ${budget})` : ''}${mark}`);
}

export const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
