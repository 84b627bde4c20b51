/**
 * The template's marks as LibreOffice, a spreadsheet program nobody here wrote, shows them: each
 * file is opened, recalculated and rendered as HTML with its conditional formats applied, and
 * every cell a mark covers must carry exactly the fill the TypeScript mirror (src/preview/native.ts)
 * predicts — red where a cell or an equation is wrong, amber for a warning, nothing once fixed.
 * The add-in's findings block, opened without the add-in, shows its Chinese sentence.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHECK_FILL, INPUT_FILL, MARK_LOOKS } from '../../src/core/looks';
import { Report } from '../../src/core/report';
import { FINDINGS_FALLBACK, a1, inputPosition, sheetPlan } from '../../src/core/sheet';
import { CELL_IDS, CellId } from '../../src/core/tables';
import { SheetValue, checkCellValue, markedCells } from '../../src/preview/native';
import { templateBuffer, templateWorkbook } from '../../src/xlsx/write';
import { RenderedCell, renderWithLibreOffice, renderedCells } from '../helpers/libreoffice';
import { consistentReport, withCells } from '../helpers/reports';

const base = consistentReport(5, '木厂镇', 2024);
const plan = sheetPlan();
const RED = MARK_LOOKS.error.fill.toUpperCase();
const AMBER = MARK_LOOKS.warning.fill.toUpperCase();
const at = (id: CellId) => {
  const p = inputPosition(plan, id);
  return a1(p.row, p.col);
};

const cases: Record<string, Report | null> = {
  fresh: null,
  consistent: base,
  'one-wrong': withCells(base, { 'T3.R1.C1': '22（其中修订16件）' }),
  fixed: withCells(base, { 'T3.R1.C1': base.cells['T3.R1.C1']! }),
  'stale-total': withCells(base, { 'T3.R24.C7': (base.cells['T3.R24.C7'] as number) + 1 }),
  'every-kind': withCells(base, {
    'T3.R3.C1': 'abc',
    'T3.R3.C2': '１２',
    'T3.R4.C3': -1,
    'T3.R5.C4': 1.5,
    'T3.R6.C5': '/',
    'T3.R7.C6': ' 12',
    'T3.R8.C1': '-3',
    'T3.R9.C2': '无',
    'T3.R10.C3': '1,234',
    'T3.R11.C4': '1/2',
    'T3.R12.C5': '#REF!',
    'T3.R13.C6': '　',
    'T2.R1.C1': '—',
    'T2.R3.C1': 2.5,
    'T2.R6.C1': 12.75,
    'T4.R1.C2': 'N/A',
    'T4.R1.C7': 1e10,
  }),
  'amount-negative': withCells(base, { 'T2.R6.C1': -0.5, 'T2.R4.C1': '１２' }),
};

let dir: string;
const rendered = new Map<string, Map<string, RenderedCell>>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-marks-lo-'));
  const files: string[] = [];
  for (const [name, report] of Object.entries(cases)) {
    const file = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(file, await templateBuffer(report ? { report } : {}));
    files.push(file);
  }
  // A workbook holding the add-in's findings block, as a colleague without the add-in opens it.
  const wb = templateWorkbook({ report: base });
  wb.worksheets[0].getCell(a1(plan.findings.row + 1, plan.findings.col)).value = { formula: plan.findings.formula } as never;
  const findings = path.join(dir, 'findings-block.xlsx');
  await wb.xlsx.writeFile(findings);
  files.push(findings);

  const outs = renderWithLibreOffice(files, path.join(dir, 'out'));
  for (const out of outs) rendered.set(path.basename(out, '.html'), renderedCells(fs.readFileSync(out, 'utf8')));
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The values the marks look at: inputs as written, check cells as their formulas compute them. */
function valuesOf(report: Report | null): (row: number, col: number) => SheetValue {
  const values = new Map<string, SheetValue>();
  const valueOf = (id: CellId) => report?.cells[id] ?? null;
  for (const id of CELL_IDS) values.set(at(id), valueOf(id));
  for (const c of plan.checks) values.set(a1(c.row, c.col), checkCellValue(c.equation, valueOf));
  return (row, col) => values.get(a1(row, col)) ?? null;
}

