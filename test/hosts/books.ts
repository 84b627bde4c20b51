/**
 * One workbook per host for the suites in this folder (behaviour.test.ts, ledger.test.ts): the
 * fake, a factory of fresh hosts over it (as when the pane is opened again), and the template's
 * 2024 sheet as a person sees it. Each suite's driver adds what a person does in its story.
 */
import { a1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import type { CellId } from '../../src/core/tables';
import { ExcelHost } from '../../src/excel/host';
import { PreviewHost } from '../../src/preview/host';
import { PreviewWorkbook } from '../../src/preview/workbook';
import { WpsHost } from '../../src/wps/host';
import { FakeExcel } from '../fakes/excel-fake';
import { FakeEt } from '../fakes/wps-fake';

export type Value = string | number;

export const TITLE = sheetTitle(2024);
export const plan = sheetPlan('', 2024);
export const at = (id: CellId): string => {
  const p = inputPosition(plan, id);
  return a1(p.row, p.col);
};

interface Book<H> {
  host(): H;
  /** Inserts this year's template directly (as the ribbon button does). */
  insertTemplate(): Promise<void>;
  /** What a template cell holds now; null when empty. */
  templateValue(id: CellId): Value | null;
  done(): void;
}

/**
 * An Excel that keeps undo for add-ins (ExcelUndoApiAll): the pane checks live there, as in the
 * other hosts (without it the pane checks on request: test/taskpane/excel-first-contact.test.ts).
 */
export function excelBook(): Book<ExcelHost> & { fake: FakeExcel } {
  const fake = new FakeExcel({ sets: { ExcelUndoApiAll: '1.0' } });
  fake.addSheet('Sheet1');
  const host = () => new ExcelHost(fake.run, { debounceMs: 20, isSetSupported: fake.isSetSupported });
  return {
    fake,
    host,
    insertTemplate: async () => void (await host().insertTemplate({ org: '木厂镇', year: 2024 })),
    templateValue: (id) => {
      const v = fake.sheet(TITLE).cell(at(id)).value;
      return v === '' || v === undefined ? null : (v as Value);
    },
    done: () => undefined,
  };
}

export function previewBook(): Book<PreviewHost> & { book: PreviewWorkbook } {
  const book = new PreviewWorkbook(null);
  const hosts: PreviewHost[] = [];
  return {
    book,
    host: () => {
      const h = new PreviewHost(book, { burstMs: 20 });
      hosts.push(h);
      return h;
    },
    insertTemplate: async () => void book.insertTemplate({ org: '木厂镇', year: 2024 }),
    templateValue: (id) => book.value(TITLE, id) as Value | null,
    done: () => hosts.forEach((h) => h.dispose()),
  };
}

export function wpsBook(): Book<WpsHost> & { fake: FakeEt } {
  const fake = new FakeEt();
  fake.addSheet('Sheet1');
  const uninstall = fake.install();
  const host = () => new WpsHost(fake.app, { debounceMs: 20 });
  return {
    fake,
    host,
    insertTemplate: async () => void (await host().insertTemplate({ org: '木厂镇', year: 2024 })),
    templateValue: (id) => {
      const p = inputPosition(plan, id);
      return (fake.sheetOrThrow(TITLE).peek(p.row, p.col)?.value ?? null) as Value | null;
    },
    done: uninstall,
  };
}
