/**
 * Reading a register: the header row found by meaning under titles and notes, then one entry per
 * application row. Whatever cannot be read is a finding naming the worksheet row and column.
 * Personal columns (申请人, 申请内容) are read only to keep their words out of messages.
 */
import { LEDGER_COLUMN, LEDGER_COLUMNS, LedgerCell, LedgerEntry, LedgerFinding, LedgerGrid, LedgerKey, RESULT_CATEGORIES } from './columns';
import { Day } from './columns';
import { chineseDay, readDate, yearEnd, yearStart } from './dates';
import { LEDGER_RULES } from './rules';
import { applicantColumn, cellText, headerKey, readResult, readYesNo } from './values';

/** How far down the header may sit under a title, a unit line and notes. */
export const HEADER_SEARCH_ROWS = 15;
const REQUIRED: readonly LedgerKey[] = LEDGER_COLUMNS.filter((c) => c.required).map((c) => c.key);
const SEVERITY = new Map(LEDGER_RULES.map((r) => [r.id, r.severity]));

export interface LedgerHeader {
  /** Worksheet row number of the header. */
  row: number;
  /** 0-based column of each recognised column. */
  columns: Partial<Record<LedgerKey, number>>;
  /** The header text each column has in this register, for messages. */
  names: Partial<Record<LedgerKey, string>>;
  /** Worksheet row number of the header's last row: the row after `row` when the header has two levels. */
  lastRow: number;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function finding(rule: string, row: number | null, column: LedgerKey | null, params: Record<string, string | number> = {}): LedgerFinding {
  const severity = SEVERITY.get(rule);
  if (!severity) throw new Error(`unknown ledger rule ${rule}`);
  return { rule, severity, table: 'T3', cells: [], row, column, params: row === null ? params : { row, ...params } };
}

/** The header row: the row within the first rows that names the most register columns (at least two of the required four). */
export function findHeader(grid: LedgerGrid): LedgerHeader | null {
  let best: { row: number; score: number } | null = null;
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    const keys = new Set<LedgerKey>();
    for (const cell of grid[r] ?? []) {
      const key = headerKey(cell);
      if (key) keys.add(key);
    }
    const required = REQUIRED.filter((k) => keys.has(k)).length;
    if (required >= 2 && (!best || keys.size > best.score)) best = { row: r, score: keys.size };
  }
  if (!best) return null;
  const columns: Partial<Record<LedgerKey, number>> = {};
  const names: Partial<Record<LedgerKey, string>> = {};
  (grid[best.row] ?? []).forEach((cell, c) => {
    const key = headerKey(cell);
    if (key && columns[key] === undefined) {
      columns[key] = c;
      names[key] = cellText(cell).replace(/\s+/g, '');
    }
  });
  const lastRow = subHeader(grid, best.row, columns, names) ? best.row + 2 : best.row + 1;
  return { row: best.row + 1, columns, names, lastRow };
}

/**
 * A two-level header: 征求意见 merged over 开始日期 | 结束日期 in the row below. A column the first
 * row leaves unknown is named by the cell below, alone or after the nearest heading to its left
 * (a merged cell's text sits in its first column). True when the row below is such a header row.
 */
function subHeader(grid: LedgerGrid, row: number, columns: Partial<Record<LedgerKey, number>>, names: Partial<Record<LedgerKey, string>>): boolean {
  const top = grid[row] ?? [];
  const below = grid[row + 1] ?? [];
  const owner = new Map(Object.entries(columns).map(([k, c]) => [c, k as LedgerKey]));
  let found = false;
  below.forEach((cell, c) => {
    const child = cellText(cell);
    if (child === '' || typeof cell !== 'string' || readDate(cell).ok) return; // data, not a heading
    // A 是否 heading (征求意见, 补正, 延期) may stand over its dates; any other known column is data below.
    const above = owner.get(c);
    if (above !== undefined && LEDGER_COLUMN[above].kind !== 'yesno') return;
    let parent = '';
    for (let p = c; p >= 0 && parent === ''; p--) parent = cellText(top[p] ?? null);
    const key = headerKey(`${parent}${child}`) ?? headerKey(child);
    if (key && key !== above && columns[key] === undefined) {
      if (above !== undefined) {
        delete columns[above];
        delete names[above];
      }
      columns[key] = c;
      names[key] = `${parent}${child}`.replace(/\s+/g, '');
      found = true;
    }
  });
  return found;
}

