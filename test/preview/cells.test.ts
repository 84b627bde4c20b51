/** Typing, the native formulas and pasting, without a browser. */
import { check } from '../../src/core/engine';
import { CellValue, Report } from '../../src/core/report';
import { EQUATION_RULES } from '../../src/core/rules';
import { PASS_MARK, TEXT_MARK, sheetPlan } from '../../src/core/sheet';
import { checkCellText, checkCellValue, summaryText, titleText } from '../../src/preview/native';
import { isBlock, parseBlock, placeBlock } from '../../src/preview/paste';
import { shownText, typedValue } from '../../src/preview/typing';
import { consistentReport, withCells } from '../helpers/reports';

describe('typing into a cell keeps what Excel keeps', () => {
  test.each<[string, CellValue]>([
    ['', null],
    ['12', 12],
    ['0', 0],
    ['-0', 0],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1,234', 1234],
    ['1,234.5', 1234.5],
    ["'12", '12'],
    ["'", null],
    ['１２', '１２'],
    [' 12', ' 12'],
    ['12 ', '12 '],
    ['1,23', '1,23'],
    ['/', '/'],
    ['22（其中修订16件）', '22（其中修订16件）'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['#REF!', '#REF!'],
    ['Infinity', 'Infinity'],
  ])('%j → %j', (text, value) => expect(typedValue(text)).toEqual(value));

  test('what the pane writes shows as a plain number', () => {
    expect(shownText(0)).toBe('0');
    expect(shownText(12.5)).toBe('12.5');
    expect(shownText(0.1 + 0.2)).toBe('0.3');
    expect(shownText(null)).toBe('');
    expect(shownText('x')).toBe('x');
  });
});

describe('check cells show what the native formula shows', () => {
  const plan = sheetPlan();
  const valuesOf = (r: Report) => (id: string) => (r.cells[id] ?? null) as CellValue;

  test('every check cell of a consistent report shows ✓, and the summary counts them all', () => {
    const r = consistentReport(3);
    const values = plan.checks.map((c) => checkCellValue(c.equation, valuesOf(r)));
    expect(values.every((v) => v === PASS_MARK)).toBe(true);
    expect(summaryText(values)).toBe(`${PASS_MARK} 全部勾稽关系通过（${plan.checkCount}条）`);
  });

  test('a broken cell shows the engine’s signed difference in exactly the check cells of the failing equations', () => {
    const r = withCells(consistentReport(3), { 'T3.R5.C2': 1000 });
    const findings = check(r).filter((f) => f.anchor);
    expect(findings.length).toBeGreaterThan(0);
    for (const c of plan.checks) {
      const f = findings.find((x) => x.rule === c.rule && x.anchor!.table === c.equation.anchor.table && x.anchor!.axis === c.equation.anchor.axis && x.anchor!.index === c.equation.anchor.index);
      expect(checkCellValue(c.equation, valuesOf(r))).toBe(f ? f.difference : PASS_MARK);
    }
    const values = plan.checks.map((c) => checkCellValue(c.equation, valuesOf(r)));
    expect(summaryText(values)).toBe(`✗ ${findings.length} 条勾稽关系不成立或含文本`);
  });

  test('any text operand gives 含文本, even text the engine reads as a number or as 0', () => {
    for (const text of ['/', '１２', ' 12', '22（其中修订16件）', '<b>x</b>']) {
      const r = withCells(consistentReport(3), { 'T3.R1.C1': text });
      const touched = plan.checks.filter((c) => [...c.equation.lhs, ...c.equation.rhs].some((t) => t.cell === 'T3.R1.C1'));
      expect(touched.length).toBe(2);
      for (const c of plan.checks) expect(checkCellValue(c.equation, valuesOf(r))).toBe(touched.includes(c) ? TEXT_MARK : PASS_MARK);
    }
  });

  test('blank cells count as 0, as SUM counts them', () => {
    const eq = plan.checks[0].equation;
    expect(checkCellValue(eq, () => null)).toBe(PASS_MARK);
  });

  test('a subtracted term is taken away, as the formula’s -SUM() does', () => {
    // No intra-report equation subtracts today; prior.inForce does (last year + issued − repealed).
    const eq = EQUATION_RULES.flatMap((r) => r.equations).find((e) => [...e.lhs, ...e.rhs].some((t) => t.sign === -1))!;
    const cells = [...new Set([...eq.lhs, ...eq.rhs].map((t) => t.cell))];
    const value = (id: string) => (cells.indexOf(id) + 1) * 7;
    const side = (terms: typeof eq.lhs) => terms.reduce((sum, t) => sum + (t.sign ?? 1) * value(t.cell), 0);
    const difference = side(eq.lhs) - side(eq.rhs);
    expect(difference).not.toBe(0);
    expect(checkCellValue(eq, value)).toBe(difference);
  });

  test('numbers read as Excel’s General format shows them', () => {
    expect(checkCellText(-1)).toBe('-1');
    expect(checkCellText(0.25)).toBe('0.25');
    expect(checkCellText(PASS_MARK)).toBe(PASS_MARK);
  });

  test('the summary texts are the ones in the plan’s summary formula', () => {
    const formula = plan.cells.find((c) => c.style === 'summary')!.formula!;
    expect(formula).toContain(`"${summaryText(plan.checks.map(() => PASS_MARK))}"`);
    const failing = summaryText([PASS_MARK, 3]);
    expect(failing).toBe('✗ 1 条勾稽关系不成立或含文本');
    expect(formula).toContain('"✗ "&');
    expect(formula).toContain('&" 条勾稽关系不成立或含文本"');
  });

  test('the title follows the body and, when it is a number, the year', () => {
    expect(titleText('木厂镇', 2024)).toBe('木厂镇2024年政府信息公开工作年度报告');
    expect(titleText('木厂镇', '2024年')).toBe('木厂镇政府信息公开工作年度报告');
    expect(titleText(null, null)).toBe('政府信息公开工作年度报告');
    expect(titleText(12, 2024)).toBe('122024年政府信息公开工作年度报告');
  });
});

describe('pasting a block', () => {
  test('tab-separated rows, with the trailing line break spreadsheets add', () => {
    expect(parseBlock('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseBlock('1\n2\n')).toEqual([['1'], ['2']]);
    expect(parseBlock('7')).toEqual([['7']]);
    expect(parseBlock('7\n')).toEqual([['7']]);
    expect(parseBlock('\t\n')).toEqual([['', '']]);
  });

  test('quoted cells keep their tabs, line breaks and quotes', () => {
    expect(parseBlock('"a\tb"\t"say ""hi"""\n"two\nlines"\t3\n')).toEqual([
      ['a\tb', 'say "hi"'],
      ['two\nlines', '3'],
    ]);
    // A quote that does not close a cell is just a character.
    expect(parseBlock('5"\t"6')).toEqual([['5"', '"6']]);
  });

  test('one value is not a block; a row or a column is', () => {
    expect(isBlock(parseBlock('12'))).toBe(false);
    expect(isBlock(parseBlock('12\n'))).toBe(false);
    expect(isBlock(parseBlock('1\t2'))).toBe(true);
    expect(isBlock(parseBlock('1\n2'))).toBe(true);
  });

  test('values land on inputs by offset; positions without an input are counted, not written', () => {
    const inputs = new Map([
      ['5,3', 'A'],
      ['5,4', 'B'],
      ['6,3', 'C'],
    ]);
    const placed = placeBlock(parseBlock('1\t2\t9\n3\t\t\n'), { row: 5, col: 3 }, (r, c) => inputs.get(`${r},${c}`));
    expect([...placed.cells]).toEqual([
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ]);
    expect(placed.skipped).toBe(1);
  });
});
