/**
 * A synthetic register of applications for the benchmarks (Node here; the pane's Chromium bench may
 * import it too): deterministic, spread over two years, with the mix an office's register has —
 * date cells and dates typed as text, the six applicant types, every result category, some
 * corrections, consultations and extensions, some late answers and some still open.
 */
import { APPLICANT_TYPES, LEDGER_COLUMNS, LedgerCell, LedgerGrid, RESULT_CATEGORIES } from '../src/ledger/columns';
import { excelSerial, isoDay, yearStart } from '../src/ledger/dates';

/** A small deterministic generator (mulberry32), so every run times the same register. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `rows` applications received from the start of `year - 1` to the end of `year`, written as `dates`
 * says: 'serial' as Office.js and WPS return date cells, 'date' as exceljs does, 'mixed' with text too.
 */
export function syntheticRegister(rows: number, year: number, dates: 'serial' | 'date' | 'mixed' = 'mixed'): LedgerGrid {
  const next = random(year * 7919 + rows);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const first = yearStart(year - 1);
  const write = (day: number): LedgerCell => {
    const how = dates === 'mixed' ? pick(['serial', 'date', 'text', 'text']) : dates;
    if (how === 'serial') return excelSerial(day);
    if (how === 'date') return new Date(day * 86_400_000);
    const [y, m, d] = isoDay(day).split('-');
    return pick([isoDay(day), `${y}/${Number(m)}/${Number(d)}`, `${y}年${Number(m)}月${Number(d)}日`]);
  };
  const grid: LedgerGrid = [[`某某局${year}年政府信息公开申请登记台账`], LEDGER_COLUMNS.map((c) => c.label)];
  for (let i = 0; i < rows; i++) {
    const received = first + Math.floor(next() * 730);
    const corrected = next() < 0.1;
    const correction = corrected ? received + 3 + Math.floor(next() * 10) : null;
    const consulted = next() < 0.05;
    const consultStart = consulted ? received + 5 : null;
    const consultEnd = consulted ? received + 5 + Math.floor(next() * 20) : null;
    const extended = next() < 0.1;
    const open = next() < 0.05;
    const answered = open ? null : (correction ?? received) + Math.floor(next() * (extended ? 60 : 35)) + (consultEnd && consultStart ? consultEnd - consultStart : 0);
    const category = pick(RESULT_CATEGORIES);
    const values: Record<string, LedgerCell> = {
      serial: i + 1,
      number: `依申请〔${year}〕${i + 1}号`,
      received: write(received),
      applicantType: pick(APPLICANT_TYPES).name,
      applicant: `申请人${i}`,
      method: pick(['当面', '信函', '网络', '传真']),
      content: `关于某事项的政府信息${i}`,
      corrected: corrected ? '是' : '否',
      correctionReceived: correction === null ? null : write(correction),
      consulted: consulted ? '是' : '否',
      consultStart: consultStart === null ? null : write(consultStart),
      consultEnd: consultEnd === null ? null : write(consultEnd),
      extended: extended ? '是' : '否',
      answered: answered === null ? null : write(answered),
      result: answered === null ? null : pick([category.choice, category.label, category.name]),
      fee: 0,
      remarks: null,
    };
    grid.push(LEDGER_COLUMNS.map((c) => values[c.key]));
  }
  return grid;
}
