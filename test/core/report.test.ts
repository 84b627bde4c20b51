/**
 * The `nianbao/report@1` schema: real files parse; anything else is refused with one Chinese
 * message that names the place; nothing makes the parser throw.
 */
import * as fs from 'fs';
import fc from 'fast-check';
import { check } from '../../src/core/engine';
import { emptyReport, REPORT_FORMAT } from '../../src/core/report';
import { parseReport, parseReportJson } from '../../src/core/report-schema';
import { CHINESE, consistentReport, fixturePath } from './helpers';

const valid = { format: REPORT_FORMAT, org: '某县人民政府', year: 2024, cells: { 'T3.R1.C7': 12, 'T3.R1.C1': '１２', 'T3.R2.C1': null } };
const json = (value: unknown) => JSON.stringify(value);

/** The error of a refused document; fails the test if it was accepted. */
function errorOf(text: string): string {
  const result = parseReportJson(text);
  if (result.ok) throw new Error(`accepted: ${text}`);
  expect(result.error).toMatch(CHINESE);
  return result.error;
}
const refuse = (value: unknown): string => errorOf(json(value));

describe('accepted', () => {
  test.each(['shuyang-county-2025.json', 'shuyang-fgj-2023.json'])('the real report %s', (name) => {
    const text = fs.readFileSync(fixturePath(name), 'utf8');
    const result = parseReportJson(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.report).toEqual(JSON.parse(text));
  });

  test('numbers, strings as typed and null as cell values', () => {
    expect(parseReportJson(json(valid))).toEqual({ ok: true, report: valid });
  });

  test('a report with no cells, and a report without a year', () => {
    expect(parseReport(emptyReport()).ok).toBe(true);
    expect(parseReport({ ...valid, year: null }).ok).toBe(true);
  });

  test('a file starting with a byte order mark', () => {
    expect(parseReportJson('\ufeff' + json(valid)).ok).toBe(true);
  });

  test('a generated consistent report', () => {
    expect(parseReport(consistentReport()).ok).toBe(true);
  });
});