function headerFindings(grid: LedgerGrid, header: LedgerHeader): LedgerFinding[] {
  const out: LedgerFinding[] = [];
  const seen = new Map<LedgerKey, number[]>();
  (grid[header.row - 1] ?? []).forEach((cell, c) => {
    const key = headerKey(cell);
    if (key) seen.set(key, [...(seen.get(key) ?? []), c]);
  });
  for (const [key, cols] of seen) {
    if (cols.length > 1) out.push(finding('ledger.duplicateColumn', null, key, { headerRow: header.row, label: LEDGER_COLUMN[key].label, columns: cols.map(columnLetter).join('、'), used: columnLetter(cols[0]) }));
  }
  for (const key of REQUIRED) {
    if (header.columns[key] === undefined) {
      const c = LEDGER_COLUMN[key];
      out.push(finding('ledger.missingColumn', null, key, { headerRow: header.row, label: c.label, synonyms: c.synonyms.slice(0, 4).map((s) => `“${s}”`).join('') }));
    }
  }
  return out;
}

const QUOTABLE_DATE = /^[\d\s年月日号.\-/:：时分秒０-９．／－]{1,30}$/;
const MAX_QUOTED = 100;

/**
 * What a message may show of a cell: a date-like text as is; other text only when short and free of
 * the register's personal words (an applicant's name written in the wrong column must not leak).
 */
class Quoter {
  private quoted = 0;
  private words: { names: readonly string[]; contents: readonly string[] } | null = null;
  /** The personal words are gathered only when something is to be quoted: most registers never need them. */
  constructor(private readonly gather: () => { names: readonly string[]; contents: readonly string[] }) {}

  quote(cell: LedgerCell, dateLike: boolean): string {
    const text = cellText(cell).replace(/\s+/g, ' ');
    if (text === '') return '未填写';
    if (dateLike && QUOTABLE_DATE.test(text)) return `“${text}”`;
    if (dateLike || text.length > 20 || this.quoted >= MAX_QUOTED) return '所填内容';
    this.quoted++;
    this.words ??= this.gather();
    const { names, contents } = this.words;
    const personal = names.some((n) => text.includes(n) || n.includes(text)) || (text.length >= 4 && contents.some((c) => c.includes(text)));
    return personal ? '所填内容' : `“${text}”`;
  }
}

function personalWords(grid: LedgerGrid, header: LedgerHeader, key: LedgerKey, minLength: number): string[] {
  const c = header.columns[key];
  if (c === undefined) return [];
  const out = new Set<string>();
  for (let r = header.lastRow; r < grid.length; r++) {
    const text = cellText(grid[r]?.[c] ?? null);
    if (text.length >= minLength) out.add(text);
  }
  return [...out];
}

/** Reads the cells of one row at a time; one object for the whole register, so no closures per row. */
class RowReader {
  cells: LedgerCell[] = [];
  row = 0;
  findings: LedgerFinding[] = [];
  countable = true;
  untimed = false;

  constructor(
    private readonly col: Partial<Record<LedgerKey, number>>,
    readonly name: (key: LedgerKey) => string,
    private readonly quoter: Quoter,
  ) {}

  reset(cells: LedgerCell[], row: number): void {
    this.cells = cells;
    this.row = row;
    this.findings = [];
    this.countable = true;
    this.untimed = false;
  }

  at(key: LedgerKey): LedgerCell {
    const c = this.col[key];
    return c === undefined ? null : (this.cells[c] ?? null);
  }

  blank(key: LedgerKey): boolean {
    const v = this.at(key);
    return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  }

