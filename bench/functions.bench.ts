/**
 * Custom functions: one recalculation wave after one input changes. In the template the wave is
 * NIANBAO.CHECK over the three tables; a user may add NIANBAO.ERRORS over the same ranges. Both
 * should share one engine pass.
 */
import { TABLES, TABLE_IDS, TableId } from '../src/core/tables';
import { check, enginePasses, errors } from '../src/functions/functions';
import { consistentReport } from '../test/helpers/reports';
import { fmt, row } from './util';

type Grid = unknown[][];

function grids(values: Record<string, unknown>): Grid[] {
  return TABLE_IDS.map((t: TableId) => {
    const layout = TABLES[t];
    const g: Grid = Array.from({ length: layout.rows }, () => Array.from({ length: layout.cols }, () => null));
    for (const l of layout.labels) g[l.r][l.c] = l.text;
    for (const i of layout.inputs) g[i.r][i.c] = values[i.id] ?? null;
    return g;
  });
}

export async function benchFunctions(): Promise<void> {
  console.log('Custom functions (one recalculation wave per edit: CHECK + ERRORS over the same tables)');
  const base = consistentReport(5).cells as Record<string, unknown>;
  const waves = 2000;
  const startPasses = enginePasses();
  const start = process.hrtime.bigint();
  for (let i = 0; i < waves; i++) {
    const [t2, t3, t4] = grids({ ...base, 'T3.R3.C1': i }); // a new value each wave: no cache hit across waves
    check(t2 as never, t3 as never, t4 as never);
    errors(t2 as never, t3 as never, t4 as never);
  }
  const perWaveMs = Number(process.hrtime.bigint() - start) / 1e6 / waves;
  const passesPerWave = (enginePasses() - startPasses) / waves;
  row('time per wave (grids built as Excel hands them)', `${fmt(perWaveMs * 1000, 0)} µs`);
  row('engine passes per wave', fmt(passesPerWave, 2), '1', passesPerWave <= 1);
}