describe('refused, with a Chinese message naming the place', () => {
  test.each(['org', 'year', 'cells'])('missing key %s', (key) => {
    const { [key as keyof typeof valid]: _, ...rest } = valid;
    expect(refuse(rest)).toContain(`${key}：缺少此字段`);
  });

  // BUG: a missing "format" goes through the invalid_value branch and reads
  // “format：应为 "nianbao/report@1"，实为 undefined” instead of “format：缺少此字段”.
  test('missing key format', () => {
    const { format: _, ...rest } = valid;
    expect(refuse(rest)).toContain('format：缺少此字段');
  });

  test('missing key format is still refused, naming format', () => {
    const { format: _, ...rest } = valid;
    expect(refuse(rest)).toContain('format：');
  });

  test('an extra key', () => {
    expect(refuse({ ...valid, author: 'x' })).toContain('报告：不认识的字段 "author"');
  });

  test('the wrong format string', () => {
    expect(refuse({ ...valid, format: 'nianbao/report@2' })).toContain('format：应为 "nianbao/report@1"，实为 "nianbao/report@2"');
  });

  test('a year given as text', () => {
    expect(refuse({ ...valid, year: '2024' })).toContain('year：应为数字，实为文本');
  });

  test('an org given as a number', () => {
    expect(refuse({ ...valid, org: 42 })).toContain('org：应为文本，实为数字');
  });

  test('a year out of range', () => {
    expect(refuse({ ...valid, year: 1989 })).toContain('year：不能小于 1990');
    expect(refuse({ ...valid, year: 2101 })).toContain('year：不能大于 2100');
  });

  test('a cell value that is neither number, text nor null names the cell', () => {
    expect(refuse({ ...valid, cells: { 'T3.R1.C1': true } })).toContain('cells["T3.R1.C1"]：应为数字、文本或 null，实为真假值');
    expect(refuse({ ...valid, cells: { 'T3.R1.C1': [1] } })).toContain('cells["T3.R1.C1"]：应为数字、文本或 null，实为数组');
    expect(refuse({ ...valid, cells: { 'T3.R1.C1': {} } })).toContain('cells["T3.R1.C1"]：应为数字、文本或 null，实为对象');
  });

  test('an unknown cell id', () => {
    expect(refuse({ ...valid, cells: { 'T3.R26.C1': 1 } })).toContain('"T3.R26.C1"不是表格中的单元格编号（应如 T3.R1.C7）');
  });

  test('many unknown cell ids are summarised', () => {
    const cells = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`X${i}`, 1]));
    const error = refuse({ ...valid, cells });
    expect(error).toContain('"X0"、"X1"、"X2"、"X3"、"X4" 等不是表格中的单元格编号');
    expect(error).not.toContain('X5');
  });

  test('an over-long text in a cell', () => {
    expect(refuse({ ...valid, cells: { 'T3.R1.C1': 'x'.repeat(2001) } })).toContain('cells["T3.R1.C1"]：文本过长（不超过 2000 字）');
  });

  test.each([
    ['an array', [], '报告：应为对象，实为数组'],
    ['null', null, '报告：应为对象，实为null'],
    ['a number', 42, '报告：应为对象，实为数字'],
    ['a string', 'report', '报告：应为对象，实为文本'],
  ])('a document that is %s', (_, value, message) => {
    expect(refuse(value)).toContain(message);
  });

  test('the message says what the file was expected to be', () => {
    expect(refuse({})).toMatch(/^不是 nianbao 年报数据（nianbao\/report@1）：/);
  });

  test('several problems are all listed', () => {
    const error = refuse({ format: 'x', org: 1, year: 'y', cells: {} });
    expect(error).toContain('format：');
    expect(error).toContain('org：');
    expect(error).toContain('year：');
  });

  test('empty text', () => {
    expect(errorOf('')).toBe('不是有效的 JSON 文件（文件为空）');
    expect(errorOf('   ')).toBe('不是有效的 JSON 文件（文件为空）');
  });

  test('truncated JSON', () => {
    expect(errorOf(json(valid).slice(0, 30))).toMatch(/^不是有效的 JSON 文件（/);
  });

  test('JSON with a syntax error in the middle names the character', () => {
    expect(errorOf('{"format":"nianbao/report@1",,}')).toBe('不是有效的 JSON 文件（第 30 个字符处有误）');
  });

  // BUG (Node 20+): for text that is not JSON at all, V8's message is `Unexpected token 'h', "hello" is
  // not valid JSON` with no "position N", so jsonErrorPlace falls back to “文件为空或内容残缺” — telling
  // the user a non-empty file is empty or truncated. Repro: parseReportJson('hello').
  test('text that is not JSON is not described as empty or truncated', () => {
    expect(errorOf('hello')).not.toContain('文件为空或内容残缺');
  });

  // BUG: zod's type names leak into the message in English: parseReportJson of a report with
  // "year": 2024.5 gives “year：应为int，实为数字”, and "cells": [] gives “cells：应为record，实为数组”.
  test('a fractional year gets a message without English type names', () => {
    expect(refuse({ ...valid, year: 2024.5 })).not.toMatch(/[A-Za-z]{3,}，实为/);
  });

  test('cells given as an array gets a message without English type names', () => {
    expect(refuse({ ...valid, cells: [] })).not.toMatch(/应为[A-Za-z]/);
  });

  // BUG: a number too large for a double (1e400 in the file) parses to Infinity, which zod refuses;
  // the message then reads “cells["T3.R1.C1"]：应为数字、文本或 null，实为数字” — it contradicts itself.
  test('an infinite number gets a message that does not contradict itself', () => {
    expect(errorOf(json(valid).replace('"T3.R1.C7":12', '"T3.R1.C7":1e400'))).not.toContain('应为数字、文本或 null，实为数字');
  });
});