  /** A date of the row; an unreadable one is a finding and leaves the row uncounted (`counts`) or untimed. */
  date(key: LedgerKey, counts: boolean): Day | null {
    const reading = readDate(this.at(key));
    if (reading.ok) return reading.day;
    this.findings.push(finding(counts ? 'ledger.date' : 'ledger.deadlineDate', this.row, key, { column: this.name(key), quoted: this.quoter.quote(this.at(key), true) }));
    if (counts) this.countable = false;
    else this.untimed = true;
    return null;
  }

  yesNo(key: LedgerKey): boolean {
    const v = readYesNo(this.at(key));
    if (v !== null) return v;
    this.findings.push(finding('ledger.yesNo', this.row, key, { column: this.name(key), quoted: this.quoter.quote(this.at(key), false) }));
    this.untimed = true;
    return false;
  }
}

/** 逾期不补正: the applicant let the application lapse. */
const ABANDONED_ROW = RESULT_CATEGORIES.find((c) => c.name.includes('逾期不补正'))!.row;
const TOTAL_ROW = /^(?:合计|总计|小计|共计)/;

export interface ReadLedger {
  header: LedgerHeader | null;
  /** Every application that can be placed in 表三 (any year). */
  entries: LedgerEntry[];
  /** Findings about the header and about rows that concern `year`. */
  findings: LedgerFinding[];
  /** Rows concerning the year that could not be placed in 表三. */
  excluded: number;
}

/**
 * Reads a register for the report of `year`: rows answered before the year or received after it
 * do not concern it, and their findings are left out (they belong to that year's report).
 */
