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
  return { row: best.row + 1, columns, names };
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
  constructor(private readonly names: readonly string[], private readonly contents: readonly string[]) {}

  quote(cell: LedgerCell, dateLike: boolean): string {
    const text = cellText(cell).replace(/\s+/g, ' ');
    if (text === '') return '未填写';
    if (dateLike && QUOTABLE_DATE.test(text)) return `“${text}”`;
    if (dateLike || text.length > 20 || this.quoted >= MAX_QUOTED) return '所填内容';
    this.quoted++;
    const personal = this.names.some((n) => text.includes(n) || n.includes(text)) || (text.length >= 4 && this.contents.some((c) => c.includes(text)));
    return personal ? '所填内容' : `“${text}”`;
  }
}

function personalWords(grid: LedgerGrid, header: LedgerHeader, key: LedgerKey, minLength: number): string[] {
  const c = header.columns[key];
  if (c === undefined) return [];
  const out = new Set<string>();
  for (let r = header.row; r < grid.length; r++) {
    const text = cellText(grid[r]?.[c] ?? null);
    if (text.length >= minLength) out.add(text);
  }
  return [...out];
}

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

  const quoter = new Quoter(personalWords(grid, header, 'applicant', 2), personalWords(grid, header, 'content', 4));
  const from = yearStart(year);
  const to = yearEnd(year);
  const col = header.columns;
  const name = (key: LedgerKey): string => header.names[key] ?? LEDGER_COLUMN[key].label;
  const valueKeys = LEDGER_COLUMNS.filter((c) => c.kind !== 'serial' && col[c.key] !== undefined).map((c) => c.key);
  const entries: LedgerEntry[] = [];
  let excluded = 0;

  for (let r = header.row; r < grid.length; r++) {
    const cells = grid[r];
    if (!cells) continue;
    const at = (key: LedgerKey): LedgerCell => {
      const c = col[key];
      return c === undefined ? null : (cells[c] ?? null);
    };
    const blank = (key: LedgerKey): boolean => cellText(at(key)) === '';
    if (valueKeys.every(blank)) continue; // an empty row, or one numbered in advance
    if (TOTAL_ROW.test(cellText(at('serial'))) || cells.some((c) => typeof c === 'string' && TOTAL_ROW.test(c.trim()) && blank('received'))) continue;

    const row = r + 1;
    const rowFindings: LedgerFinding[] = [];
    let countable = true;
    let untimed = false;

    const date = (key: LedgerKey, counts: boolean): Day | null => {
      const reading = readDate(at(key));
      if (reading.ok) return reading.day;
      rowFindings.push(finding(counts ? 'ledger.date' : 'ledger.deadlineDate', row, key, { column: name(key), quoted: quoter.quote(at(key), true) }));
      if (counts) countable = false;
      else untimed = true;
      return null;
    };
    const yesNo = (key: LedgerKey): boolean => {
      const v = readYesNo(at(key));
      if (v !== null) return v;
      rowFindings.push(finding('ledger.yesNo', row, key, { column: name(key), quoted: quoter.quote(at(key), false) }));
      untimed = true;
      return false;
    };

    const received = date('received', true);
    if (received === null && blank('received')) {
      rowFindings.push(finding('ledger.noReceipt', row, 'received', { column: name('received') }));
      countable = false;
    }
    const answered = date('answered', true);

    const typeText = cellText(at('applicantType'));
    const applicantCol = typeText === '' ? null : applicantColumn(typeText);
    if (applicantCol === null) {
      rowFindings.push(finding('ledger.applicantType', row, 'applicantType', { column: name('applicantType'), quoted: quoter.quote(at('applicantType'), false) }));
      countable = false;
    }

    const resultText = cellText(at('result'));
    let resultRow: number | null = null;
    if (resultText !== '') {
      const reading = readResult(resultText);
      if (reading.kind === 'category') resultRow = reading.category.row;
      else {
        countable = false;
        if (reading.kind === 'vague') {
          const leaves = RESULT_CATEGORIES.filter((c) => c.parent !== null && c.parent.endsWith(reading.parent));
          rowFindings.push(finding('ledger.categoryVague', row, 'result', { parent: reading.parent, parentLabel: leaves[0].parent!, count: leaves.length, example: leaves[0].choice }));
        } else {
          rowFindings.push(finding('ledger.category', row, 'result', { column: name('result'), quoted: quoter.quote(at('result'), false) }));
        }
      }
    }
    if (resultText !== '' && blank('answered')) {
      rowFindings.push(finding('ledger.resultWithoutDate', row, 'answered'));
      countable = false;
    }
    if (answered !== null && resultText === '') {
      rowFindings.push(finding('ledger.dateWithoutResult', row, 'result', { answered: chineseDay(answered) }));
      countable = false;
    }
    if (answered !== null && received !== null && answered < received) {
      rowFindings.push(finding('ledger.answerBeforeReceipt', row, 'answered', { answered: chineseDay(answered), received: chineseDay(received) }));
      countable = false;
    }

    // Deadline inputs: a date given implies the 是 its 是否 column may leave blank.
    const correctionReceived = col.correctionReceived === undefined ? null : date('correctionReceived', false);
    const consultStart = col.consultStart === undefined ? null : date('consultStart', false);
    const consultEnd = col.consultEnd === undefined ? null : date('consultEnd', false);
    const corrected = (col.corrected !== undefined && yesNo('corrected')) || correctionReceived !== null;
    const consulted = (col.consulted !== undefined && yesNo('consulted')) || consultStart !== null || consultEnd !== null;
    const extended = col.extended !== undefined && yesNo('extended');
    if (!untimed && received !== null) {
      // 逾期不补正 ends an application without an answer period to keep: no date needed then.
      if (corrected && correctionReceived === null && resultRow !== RESULT_CATEGORIES.find((c) => c.name.includes('逾期不补正'))!.row) {
        rowFindings.push(finding('ledger.correctionDate', row, 'correctionReceived'));
        untimed = true;
      }
      if (correctionReceived !== null && correctionReceived < received) {
        rowFindings.push(finding('ledger.correctionBeforeReceipt', row, 'correctionReceived', { corrected: chineseDay(correctionReceived), received: chineseDay(received) }));
        untimed = true;
      }
      if (consulted && (consultStart === null || consultEnd === null)) {
        rowFindings.push(finding('ledger.consultDates', row, consultStart === null ? 'consultStart' : 'consultEnd'));
        untimed = true;
      } else if (consultStart !== null && consultEnd !== null && consultEnd < consultStart) {
        rowFindings.push(finding('ledger.consultOrder', row, 'consultEnd', { start: chineseDay(consultStart), end: chineseDay(consultEnd) }));
        untimed = true;
      }
    }

    // The row concerns the year when its span from receipt to answer (in whichever order it was written) touches it.
    const lo = received === null ? answered : answered === null ? received : Math.min(received, answered);
    const hi = answered === null ? null : received === null ? answered : Math.max(received, answered);
    const concernsYear = (lo === null || lo <= to) && (hi === null || hi >= from);
    if (concernsYear) {
      findings.push(...rowFindings);
      if (!countable) excluded++;
    }
    if (!countable) continue;
    entries.push({
      row,
      received,
      applicantCol,
      corrected,
      correctionReceived,
      consulted,
      consultStart,
      consultEnd,
      extended,
      answered,
      resultRow,
      ...(untimed ? { untimed: true as const } : {}),
    });
  }
  return { header, entries, findings, excluded };
}