describe('never throws', () => {
  test('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseReport(value);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error).toMatch(CHINESE);
      }),
    );
  });

  test('on report-like objects with random fields', () => {
    const cellValue = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.boolean(), fc.object());
    const arb = fc.record(
      {
        format: fc.oneof(fc.constant(REPORT_FORMAT), fc.string()),
        org: fc.oneof(fc.string(), fc.integer()),
        year: fc.oneof(fc.integer({ min: 1980, max: 2110 }), fc.constant(null), fc.double(), fc.string()),
        cells: fc.dictionary(fc.oneof(fc.constantFrom('T3.R1.C7', 'T2.R6.C1', 'T4.R1.C15'), fc.string()), cellValue),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arb, (value) => {
        const result = parseReport(value);
        if (!result.ok) expect(result.error).toMatch(CHINESE);
      }),
    );
  });

  test('on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
        const result = parseReportJson(text);
        if (!result.ok) expect(result.error).toMatch(CHINESE);
      }),
    );
  });

  test('on prototype-polluting keys', () => {
    const text = '{"format":"nianbao/report@1","org":"","year":null,"cells":{"__proto__":{"x":1},"constructor":1}}';
    const result = parseReportJson(text);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('unreadable tables', () => {
  test('an optional list of tables is accepted, and the rules skip those tables', () => {
    const report = { format: 'nianbao/report@1', org: '某局', year: 2024, cells: { 'T3.R1.C7': 5 }, unreadable: ['T3'] };
    const parsed = parseReport(report);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(check(parsed.report).filter((f) => f.table === 'T3')).toEqual([]);
    expect(check(parsed.report).some((f) => f.table === 'T4')).toBe(true);
  });

  test('anything but table ids is refused', () => {
    expect(parseReport({ format: 'nianbao/report@1', org: '', year: 2024, cells: {}, unreadable: ['T9'] }).ok).toBe(false);
  });
});

describe('unknown cells and known sums', () => {
  const six = (c: number) => [21, 22, 23].map((r) => `T3.R${r}.C${c}`);
  const ALL_SIX = [1, 2, 3, 4, 5, 6, 7].flatMap(six);
  /** A consistent report whose three （六） rows are known only by their total per column. */
  const combined = () => {
    const r = consistentReport();
    const cells = { ...r.cells };
    const sums = [1, 2, 3, 4, 5, 6, 7].map((c) => ({ cells: six(c), value: six(c).reduce((s, id) => s + (cells[id] as number), 0) }));
    for (const id of ALL_SIX) cells[id] = null;
    return { ...r, cells, unknown: ALL_SIX, sums };
  };

  test('a file with them parses; one naming a cell that does not exist is refused', () => {
    const r = combined();
    const parsed = parseReport(JSON.parse(JSON.stringify(r)));
    expect(parsed.ok && parsed.report).toEqual(r);
    expect(parseReport({ ...r, unknown: ['T3.R26.C1'] }).ok).toBe(false);
    expect(parseReport({ ...r, sums: [{ cells: ['T3.R21.C1'], value: 1 }] }).ok).toBe(false);
  });

  test('an unknown cell is neither blank nor 0: no cell rule, and equations that need it alone are skipped', () => {
    const { sums: _sums, ...r } = combined();
    expect(check(r)).toEqual([]);
    // Were they read as 0, （七）总计 would no longer be the sum of (一)–(六) in any column with （六） figures.
    const asBlank = check({ ...r, unknown: undefined });
    expect(asBlank.some((f) => f.rule === 'cell.blank')).toBe(true);
  });

  test('a known total of unknown cells takes their place where an equation adds all of them up', () => {
    const r = combined();
    expect(check(r)).toEqual([]);
    const off = { ...r, sums: r.sums.map((s, i) => (i === 6 ? { ...s, value: (s.value as number) + 2 } : s)) };
    // （七）总计 against the sum, and the combined row's own 总计 against its applicant columns.
    expect(check(off).map((f) => [f.rule, f.anchor?.index, f.difference])).toEqual([
      ['T3.resultTotal', 7, -2],
      ['T3.applicantTotal', 21, 2],
    ]);
    // A total that is not a number cannot be used: the equation is skipped, not reported.
    const text = { ...r, sums: r.sums.map((s, i) => (i === 6 ? { ...s, value: '见说明' } : s)) };
    expect(check(text)).toEqual([]);
  });

  test('a report without them reads exactly as before', () => {
    const r = consistentReport();
    expect(check({ ...r, unknown: [], sums: [] })).toEqual(check(r));
  });
});