export function readLedger(grid: LedgerGrid, year: number): ReadLedger {
  const header = findHeader(grid);
  if (!header) return { header: null, entries: [], findings: [finding('ledger.noHeader', null, null, { rows: HEADER_SEARCH_ROWS })], excluded: 0 };
  const findings = headerFindings(grid, header);
  if (REQUIRED.some((k) => header.columns[k] === undefined)) return { header, entries: [], findings, excluded: 0 };

  const quoter = new Quoter(() => ({ names: personalWords(grid, header, 'applicant', 2), contents: personalWords(grid, header, 'content', 4) }));
  const from = yearStart(year);
  const to = yearEnd(year);
  const col = header.columns;
  const valueKeys = LEDGER_COLUMNS.filter((c) => c.kind !== 'serial' && col[c.key] !== undefined).map((c) => c.key);
  const entries: LedgerEntry[] = [];
  let excluded = 0;

  const rr = new RowReader(col, (key) => header.names[key] ?? LEDGER_COLUMN[key].label, quoter);
  const serialCol = col.serial ?? 0;
  for (let r = header.lastRow; r < grid.length; r++) {
    const cells = grid[r];
    if (!cells) continue;
    rr.reset(cells, r + 1);
    if (valueKeys.every((k) => rr.blank(k))) continue; // an empty row, or one numbered in advance
    const first = cells[serialCol];
    if (typeof first === 'string' && TOTAL_ROW.test(first.trim())) continue;
    const row = r + 1;

    const received = rr.date('received', true);
    if (received === null && rr.blank('received')) {
      rr.findings.push(finding('ledger.noReceipt', row, 'received', { column: rr.name('received') }));
      rr.countable = false;
    }
    const answered = rr.date('answered', true);

    const typeText = cellText(rr.at('applicantType'));
    const applicantCol = typeText === '' ? null : applicantColumn(typeText);
    if (applicantCol === null) {
      rr.findings.push(finding('ledger.applicantType', row, 'applicantType', { column: rr.name('applicantType'), quoted: quoter.quote(rr.at('applicantType'), false) }));
      rr.countable = false;
    }

    const resultText = cellText(rr.at('result'));
    let resultRow: number | null = null;
    if (resultText !== '') {
      const reading = readResult(resultText);
      if (reading.kind === 'category') resultRow = reading.category.row;
      else {
        rr.countable = false;
        if (reading.kind === 'vague') {
          const leaves = RESULT_CATEGORIES.filter((c) => c.parent !== null && c.parent.endsWith(reading.parent));
          rr.findings.push(finding('ledger.categoryVague', row, 'result', { parent: reading.parent, parentLabel: leaves[0].parent!, count: leaves.length, example: leaves[0].choice }));
        } else {
          rr.findings.push(finding('ledger.category', row, 'result', { column: rr.name('result'), quoted: quoter.quote(rr.at('result'), false) }));
        }
      }
    }
    if (resultText !== '' && rr.blank('answered')) {
      rr.findings.push(finding('ledger.resultWithoutDate', row, 'answered'));
      rr.countable = false;
    }
    if (answered !== null && resultText === '') {
      rr.findings.push(finding('ledger.dateWithoutResult', row, 'result', { answered: chineseDay(answered) }));
      rr.countable = false;
    }
    if (answered !== null && received !== null && answered < received) {
      rr.findings.push(finding('ledger.answerBeforeReceipt', row, 'answered', { answered: chineseDay(answered), received: chineseDay(received) }));
      rr.countable = false;
    }

    // Deadline inputs: a date given implies the 是 its 是否 column may leave blank.
    const correctionReceived = col.correctionReceived === undefined ? null : rr.date('correctionReceived', false);
    const consultStart = col.consultStart === undefined ? null : rr.date('consultStart', false);
    const consultEnd = col.consultEnd === undefined ? null : rr.date('consultEnd', false);
    const corrected = (col.corrected !== undefined && rr.yesNo('corrected')) || correctionReceived !== null;
    const consulted = (col.consulted !== undefined && rr.yesNo('consulted')) || consultStart !== null || consultEnd !== null;
    const extended = col.extended !== undefined && rr.yesNo('extended');
    let consultUntil = consultEnd;
    if (!rr.untimed && received !== null) {
      if (corrected && correctionReceived === null) {
        // Still waiting for the 补正: no answer period runs yet. Ended by 逾期不补正: none to keep.
        // Answered otherwise: the date is missing.
        if (answered !== null && resultRow !== ABANDONED_ROW) rr.findings.push(finding('ledger.correctionDate', row, 'correctionReceived'));
        rr.untimed = true;
      }
      if (correctionReceived !== null && correctionReceived < received) {
        rr.findings.push(finding('ledger.correctionBeforeReceipt', row, 'correctionReceived', { corrected: chineseDay(correctionReceived), received: chineseDay(received) }));
        rr.untimed = true;
      }
      if (consulted && consultStart !== null && consultEnd === null && answered === null) {
        // A consultation still open: its time is not counted, up to whatever day the count reaches.
        consultUntil = Infinity;
      } else if (consulted && (consultStart === null || consultEnd === null)) {
        rr.findings.push(finding('ledger.consultDates', row, consultStart === null ? 'consultStart' : 'consultEnd'));
        rr.untimed = true;
      } else if (consultStart !== null && consultEnd !== null && consultEnd < consultStart) {
        rr.findings.push(finding('ledger.consultOrder', row, 'consultEnd', { start: chineseDay(consultStart), end: chineseDay(consultEnd) }));
        rr.untimed = true;
      }
    }

    // The row concerns the year when its span from receipt to answer (in whichever order it was written) touches it.
    const lo = received === null ? answered : answered === null ? received : Math.min(received, answered);
    const hi = answered === null ? null : received === null ? answered : Math.max(received, answered);
    const concernsYear = (lo === null || lo <= to) && (hi === null || hi >= from);
    if (concernsYear) {
      findings.push(...rr.findings);
      if (!rr.countable) excluded++;
    }
    if (!rr.countable) continue;
    entries.push({
      row,
      received,
      applicantCol,
      corrected,
      correctionReceived,
      consulted,
      consultStart,
      consultEnd: consultUntil,
      extended,
      answered,
      resultRow,
      ...(rr.untimed ? { untimed: true as const } : {}),
    });
  }
  return { header, entries, findings, excluded };
}
