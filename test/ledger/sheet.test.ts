/**
 * The register's plan: the standard columns from the ledger schema, validation on every prepared
 * row, and a summary holding all 175 cells of 表三 as formulas over the register.
 */
import { a1 } from '../../src/core/sheet';
import { T3_COLUMNS, T3_ROW_NAMES, TABLES } from '../../src/core/tables';
import { APPLICANT_TYPES, LEDGER_COLUMNS, RESULT_CATEGORIES } from '../../src/ledger/columns';
import { LEDGER_RESULTS_NAME, PREPARED_ROWS, REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan, nameReference } from '../../src/ledger/sheet';

const plan = ledgerPlan({ year: 2025 });

test('the register’s header row is the schema’s columns, in order, under a title and a note', () => {
  const header = plan.register.cells.filter((c) => c.row === plan.headerRow).sort((a, b) => a.col - b.col);
  expect(header.map((c) => c.value)).toEqual(LEDGER_COLUMNS.map((c) => c.label));
  expect(plan.register.cells.find((c) => c.row === 0)?.value).toBe('依申请公开登记台账');
  expect(plan.register.frozenRows).toBe(plan.firstRow);
  expect(plan.register.print).toMatchObject({ orientation: 'landscape', paper: 'A4', gridlines: true, titleRows: { from: plan.headerRow, to: plan.headerRow } });
});

test('dates, lists, yes/no and the fee are validated on every prepared row', () => {
  const byCol = new Map(plan.register.validations.map((v) => [v.area.col, v]));
  for (const [i, c] of LEDGER_COLUMNS.entries()) {
    const v = byCol.get(i);
    if (['serial', 'text'].includes(c.kind)) {
      expect([c.label, v]).toEqual([c.label, undefined]);
      continue;
    }
    expect([c.label, v!.area]).toEqual([c.label, { row: plan.firstRow, col: i, rows: PREPARED_ROWS, cols: 1 }]);
    if (c.kind === 'date') expect(plan.register.columns[i].numberFormat).toBe('yyyy-mm-dd');
  }
  expect(byCol.get(plan.columnOf.applicantType)!.rule).toEqual({ type: 'list', items: APPLICANT_TYPES.map((t) => t.name) });
  expect(byCol.get(plan.columnOf.result)!.rule).toEqual({ type: 'listName', name: LEDGER_RESULTS_NAME });
  expect(byCol.get(plan.columnOf.fee)!.rule).toEqual({ type: 'decimal', min: 0 });
  expect(byCol.get(plan.columnOf.corrected)!.rule).toEqual({ type: 'list', items: ['是', '否'] });
});

test('the result list the register reads holds the 21 categories, by name on the summary sheet', () => {
  const list = plan.names.find((n) => n.name === LEDGER_RESULTS_NAME)!;
  expect(list).toMatchObject({ scope: 'register', sheet: 'summary' });
  const values = Array.from({ length: list.area.rows }, (_, i) => plan.summary.cells.find((c) => c.row === list.area.row + i && c.col === list.area.col)?.value);
  expect(values).toEqual(RESULT_CATEGORIES.map((c) => c.choice));
  expect(nameReference(plan, list)).toBe(`'${SUMMARY_SHEET}'!$L$6:$L$26`);
});

test('the summary holds 表三’s official labels and a formula in each of its 175 cells', () => {
  const at = (row: number, col: number) => plan.summary.cells.find((c) => c.row === row && c.col === col);
  for (const l of TABLES.T3.labels) expect(at(plan.t3.row + l.r, plan.t3.col + l.c)?.value).toBe(l.text);
  let formulas = 0;
  for (let r = 1; r <= T3_ROW_NAMES.length; r++) {
    for (let c = 1; c <= T3_COLUMNS.length; c++) {
      const pos = plan.cellAt(r, c);
      expect(at(pos.row, pos.col)?.formula).toBeDefined();
      formulas++;
    }
  }
  expect(formulas).toBe(175);
  expect(plan.summary.cells.filter((c) => c.formula && c.row >= plan.t3.row && c.row < plan.t3.row + plan.t3.rows)).toHaveLength(175);
});

test('the summary counts the register sheet by its name, whole columns, so rows typed below the prepared ones count too', () => {
  const received = plan.summary.cells.find((c) => c.row === plan.cellAt(1, 1).row && c.col === plan.cellAt(1, 1).col)!;
  expect(received.formula).toBe(`IF(ISNUMBER($D$2),COUNTIFS('${REGISTER_SHEET}'!$D:$D,"自然人",'${REGISTER_SHEET}'!$C:$C,">="&$D$2,'${REGISTER_SHEET}'!$C:$C,"<"&($G$2+1)),"")`);
  const renamed = ledgerPlan({ registerName: "O'Brien 台账" });
  expect(renamed.summary.cells.find((c) => c.formula?.includes('COUNTIFS'))!.formula).toContain(`'O''Brien 台账'!$D:$D`);
  expect(a1(plan.year.row, plan.year.col)).toBe('B2');
});

test('a blank plan leaves the year for the user and names the org in both titles when given', () => {
  const blank = ledgerPlan();
  expect(blank.summary.cells.find((c) => c.row === blank.year.row && c.col === blank.year.col)?.value).toBeUndefined();
  const named = ledgerPlan({ org: '沭阳县人民政府' });
  expect(named.register.cells[0].value).toBe('沭阳县人民政府依申请公开登记台账');
  expect(named.summary.cells[0].value).toMatch(/^沭阳县人民政府台账汇总/);
});

test('below 表三 the summary counts what it leaves out, and says so in a sentence', () => {
  const at = (row: number, col: number) => plan.summary.cells.find((c) => c.row === row && c.col === col);
  expect(plan.uncounted.row).toBe(plan.t3.row + plan.t3.rows);
  const count = at(plan.uncounted.row, plan.uncounted.col)!.formula!;
  expect(count).toMatch(/^IF\(ISNUMBER\(\$D\$2\),COUNTIFS\(/);
  expect(count).toContain(`(COUNTA('${REGISTER_SHEET}'!$C:$C)-COUNT('${REGISTER_SHEET}'!$C:$C)-1)`);
  expect(at(plan.uncounted.row, plan.uncounted.col + 1)!.formula).toContain('✓ 台账中与本年度有关的登记均已计入上表');
  expect(plan.summary.print.area!.rows).toBe(plan.uncounted.row + 1);
});
