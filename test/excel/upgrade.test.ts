/// <reference types="office-js" />
/**
 * The one-time upgrade of a template the earlier version inserted (runtime marks tagged
 * nianbao:mark): one read, one write batch, the user's rules kept, and a failing read of the
 * conditional formats (office-js#6835, #6827) never leading to a deletion.
 */
import { PlannedMark, SheetPlan, a1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { findingsBlock, insertTemplate } from '../../src/excel/template';
import { OLD_FINDINGS_FORMULA, OLD_MARK_FORMULA, upgradeState, upgradeTemplate } from '../../src/excel/upgrade';
import { ConditionalFormatModel, FakeExcel, parseAddress } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

const TITLE = sheetTitle(2024);
const base = sheetPlan('木厂镇', 2024);
const cell = (id: string) => ({ ...inputPosition(base, id), rows: 1, cols: 1 });
// Marks of our own making (what else a mark carries does not matter to the upgrade).
const mark = (m: Pick<PlannedMark, 'area' | 'formula' | 'severity'>): PlannedMark => ({ test: { type: 'input', kind: 'count' }, rules: [], ...m }) as PlannedMark;
const MARKS: PlannedMark[] = [
  mark({ area: cell('T3.R1.C1'), formula: `AND(${at('T3.R1.C1')}<>"",NOT(ISNUMBER(${at('T3.R1.C1')})))`, severity: 'error' }),
  mark({ area: cell('T4.R1.C1'), formula: `ISTEXT(${at('T4.R1.C1')})`, severity: 'warning' }),
];
const plan: SheetPlan = { ...base, marks: MARKS };
/** The findings formula this version writes. */
const FINDINGS_FORMULA = findingsBlock(base).formula;
const formulas = (fake: FakeExcel) => fake.sheet(TITLE).conditionalFormats.map((cf) => cf.props['custom.rule.formula']);
const rule = (address: string, formula: string): ConditionalFormatModel => ({ area: parseAddress(address), areas: [parseAddress(address)], type: 'Custom', props: { 'custom.rule.formula': formula } });

/** A template as the earlier version left it: its marks on two cells, its check rule, the English findings formula, and a rule of the user's own. */
async function earlier(): Promise<{ fake: FakeExcel; id: string }> {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  await insertTemplate(fake.asContext(), { org: '木厂镇', year: 2024 });
  const sheet = fake.sheet(TITLE);
  sheet.conditionalFormats.length = 0;
  const check = base.checks[0];
  sheet.conditionalFormats.push(
    rule(at('T3.R2.C1'), OLD_MARK_FORMULA),
    rule(at('T3.R1.C1'), '=D7>100'), // the user's
    rule(a1(check.row, check.col), `=AND(${a1(check.row, check.col)}<>"✓",${a1(check.row, check.col)}<>"")`),
    rule(at('T4.R1.C2'), OLD_MARK_FORMULA),
  );
  const f = base.findings;
  sheet.touch(f.row + 1, f.col).formula = OLD_FINDINGS_FORMULA;
  return { fake, id: sheet.id };
}

test('an earlier template needs it; the upgrade removes exactly the old marks and check rule, each through its own range, adds the plan’s, keeps the user’s rule and the protection', async () => {
  const { fake, id } = await earlier();
  const protection = JSON.stringify(fake.sheet(TITLE).protection);
  expect(await upgradeState(fake.asContext(), id, plan)).toBe('needed');
  const writes = fake.writeBatches().length;
  const clears = fake.undoClears;

  const outcome = await upgradeTemplate(fake.asContext(), id, plan);
  expect(outcome).toEqual({ removed: 3, added: 2, unreadable: false });
  expect(formulas(fake).sort()).toEqual(['=D7>100', ...MARKS.map((m) => `=${m.formula}`)].sort());
  // One sync lifts protection, one per rule deletes it (through its own range), one adds the marks and one protects again.
  expect(fake.writeBatches().length - writes).toBe(1 + 3 + 1 + 1);
  // The one undo-clearing step the user was told about: protection lifted and put back.
  expect(fake.undoClearedBy.slice(clears)).toEqual(expect.arrayContaining(['WorksheetProtection.unprotect', 'WorksheetProtection.protect']));
  // Protected again with the same options (Excel reports every option, so the defaults are spelled out now).
  expect(fake.sheet(TITLE).protection).toMatchObject(JSON.parse(protection));
  const f = base.findings;
  expect(fake.sheet(TITLE).cellAt(f.row + 1, f.col)?.formula).toBe(OLD_FINDINGS_FORMULA === FINDINGS_FORMULA ? OLD_FINDINGS_FORMULA : FINDINGS_FORMULA);
  expect(fake.model.enableEvents).toBe(true);

  // Once: then there is nothing more to do, and asking writes nothing and clears no undo.
  const after = fake.undoClears;
  expect(await upgradeState(fake.asContext(), id, plan)).toBe('current');
  expect(fake.undoClears).toBe(after);
});

test('a current template needs nothing; asking only reads', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  await insertTemplate(fake.asContext(), { org: '木厂镇', year: 2024 });
  const writes = fake.writeBatches().length;
  expect(await upgradeState(fake.asContext(), fake.sheet(TITLE).id)).toBe('current');
  expect(await upgradeTemplate(fake.asContext(), fake.sheet(TITLE).id)).toEqual({ removed: 0, added: 0, unreadable: false });
  expect(fake.writeBatches()).toHaveLength(writes);
});

