/// <reference types="office-js" />
import { PASS_MARK, PlannedMark, SheetPlan, YEAR_NAME, a1, areaA1, inputPosition, sheetPlan, sheetTitle, tableName } from '../../src/core/sheet';
import { TABLE_IDS, TABLES } from '../../src/core/tables';
import { MARK_LOOKS, drawPlan, findingsBlock, insertTemplate, showSheet, surveyWorkbook, uniqueSheetName } from '../../src/excel/template';
import { FakeExcel, areaAddress, parseAddress } from '../fakes/excel-fake';

const ORG = '木厂镇人民政府';
const TITLE = sheetTitle(2024);

async function inserted(options: { org?: string; year: number | null; force?: boolean } = { org: ORG, year: 2024 }) {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1', { A1: '原有数据', B2: 42, C3: '=B2*2' });
  const result = await insertTemplate(fake.asContext(), options);
  return { fake, result };
}

const mergeKey = (m: { row: number; col: number; rows: number; cols: number }) => areaAddress(m);

describe('insertTemplate: the sheet equals the plan', () => {
  let fake: FakeExcel;
  let plan: SheetPlan;
  beforeAll(async () => {
    ({ fake } = await inserted());
    plan = sheetPlan(ORG, 2024);
  });

  test('a new sheet named after the year, made active', () => {
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE]);
    expect(fake.activeSheet()?.name).toBe(TITLE);
    expect(fake.selection).toEqual({ sheet: TITLE, address: a1(plan.org.row, plan.org.col) });
  });

  test('every official label sits where TABLES puts it, character for character', () => {
    const sheet = fake.sheet(TITLE);
    let labels = 0;
    for (const t of TABLE_IDS) {
      const origin = plan.tables[t];
      const heading = sheet.cellAt(origin.row - 1, origin.col);
      expect(heading?.value).toBe(TABLES[t].title);
      for (const l of TABLES[t].labels) {
        expect(sheet.cellAt(origin.row + l.r, origin.col + l.c)?.value).toBe(l.text);
        labels++;
      }
    }
    expect(labels).toBe(TABLE_IDS.reduce((n, t) => n + TABLES[t].labels.length, 0));
  });

  test('merges are exactly the plan merges', () => {
    const sheet = fake.sheet(TITLE);
    const expected = plan.merges.map((m) => mergeKey({ row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 })).sort();
    expect(sheet.merges.map(mergeKey).sort()).toEqual(expected);
  });

  test('every planned name is defined on the sheet itself, on the planned area', () => {
    const sheet = fake.sheet(TITLE);
    expect([...sheet.names.values()].map((n) => [n.name, areaAddress(n.area)]).sort()).toEqual(plan.names.map((n) => [n.name, areaA1(n.area)]).sort());
    expect(sheet.names.size).toBe(200 + TABLE_IDS.length + 2);
    expect(fake.model.names.size).toBe(0); // nothing workbook-wide: another year's template can coexist
    expect(areaAddress(sheet.names.get('NB_T3')!.area)).toBe(areaA1(plan.tables.T3));
  });

  test('check cells hold the compiled native formulas; title and summary are formulas too', () => {
    const sheet = fake.sheet(TITLE);
    expect(plan.checks.length).toBe(42);
    for (const c of plan.checks) expect(sheet.cellAt(c.row, c.col)?.formula).toBe(`=${c.formula}`);
    for (const c of plan.cells.filter((x) => x.formula !== undefined)) expect(sheet.cellAt(c.row, c.col)?.formula).toBe(`=${c.formula}`);
    expect(sheet.cellAt(plan.summary.row, plan.summary.col)?.formula).toContain(PASS_MARK);
  });

  test('org and year are filled in; input cells are empty', () => {
    const sheet = fake.sheet(TITLE);
    expect(sheet.cellAt(plan.org.row, plan.org.col)?.value).toBe(ORG);
    expect(sheet.cellAt(plan.year.row, plan.year.col)?.value).toBe(2024);
    for (const c of plan.cells.filter((x) => x.input)) expect(sheet.cellAt(c.row, c.col)?.value).toBe('');
  });

  test('no custom-function formula by default: the findings block’s cells are empty and unlocked, ready for the pane to add it', () => {
    const sheet = fake.sheet(TITLE);
    for (const cell of sheet.cells.values()) expect(String(cell.formula)).not.toMatch(/NIANBAO\./);
    const area = plan.findings.area;
    for (let r = area.row; r < area.row + area.rows; r++) {
      for (let c = area.col; c < area.col + area.cols; c++) {
        expect(sheet.cellAt(r, c)?.value ?? '').toBe('');
        expect(sheet.isLocked(r, c)).toBe(false);
      }
    }
  });

  test('asked for, the findings block: the plan’s header row and NIANBAO.CHECK over the table names', async () => {
    const withBlock = new FakeExcel();
    withBlock.addSheet('Sheet1');
    await insertTemplate(withBlock.asContext(), { org: ORG, year: 2024, findingsBlock: true });
    const sheet = withBlock.sheet(TITLE);
    const block = findingsBlock(plan);
    block.header.forEach((h, i) => expect(sheet.cellAt(plan.findings.row, plan.findings.col + i)?.value).toBe(h));
    expect(sheet.cellAt(plan.findings.row + 1, plan.findings.col)?.formula).toBe(block.formula);
    expect(block.formula).toContain(`NIANBAO.CHECK(${TABLE_IDS.map(tableName).join(',')})`);
    // Nothing below or beside the formula: the spill has room.
    for (let r = plan.findings.row + 1; r < plan.findings.row + 60; r++) {
      for (let c = 0; c < 15; c++) if (r !== plan.findings.row + 1 || c !== 0) expect(sheet.cellAt(r, c)?.value ?? '').toBe('');
    }
    expect(sheet.mergeAt(plan.findings.row + 1, 1)).toBeUndefined();
  });

  test('inputs (and org, year) unlocked; labels, checks and formulas locked; protected without a password', () => {
    const sheet = fake.sheet(TITLE);
    for (const c of plan.cells) {
      const unlocked = c.input !== undefined || c.style === 'metaInput';
      expect([c.style, a1(c.row, c.col), sheet.isLocked(c.row, c.col)]).toEqual([c.style, a1(c.row, c.col), !unlocked]);
    }
    // A merged input is unlocked over its whole area (表二's wide cells).
    const wide = TABLES.T2.inputs.find((i) => i.id === 'T2.R3.C1')!;
    const origin = plan.tables.T2;
    expect(sheet.isLocked(origin.row + wide.r, origin.col + 3)).toBe(false);
    expect(sheet.protection.protected).toBe(true);
    expect(sheet.protection.password).toBeUndefined();
  });

  test('data validation on every input cell: whole counts ≥ 0, amounts ≥ 0; the year 2000–2100', () => {
    const sheet = fake.sheet(TITLE);
    const ruleAt = (r: number, c: number) => sheet.validations.find((v) => r >= v.area.row && r < v.area.row + v.area.rows && c >= v.area.col && c < v.area.col + v.area.cols)?.rule;
    for (const c of plan.cells.filter((x) => x.input)) {
      const expected = c.kind === 'amount' ? { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } } : { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
      expect(ruleAt(c.row, c.col)).toEqual(expected);
    }
    expect(ruleAt(plan.year.row, plan.year.col)).toEqual({ wholeNumber: { formula1: 2000, formula2: 2100, operator: 'Between' } });
    // No validation on labels or check cells.
    for (const c of plan.cells.filter((x) => !x.input && x.style !== 'metaInput')) expect(ruleAt(c.row, c.col)).toBeUndefined();
  });

  test('looks: column widths, fonts, fills, borders; the conditional formats are exactly the plan’s marks', () => {
    const sheet = fake.sheet(TITLE);
    expect([...sheet.colWidths.keys()].sort((a, b) => a - b)).toEqual(plan.colWidths.map((_, i) => i));
    for (const [row, h] of plan.rowHeights) expect(sheet.rowHeights.get(row)).toBe(h);
    const t3 = plan.tables.T3;
    expect(sheet.cellAt(t3.row, t3.col)?.format['font.name']).toBe('宋体');
    expect(sheet.cellAt(t3.row + 3, t3.col + 3)?.format['fill.color']).toBe('#FFFBE6');
    expect(sheet.cellAt(t3.row, t3.col)?.format['borders.EdgeTop.style']).toBe('Continuous');
    expect(sheet.conditionalFormats.map((cf) => [areaAddress(cf.area), cf.props['custom.rule.formula']])).toEqual(plan.marks.map((m) => [areaA1(m.area), `=${m.formula}`]));
    expect(sheet.settings.showGridlines).toBe(false);
  });
});

