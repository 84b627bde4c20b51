/** Reports for tests: the real fixtures, and consistent reports made from a seed. */
import * as fs from 'fs';
import * as path from 'path';
import { Report } from '../../src/core/report';
import { parseReportJson } from '../../src/core/report-schema';
import { T3_COLUMNS, T3_ROW, T3_ROW_NAMES, cellId } from '../../src/core/tables';

export { FIXTURES } from './shared';
import { FIXTURES } from './shared';

export function fixture(name: string): Report {
  const parsed = parseReportJson(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report;
}

/** A small deterministic generator, so failures repeat. */
export function random(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/** A report where every equation holds, with every cell filled. */
export function consistentReport(seed = 1, org = '测试机关', year = 2024): Report {
  const rnd = random(seed);
  const cells: Record<string, number> = {};
  const set = (t: 'T2' | 'T3' | 'T4', r: number, c: number, v: number) => (cells[cellId(t, r, c)] = v);
  const applicantCols = T3_COLUMNS.length - 1;
  for (let c = 1; c <= applicantCols; c++) {
    let total = 0;
    for (let r = T3_ROW.firstResult; r <= T3_ROW.lastResult; r++) {
      const v = rnd(4) === 0 ? rnd(20) : 0;
      set('T3', r, c, v);
      total += v;
    }
    set('T3', T3_ROW.total, c, total);
    const carriedOut = rnd(5);
    const received = rnd(total + 1);
    set('T3', T3_ROW.carriedOut, c, carriedOut);
    set('T3', T3_ROW.received, c, received);
    set('T3', T3_ROW.carriedIn, c, total + carriedOut - received);
  }
  for (let r = 1; r <= T3_ROW_NAMES.length; r++) {
    let sum = 0;
    for (let c = 1; c <= applicantCols; c++) sum += cells[cellId('T3', r, c)];
    set('T3', r, T3_COLUMNS.length, sum);
  }
  for (let g = 0; g < 3; g++) {
    let sum = 0;
    for (let i = 1; i <= 4; i++) {
      const v = rnd(6);
      set('T4', 1, g * 5 + i, v);
      sum += v;
    }
    set('T4', 1, g * 5 + 5, sum);
  }
  // 规章 none (most bodies cannot make them); 现行有效 at least this year's documents.
  for (const c of [1, 2, 3]) {
    rnd(30); // keeps the sequence, so every other figure stays as it was
    set('T2', 1, c, 0);
  }
  const issued = rnd(30);
  set('T2', 2, 1, issued);
  set('T2', 2, 2, rnd(30));
  set('T2', 2, 3, issued + rnd(30));
  for (const r of [3, 4, 5]) set('T2', r, 1, rnd(1000));
  set('T2', 6, 1, rnd(100000) / 100);
  return { format: 'nianbao/report@1', org, year, cells };
}

export function withCells(report: Report, changes: Record<string, number | string | null>): Report {
  return { ...report, cells: { ...report.cells, ...changes } };
}
