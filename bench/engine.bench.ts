/** Rule engine: one full check of a report (all rules over the 200 cells). */
import { check } from '../src/core/engine';
import { consistentReport, withCells } from '../test/helpers/reports';
import { fmt, row, timeIt } from './util';

export async function benchEngine(): Promise<void> {
  console.log('Rule engine');
  const clean = consistentReport(1);
  const broken = withCells(clean, { 'T3.R1.C1': '１２', 'T3.R24.C7': 9999, 'T3.R5.C3': null, 'T4.R1.C5': -1 });
  const prior = consistentReport(2, '测试机关', 2023);
  const a = timeIt(() => void check(clean));
  row('full check, consistent report', `${fmt(a.perOpUs, 2)} µs`, '< 50 µs', a.perOpUs < 50);
  const b = timeIt(() => void check(broken));
  row('full check, report with findings', `${fmt(b.perOpUs, 2)} µs`, '< 50 µs', b.perOpUs < 50);
  const c = timeIt(() => void check(clean, { prior }));
  row('full check with last year’s report', `${fmt(c.perOpUs, 2)} µs`, '< 50 µs', c.perOpUs < 50);
}
