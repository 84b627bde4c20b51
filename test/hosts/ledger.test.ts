/** @jest-environment jsdom */
/**
 * The register (台账) through the pane, one behaviour suite over the three hosts (as
 * behaviour.test.ts): Excel over the Office.js fake, the preview's in-page workbook, WPS over the
 * ET fake. A person inserts the register from the pane, types two applications, sees the
 * register's 表三 beside the typed one, fills 表三 from it, and a click on a register finding
 * selects its row. The expectations are written once.
 */
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { a1 } from '../../src/core/sheet';
import type { CellId } from '../../src/core/tables';
import type { WorkbookHost } from '../../src/host/contract';
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan } from '../../src/ledger/sheet';
import { TITLE, Value, at, excelBook, previewBook, wpsBook } from './books';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');
type Pane = InstanceType<PaneModule['Pane']>;

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const LEDGER = ledgerPlan();
const col = (key: string) => LEDGER_COLUMNS.findIndex((c) => c.key === key);
const settle = (ms = 80) => new Promise((r) => setTimeout(r, ms));
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

interface Driver {
  host(): WorkbookHost;
  insertTemplate(): Promise<void>;
  /** Types a register row: received date, applicant type, answer date, result (dates as a person types them). */
  typeRow(row: number, values: { received: string; type: string; answered?: string; result?: string }): Promise<void>;
  typeTemplate(id: CellId, v: Value): Promise<void>;
  templateValue(id: CellId): Value | null;
  sheets(): string[];
  /** The selected row on the register (1-based) and the sheet in view. */
  selectedRow(): { sheet: string | null; row: number | null };
  done(): void;
}

function cellsOf(values: { received: string; type: string; answered?: string; result?: string }, dates: (iso: string) => Value): [number, Value][] {
  const out: [number, Value][] = [
    [col('received'), dates(values.received)],
    [col('applicantType'), values.type],
  ];
  if (values.answered) out.push([col('answered'), dates(values.answered)]);
  if (values.result) out.push([col('result'), values.result]);
  return out;
}

function excelDriver(): Driver {
  const { fake, host, insertTemplate, templateValue, done } = excelBook();
  return {
    host,
    insertTemplate,
    typeRow: async (row, v) => {
      for (const [c, value] of cellsOf(v, serial)) await fake.userEdit(REGISTER_SHEET, a1(row - 1, c), [[value]]);
    },
    typeTemplate: (id, v) => fake.userEdit(TITLE, at(id), [[v]]),
    templateValue,
    sheets: () => fake.model.sheets.map((s) => s.name),
    selectedRow: () => ({ sheet: fake.selection?.sheet ?? null, row: fake.selection ? Number(/\d+/.exec(fake.selection.address)![0]) : null }),
    done,
  };
}

function previewDriver(): Driver {
  const { book, host, insertTemplate, templateValue, done } = previewBook();
  return {
    host,
    insertTemplate,
    typeRow: async (row, v) => {
      for (const [c, value] of cellsOf(v, (iso) => iso)) book.setGrid(REGISTER_SHEET, new Map([[`${row - 1},${c}`, String(value)]]), 'user');
    },
    typeTemplate: async (id, v) => book.set(TITLE, { cells: new Map([[id, String(v)]]) }, 'user'),
    templateValue,
    sheets: () => book.sheets.map((s) => s.name),
    selectedRow: () => ({ sheet: book.active.name, row: book.find(REGISTER_SHEET)?.selectedRow ?? null }),
    done,
  };
}

function wpsDriver(): Driver {
  const { fake, host, insertTemplate, templateValue, done } = wpsBook();
  return {
    host,
    insertTemplate,
    typeRow: async (row, v) => {
      for (const [c, value] of cellsOf(v, serial)) fake.userEdit(REGISTER_SHEET, a1(row - 1, c), [[value]]);
    },
    typeTemplate: async (id, v) => fake.userEdit(TITLE, at(id), [[v]]),
    templateValue,
    sheets: () => fake.sheets.map((s) => s.name),
    selectedRow: () => ({ sheet: fake.active?.name ?? null, row: Number(/\d+/.exec(fake.selected(REGISTER_SHEET))?.[0] ?? NaN) || null }),
    done,
  };
}

const DRIVERS: [string, () => Driver][] = [
  ['Excel', excelDriver],
  ['preview', previewDriver],
  ['WPS', wpsDriver],
];

const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string };
const click = (el: Element | null | undefined) => (el as HTMLElement).click();
const t3 = (id: string) => document.querySelector<HTMLElement>(`#ledger-t3 td[data-cell="${id}"]`)!;