describe('insertTemplate: one batch, our own events off, nothing else touched', () => {
  test('the whole sheet is written in one sync, with calculation and screen updating suspended', async () => {
    const { fake } = await inserted();
    const writes = fake.writeBatches();
    expect(writes).toHaveLength(1);
    const batch = writes[0];
    expect(batch.error).toBeUndefined();
    expect(batch.ops[0]).toBe('enableEvents=false');
    expect(batch.ops).toContain('suspendApiCalculationUntilNextSync');
    expect(batch.ops).toContain('suspendScreenUpdatingUntilNextSync');
    expect(batch.ops.filter((o) => o.startsWith('write worksheets.add'))).toEqual([`write worksheets.add ${TITLE}`]);
    // Protection is the last write: it would refuse everything after it.
    const lastWrite = [...batch.ops].reverse().find((o) => o.startsWith('write'));
    expect(lastWrite).toMatch(/^write protect/);
    // The names the findings formula uses exist before it is written.
    const lastName = batch.ops.map((o) => o.startsWith('write names.add')).lastIndexOf(true);
    const contents = batch.ops.findIndex((o) => o.startsWith('write formulas'));
    expect(lastName).toBeGreaterThan(0);
    expect(lastName).toBeLessThan(contents);
    // Survey (2 syncs), the write, and the restore of events with a recalculation.
    expect(fake.syncCount).toBe(4);
    expect(fake.batches[3].ops).toEqual(['enableEvents=true', 'calculate Recalculate']);
    expect(fake.model.enableEvents).toBe(true);
  });

  test('our write does not reach our own change handlers; a person typing does', async () => {
    const fake = new FakeExcel({ excelApi: '1.14' });
    fake.addSheet('Sheet1');
    const seen: string[] = [];
    fake.workbookHandlers.push((e) => void seen.push(`${e.triggerSource} ${e.address}`));
    await insertTemplate(fake.asContext(), { org: ORG, year: 2024 });
    expect(seen).toEqual([]);
    const at = sheetPlan(ORG, 2024).tables.T3;
    const cell = a1(at.row + 3, at.col + 3);
    await fake.userEdit(TITLE, cell, [[5]]);
    expect(seen).toEqual([`Unknown ${cell}`]);
  });

  test('events are on afterwards, whatever the survey saw (a ribbon insert racing a pane write must not leave them off)', async () => {
    const fake = new FakeExcel();
    fake.model.enableEvents = false;
    await insertTemplate(fake.asContext(), { year: 2024 });
    expect(fake.model.enableEvents).toBe(true);
  });

  test('existing sheets are untouched', async () => {
    const fake = new FakeExcel();
    const other = fake.addSheet('数据', { A1: '甲', B1: 1, B2: '=B1+1' });
    other.merges.push(parseAddress('C1:D1'));
    const before = other.snapshot();
    await insertTemplate(fake.asContext(), { org: ORG, year: 2024 });
    expect(fake.sheet('数据').snapshot()).toEqual(before);
  });

  test('a locked cell on a protected template refuses a person and the API alike', async () => {
    const { fake } = await inserted();
    const plan = sheetPlan(ORG, 2024);
    const label = a1(plan.tables.T3.row + 3, plan.tables.T3.col);
    await expect(fake.userEdit(TITLE, label, [['改动']])).rejects.toMatchObject({ code: 'InvalidOperation' });
    const ctx = fake.asContext();
    ctx.workbook.worksheets.getItem(TITLE).getRange(label).values = [['改动']];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});

describe('insertTemplate: never overwrites', () => {
  test('a sheet that merely has the name gives the new one "(2)"', async () => {
    const fake = new FakeExcel();
    fake.addSheet(TITLE, { A1: '自己的笔记' });
    const result = await insertTemplate(fake.asContext(), { org: ORG, year: 2024 });
    expect(result).toEqual({ status: 'inserted', sheet: `${TITLE}(2)` });
    expect(fake.sheet(TITLE).cell('A1').value).toBe('自己的笔记');
  });

  test("a workbook that holds that year's template is told so, and nothing is written", async () => {
    const { fake } = await inserted();
    const batches = fake.batches.length;
    const again = await insertTemplate(fake.asContext(), { org: ORG, year: 2024 });
    expect(again).toEqual({ status: 'exists', sheet: TITLE });
    expect(fake.model.sheets).toHaveLength(2);
    expect(fake.batches.slice(batches).every((b) => b.writes === 0)).toBe(true);
  });

  test('a renamed template still counts, by its year cell', async () => {
    const { fake } = await inserted();
    fake.sheet(TITLE).name = '年报';
    expect(await insertTemplate(fake.asContext(), { year: 2024 })).toEqual({ status: 'exists', sheet: '年报' });
  });

  test('force inserts a second one as "(2)"; another year coexists with its own names', async () => {
    const { fake } = await inserted();
    expect(await insertTemplate(fake.asContext(), { org: ORG, year: 2024, force: true })).toEqual({ status: 'inserted', sheet: `${TITLE}(2)` });
    expect(await insertTemplate(fake.asContext(), { org: ORG, year: 2023 })).toEqual({ status: 'inserted', sheet: sheetTitle(2023) });
    const survey = await surveyWorkbook(fake.asContext());
    expect(survey.templates).toEqual([
      { name: TITLE, year: 2024 },
      { name: `${TITLE}(2)`, year: 2024 },
      { name: sheetTitle(2023), year: 2023 },
    ]);
    for (const name of [TITLE, sheetTitle(2023)]) expect(fake.sheet(name).names.has(YEAR_NAME)).toBe(true);
  });

  test('"go there" activates the existing template', async () => {
    const { fake } = await inserted();
    fake.model.activeSheetId = fake.sheet('Sheet1').id;
    await showSheet(fake.asContext(), TITLE);
    expect(fake.activeSheet()?.name).toBe(TITLE);
  });

  test('uniqueSheetName ignores case, as Excel does', () => {
    expect(uniqueSheetName(['a', 'B'], 'b')).toBe('b(2)');
    expect(uniqueSheetName(['x', 'x(2)'], 'X')).toBe('X(3)');
    expect(uniqueSheetName([], 'x')).toBe('x');
  });
});

describe('insertTemplate: failure', () => {
  test('a failed write takes the half-written sheet away, restores events and reports the error', async () => {
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    fake.failOn = (what) => what.startsWith('write names.add NB_T3_R1_C1');
    await expect(insertTemplate(fake.asContext(), { year: 2024 })).rejects.toMatchObject({ code: 'GeneralException' });
    fake.failOn = null;
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(fake.model.enableEvents).toBe(true);
  });

  test.each(['=HYPERLINK("x")', '+86 某局', '-3', '@某局', '2024'])('a body name that Excel would take for a formula or a number stays text: %s', async (org) => {
    const { fake } = await inserted({ org, year: 2024 });
    const at = sheetPlan().org;
    expect(fake.sheet(TITLE).cellAt(at.row, at.col)?.value).toBe(org);
  });

  test('a template without a year is named without one', async () => {
    const { fake, result } = await inserted({ year: null });
    expect(result).toEqual({ status: 'inserted', sheet: sheetTitle(null) });
    expect(fake.sheet(sheetTitle(null)).cell(a1(sheetPlan().year.row, sheetPlan().year.col)).value).toBe('');
  });
});

describe('the template’s marks', () => {
  const plan = sheetPlan(ORG, 2024);
  const cell = (id: string) => ({ ...inputPosition(plan, id), rows: 1, cols: 1 });
  // Marks of our own making: what the inserter does with any plan.marks (what else a mark carries does not matter here).
  const mark = (m: Pick<PlannedMark, 'area' | 'formula' | 'severity'>): PlannedMark => ({ test: { type: 'input', kind: 'count' }, rules: [], ...m }) as PlannedMark;
  const marks: PlannedMark[] = [
    mark({ area: cell('T3.R1.C1'), formula: `AND(${areaA1(cell('T3.R1.C1'))}<>"",NOT(ISNUMBER(${areaA1(cell('T3.R1.C1'))})))`, severity: 'error' }),
    mark({ area: { ...cell('T4.R1.C1'), cols: 5 }, formula: `ISTEXT(${areaA1(cell('T4.R1.C1'))})`, severity: 'warning' }),
  ];

  async function drawn(withMarks: PlannedMark[]) {
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    const ctx = fake.asContext();
    drawPlan(ctx.workbook.worksheets.add(TITLE), { ...plan, marks: withMarks });
    await ctx.sync();
    return fake;
  }

  test('are written once as custom-formula conditional formats, in the plan’s priority order, with their severity’s look, before protection', async () => {
    const fake = await drawn(marks);
    const sheet = fake.sheet(TITLE);
    expect(sheet.conditionalFormats.map((cf) => [cf.type, areaAddress(cf.area), cf.props['custom.rule.formula']])).toEqual(marks.map((m) => ['Custom', areaA1(m.area), `=${m.formula}`]));
    expect(sheet.conditionalFormats[0].props).toMatchObject({ 'custom.format.fill.color': MARK_LOOKS.error.fill, 'custom.format.font.color': MARK_LOOKS.error.font });
    expect(sheet.conditionalFormats[1].props).toMatchObject({ 'custom.format.fill.color': MARK_LOOKS.warning.fill, 'custom.format.font.bold': false });
    expect(sheet.protection.protected).toBe(true);
    // All of it in the one write batch.
    expect(fake.writeBatches()).toHaveLength(1);
  });

  test('a plan without marks writes no conditional format at all', async () => {
    const fake = await drawn([]);
    expect(fake.sheet(TITLE).conditionalFormats).toEqual([]);
  });
});

describe('the findings block in every display language', () => {
  test.each(['en-US', 'zh-CN'] as const)('inserted in %s, it reads the same in both languages (never #NAME?)', async (language) => {
    const fake = new FakeExcel({ displayLanguage: language });
    fake.addSheet('Sheet1');
    await insertTemplate(fake.asContext(), { org: ORG, year: 2024, findingsBlock: true });
    const at = sheetPlan().findings;
    const shown = () => fake.sheet(TITLE).cellAt(at.row + 1, at.col)?.value;
    const first = shown();
    expect(first).not.toBe('#NAME?');
    fake.displayLanguage = language === 'en-US' ? 'zh-CN' : 'en-US';
    expect(shown()).toBe(first);
    expect(fake.sheet(TITLE).cellAt(at.row + 1, at.col)?.formula).toBe(findingsBlock(sheetPlan()).formula);
  });
});