test('when Excel fails to list the rules (office-js#6835), nothing is deleted', async () => {
  const { fake, id } = await earlier();
  const before = JSON.stringify(fake.sheet(TITLE).conditionalFormats);
  fake.failOn = (what) => what.startsWith('load conditionalFormats');
  const state = await upgradeState(fake.asContext(), id, plan);
  const outcome = await upgradeTemplate(fake.asContext(), id, plan);
  expect(outcome.removed).toBe(0);
  expect(outcome.unreadable).toBe(true);
  // Every rule that was there is still there, the user's among them.
  const now = fake.sheet(TITLE).conditionalFormats.map((cf) => JSON.stringify(cf));
  for (const old of JSON.parse(before) as unknown[]) expect(now).toContain(JSON.stringify(old));
  if (OLD_FINDINGS_FORMULA === FINDINGS_FORMULA) {
    // The findings block cannot tell the versions apart yet: the state is unknown and nothing at all is written.
    expect(state).toBe('unknown');
    expect(JSON.stringify(fake.sheet(TITLE).conditionalFormats)).toBe(before);
  } else {
    // The earlier findings formula tells the template apart: the marks are added, the findings block rewritten.
    expect(state).toBe('needed');
    expect(outcome.added).toBe(MARKS.length);
  }
});

test('a current template whose rules cannot be read is left alone', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  await insertTemplate(fake.asContext(), { org: '木厂镇', year: 2024 });
  const f = base.findings;
  fake.sheet(TITLE).touch(f.row + 1, f.col).formula = '=IFERROR(X,"…")';
  fake.failOn = (what) => what.startsWith('load conditionalFormats');
  const writes = fake.writeBatches().length;
  expect(await upgradeState(fake.asContext(), fake.sheet(TITLE).id, plan)).toBe('unknown');
  expect(await upgradeTemplate(fake.asContext(), fake.sheet(TITLE).id, plan)).toEqual({ removed: 0, added: 0, unreadable: true });
  expect(fake.writeBatches()).toHaveLength(writes);
});

test('a sheet protected with a password: the batch fails at once, nothing changes, the sheet stays protected', async () => {
  const { fake, id } = await earlier();
  fake.sheet(TITLE).protection = { protected: true, options: {}, password: 'x' };
  const before = JSON.stringify(fake.sheet(TITLE).conditionalFormats);
  await expect(upgradeTemplate(fake.asContext(), id, plan)).rejects.toHaveProperty('code');
  expect(JSON.stringify(fake.sheet(TITLE).conditionalFormats)).toBe(before);
  expect(fake.sheet(TITLE).protection).toMatchObject({ protected: true, password: 'x' });
  expect(fake.model.enableEvents).toBe(true);
});

test('the whole sheet’s collection is never used to delete: two rules sharing a cell would throw (office-js#5222)', async () => {
  const { fake, id } = await earlier();
  // The template's own mark on the same cell as an old one: deleting through getRange().conditionalFormats would fail here.
  const sheet = fake.sheet(TITLE);
  sheet.conditionalFormats.push(rule(at('T3.R2.C1'), '=ISTEXT(D8)'));
  const outcome = await upgradeTemplate(fake.asContext(), id, plan);
  expect(outcome.removed).toBe(3);
  expect(outcome.notRemoved).toBeUndefined();
  expect(formulas(fake)).not.toContain(OLD_MARK_FORMULA);
  expect(formulas(fake)).toContain('=ISTEXT(D8)');
});

test('a rule Excel refuses to delete leaves the others to go, and the sheet protected again', async () => {
  const { fake, id } = await earlier();
  let refused = 0;
  fake.failOn = (what) => what.startsWith('write delete conditional format') && refused++ === 0;
  const outcome = await upgradeTemplate(fake.asContext(), id, plan);
  expect(outcome.removed).toBe(2);
  expect(outcome.notRemoved).toBe(1);
  expect(outcome.added).toBe(MARKS.length);
  expect(fake.sheet(TITLE).protection.protected).toBe(true);
  expect(fake.model.enableEvents).toBe(true);
});

test('a failure after protection was lifted still protects the sheet again', async () => {
  const { fake, id } = await earlier();
  fake.failOn = (what) => what.startsWith('write conditionalFormats.add');
  await expect(upgradeTemplate(fake.asContext(), id, plan)).rejects.toHaveProperty('code');
  expect(fake.sheet(TITLE).protection.protected).toBe(true);
  expect(fake.model.enableEvents).toBe(true);
});

test('only the template and register writers, the upgrade, the findings block and the self-test’s scratch sheet touch protection or conditional formats', () => {
  const { readdirSync, readFileSync } = jest.requireActual<typeof import('fs')>('fs');
  const { join } = jest.requireActual<typeof import('path')>('path');
  const touching: string[] = [];
  for (const dir of ['src/excel', 'src/taskpane', 'src/functions', 'src/commands', 'src/host']) {
    for (const f of readdirSync(join(__dirname, '../..', dir))) {
      if (!f.endsWith('.ts')) continue;
      const text = readFileSync(join(__dirname, '../..', dir, f), 'utf8');
      if (/\.conditionalFormats\b|\.protection\.(protect|unprotect)\b|\.protection\.load/.test(text)) touching.push(`${dir}/${f}`);
    }
  }
  expect(touching.sort()).toEqual(['src/excel/findings-block.ts', 'src/excel/ledger.ts', 'src/excel/selftest.ts', 'src/excel/template.ts', 'src/excel/upgrade.ts']);
});