describe.each(DRIVERS)('the register over %s', (_name, make) => {
  let driver: Driver;
  let pane: Pane | null = null;
  let grids = 0;

  async function open(): Promise<Pane> {
    await pane?.stop();
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
    let module!: PaneModule;
    jest.isolateModules(() => {
      module = require('../../src/taskpane/pane');
    });
    const host = driver.host();
    const readGrid = host.readGrid.bind(host);
    host.readGrid = (sheet: string) => {
      grids++;
      return readGrid(sheet);
    };
    pane = new module.Pane(document, host);
    await pane.ready;
    await pane.idle();
    return pane;
  }

  const quiet = async () => {
    await settle();
    await pane!.idle();
    await settle(10);
    await pane!.idle();
  };

  beforeEach(() => {
    driver = make();
    grids = 0;
  });

  afterEach(async () => {
    await pane?.stop();
    pane = null;
    driver.done();
  });

  test('插入台账 inserts the standard register beside the template, never over a sheet, and the section shows it', async () => {
    await driver.insertTemplate();
    await open();
    click($('ledger-insert'));
    await quiet();
    expect(driver.sheets()).toContain(REGISTER_SHEET);
    expect($('ledger-sheet').value).toBe(REGISTER_SHEET);
    expect($('ledger-status').textContent).toContain(`台账工作表“${REGISTER_SHEET}”：2024年答复 0 件`);
    // A second one gets "(2)"; the first stays as it was.
    await driver.typeRow(LEDGER.firstRow + 1, { received: '2024-03-04', type: '自然人' });
    await quiet();
    click($('ledger-insert'));
    await quiet();
    expect(driver.sheets()).toContain(`${REGISTER_SHEET}(2)`);
    if (_name !== 'preview') expect(driver.sheets()).toEqual(expect.arrayContaining([SUMMARY_SHEET, `${SUMMARY_SHEET}(2)`]));
    expect($('ledger-sheet').value).toBe(`${REGISTER_SHEET}(2)`);
  });

  test('two applications typed: 表三 from the register beside the typed one, live, one read per burst; fill with confirmation; a finding click selects the row', async () => {
    await driver.insertTemplate();
    await driver.typeTemplate('T3.R1.C1', 5);
    await open();
    click($('ledger-insert'));
    await quiet();
    const first = LEDGER.firstRow + 1;
    await driver.typeRow(first, { received: '2024-03-04', type: '自然人', answered: '2024-03-20', result: '予以公开' });
    await driver.typeRow(first + 1, { received: '2024-05-06', type: '商业企业', answered: '2024-04-01', result: '予以公开' });
    await quiet();
    // The natural person's application counts; the second row is answered before its receipt: not counted, a finding.
    expect(t3('T3.R1.C1').dataset.ledger).toBe('1');
    expect(t3('T3.R3.C1').dataset.ledger).toBe('1');
    expect(t3('T3.R1.C1').classList.contains('diff')).toBe(true);
    expect(t3('T3.R1.C1').dataset.typed).toBe('5');
    const before = grids;
    await driver.typeRow(first + 2, { received: '2024-06-03', type: '自然人' });
    await quiet();
    // One burst (two cells typed in a row), one read.
    expect(grids - before).toBe(1);
    expect(t3('T3.R1.C1').dataset.ledger).toBe('2');

    // The register's findings in the findings list; a click selects the register row.
    const bad = document.querySelector<HTMLElement>('#ledger-findings li[data-rule="ledger.answerBeforeReceipt"]')!;
    expect(bad.dataset.row).toBe(String(first + 1));
    expect(bad.querySelector('.message')!.textContent).toContain(`第${first + 1}行`);
    click(bad.querySelector('.where'));
    await quiet();
    expect(driver.selectedRow()).toEqual({ sheet: REGISTER_SHEET, row: first + 1 });

    // Fill: a typed cell would change, so the pane asks first; 只填空白格 keeps the 5.
    click($('ledger-fill'));
    await quiet();
    expect($('ledger-panel').dataset.state).toBe('ask');
    expect($('ledger-panel').querySelector('li.change[data-cell="T3.R1.C1"]')).not.toBeNull();
    click($('ledger-panel').querySelector('[data-action="import-blanks-only"]'));
    await quiet();
    expect(driver.templateValue('T3.R1.C1')).toBe(5);
    expect(driver.templateValue('T3.R3.C1')).toBe(1);
    expect(driver.templateValue('T3.R2.C1')).toBe(0);
    // And 全部替换 replaces it.
    click($('ledger-fill'));
    await quiet();
    click($('ledger-panel').querySelector('[data-action="import-overwrite"]'));
    await quiet();
    expect(driver.templateValue('T3.R1.C1')).toBe(2);
    expect(document.querySelector('#ledger-t3 table')!.getAttribute('data-differences')).toBe('0');
  });
});