const fills = (name: string) => rendered.get(name)!;
const marked = (name: string, fill: string) => [...fills(name)].filter(([, c]) => c.fill === fill).map(([address]) => address).sort();

describe.each(Object.keys(cases))('%s', (name) => {
  test('LibreOffice paints every cell a mark covers exactly as the TypeScript mirror predicts', () => {
    const predicted = markedCells(plan.marks, valuesOf(cases[name]));
    const seen = fills(name);
    let compared = 0;
    for (const mark of plan.marks) {
      for (let r = mark.area.row; r < mark.area.row + mark.area.rows; r++) {
        for (let c = mark.area.col; c < mark.area.col + mark.area.cols; c++) {
          const severity = predicted.get(`${r},${c}`);
          const expected = severity ? MARK_LOOKS[severity].fill.toUpperCase() : mark.test.type === 'check' ? CHECK_FILL : INPUT_FILL;
          expect([a1(r, c), seen.get(a1(r, c))?.fill]).toEqual([a1(r, c), expected.toUpperCase()]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(250);
  });
});

test('a fresh template is not marked anywhere', () => {
  expect(marked('fresh', RED)).toEqual([]);
  expect(marked('fresh', AMBER)).toEqual([]);
  expect(marked('consistent', RED)).toEqual([]);
  expect(marked('consistent', AMBER)).toEqual([]);
});

test('a wrong cell turns red, with the checks it breaks, and clears once fixed', () => {
  const wrong = at('T3.R1.C1');
  expect(marked('one-wrong', RED)).toEqual([wrong]);
  // The checks it takes part in cannot add it up: they say 含文本, in amber.
  expect(marked('one-wrong', AMBER)).toEqual(['D49', 'K24']);
  expect(fills('fixed').get(wrong)?.fill).toBe(INPUT_FILL.toUpperCase());
  expect(marked('fixed', RED)).toEqual([]);
  expect(marked('fixed', AMBER)).toEqual([]);
});

test('a stale total marks the total and its check cells, not its parts', () => {
  expect(marked('stale-total', RED)).toEqual([at('T3.R24.C7'), 'J49', 'J50', 'K47'].sort());
  expect(marked('stale-total', AMBER)).toEqual([]);
});

test('errors are red, warnings amber, amounts may have decimals', () => {
  const red = marked('every-kind', RED);
  const amber = marked('every-kind', AMBER);
  for (const id of ['T3.R3.C1', 'T3.R4.C3', 'T3.R5.C4', 'T3.R8.C1', 'T3.R11.C4', 'T3.R12.C5', 'T2.R3.C1', 'T4.R1.C7']) expect([id, red]).toEqual([id, expect.arrayContaining([at(id)])]);
  for (const id of ['T3.R3.C2', 'T3.R6.C5', 'T3.R7.C6', 'T3.R9.C2', 'T3.R10.C3', 'T2.R1.C1', 'T4.R1.C2']) expect([id, amber]).toEqual([id, expect.arrayContaining([at(id)])]);
  for (const id of ['T3.R13.C6', 'T2.R6.C1']) expect([id, [...red, ...amber]]).toEqual([id, expect.not.arrayContaining([at(id)])]);
  expect(marked('amount-negative', RED)).toContain(at('T2.R6.C1'));
  expect(marked('amount-negative', AMBER)).toContain(at('T2.R4.C1'));
});

test('without the add-in, the findings block shows its Chinese sentence, not an error value', () => {
  const cell = fills('findings-block').get(a1(plan.findings.row + 1, plan.findings.col));
  expect(cell?.text).toBe(FINDINGS_FALLBACK);
});
