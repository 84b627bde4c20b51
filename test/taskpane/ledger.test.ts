/** @jest-environment jsdom */
/**
 * The pane's 依申请公开台账 part in a DOM (src/taskpane/parts/ledger.ts): loaded on demand, never
 * with the first screen; a register read from an .xlsx file; text from cells only ever as text;
 * personal columns (申请人, 申请内容) never shown; no register, no template and broken files said in
 * Chinese.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { sheetTitle } from '../../src/core/sheet';
import { ExcelHost } from '../../src/excel/host';
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { FakeExcel } from '../fakes/excel-fake';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');
// After the globals above: the zip reader makes its TextDecoder when loaded.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readLedgerXlsx } = require('../../src/taskpane/ledger-file') as typeof import('../../src/taskpane/ledger-file');

const ROOT = path.join(__dirname, '../..');
const HTML = fs.readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string };
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const col = (key: string) => LEDGER_COLUMNS.findIndex((c) => c.key === key);
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

/** The modules a file reaches through static imports (not `import type`, not `import()`). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gm)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (found) visit(found);
    }
    for (const m of text.matchAll(/^\s*import\s+'(\.[^']+)'/gm)) {
      const found = [`${path.resolve(path.dirname(file), m[1])}.ts`].find((f) => fs.existsSync(f));
      if (found) visit(found);
    }
  };
  visit(entry);
  return seen;
}

test('the register code is not part of the first screen: the pane page reaches src/ledger only through import()', () => {
  for (const entry of ['src/taskpane/taskpane.ts', 'src/commands/commands.ts', 'src/preview/main.ts']) {
    const reached = [...staticGraph(path.join(ROOT, entry))].map((f) => path.relative(ROOT, f));
    // The register's rules are rows of the one rule table (src/core/rules.ts lists them), as every rule is: data, not code.
    const ledger = reached.filter((f) => (f.startsWith('src/ledger/') && f !== 'src/ledger/rules.ts') || f === 'src/excel/ledger.ts' || f === 'src/taskpane/parts/ledger.ts');
    expect(ledger).toEqual([]);
  }
});

async function registerFile(rows: (string | number | Date | null)[][], sheet = '台账'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const other = wb.addWorksheet('说明');
  other.addRow(['本工作簿记录依申请公开情况']);
  const ws = wb.addWorksheet(sheet);
  ws.addRow(['某某局政府信息公开申请登记台账']);
  ws.addRow(LEDGER_COLUMNS.map((c) => c.label));
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function application(values: Partial<Record<string, string | number | Date>>): (string | number | Date | null)[] {
  const line: (string | number | Date | null)[] = new Array(LEDGER_COLUMNS.length).fill(null);
  for (const [k, v] of Object.entries(values)) line[col(k)] = v ?? null;
  return line;
}

describe('reading a register file in the page (src/taskpane/ledger-file.ts)', () => {
  test('the first sheet whose header names a register, dates as serials, rows where the worksheet has them', async () => {
    const bytes = await registerFile([application({ received: new Date(Date.UTC(2024, 2, 4)), applicantType: '自然人', answered: '2024年3月20日', result: '予以公开' })]);
    const read = await readLedgerXlsx(bytes, '台账.xlsx');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheet).toBe('台账');
    expect(read.grid[1][col('received')]).toBe('收到日期');
    expect(read.grid[2][col('received')]).toBe(serial('2024-03-04'));
    expect(read.grid[2][col('answered')]).toBe('2024年3月20日');
  });

  test('no register, not a workbook, not an .xlsx: a Chinese sentence, never a throw', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    const none = await readLedgerXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(none).toEqual({ ok: false, error: expect.stringContaining('文件中没有台账') });
    expect(await readLedgerXlsx(new Uint8Array([1, 2, 3]), 'x.xlsx')).toEqual({ ok: false, error: expect.any(String) });
    expect(await readLedgerXlsx(new Uint8Array([1, 2, 3]), 'x.docx')).toEqual({ ok: false, error: '台账文件应为 Excel 工作簿（.xlsx）' });
  });
});

describe('the 台账 section', () => {
  async function setup(withTemplate = true) {
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    if (withTemplate) await new ExcelHost(fake.run).insertTemplate({ org: '木厂镇', year: 2024 });
    let module!: PaneModule;
    jest.isolateModules(() => {
      module = require('../../src/taskpane/pane');
    });
    const pane = new module.Pane(document, new ExcelHost(fake.run, { debounceMs: 20 }));
    await pane.ready;
    await pane.idle();
    const choose = async (bytes: Uint8Array, name: string) => {
      // jsdom's File has no arrayBuffer(); the pane asks for nothing else.
      const file = { name, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
      Object.defineProperty($('ledger-file'), 'files', { value: [file], configurable: true });
      $('ledger-file').dispatchEvent(new Event('change'));
      await settle();
      await pane.idle();
    };
    return { fake, pane, choose };
  }

  test('without a register sheet it says how to get one; a file is then read and shown, personal columns never', async () => {
    const { pane, choose } = await setup();
    await pane.openLedger();
    await pane.idle();
    expect($('ledger-status').textContent).toBe('本工作簿中没有找到台账工作表：可插入标准台账，或从文件读取。');
    const bytes = await registerFile([
      application({ received: new Date(Date.UTC(2024, 2, 4)), applicantType: '自然人', applicant: '张三', content: '某小区规划许可', answered: new Date(Date.UTC(2024, 2, 20)), result: '予以公开' }),
      application({ received: new Date(Date.UTC(2024, 4, 6)), applicantType: '<img src=x onerror=alert(1)>', applicant: '李四', answered: new Date(Date.UTC(2024, 5, 1)), result: '<b>予以公开</b>' }),
    ]);
    await choose(bytes, '台账.xlsx');
    expect($('ledger-status').textContent).toContain('台账文件“台账.xlsx”（工作表“台账”）：2024年答复 1 件');
    expect(document.querySelector('#ledger-t3 td[data-cell="T3.R1.C1"]')!.getAttribute('data-ledger')).toBe('1');
    const findings = Array.from(document.querySelectorAll<HTMLElement>('#ledger-findings li'));
    expect(findings.map((li) => li.dataset.rule)).toEqual(expect.arrayContaining(['ledger.applicantType']));
    // Cell text is shown as text, never as markup; names and contents are not shown at all.
    expect(document.querySelector('#ledger-findings img, #ledger-findings b, #ledger-t3 img')).toBeNull();
    const text = document.body.textContent ?? '';
    for (const personal of ['张三', '李四', '某小区规划许可']) expect(text).not.toContain(personal);
    // A file register has no row to select in this workbook: its findings carry the row, and a click changes nothing.
    (findings[0].querySelector('.where') as HTMLElement | null)?.click();
    await pane.idle();
  });

  test('a broken file is said in Chinese; without a template 用台账填写表三 stays off', async () => {
    const { pane, choose } = await setup(false);
    await pane.openLedger();
    await choose(new Uint8Array([80, 75, 3, 4, 0, 0]), '坏文件.xlsx');
    expect($('ledger-status').textContent).toMatch(/^未能读取“坏文件.xlsx”：/);
    const bytes = await registerFile([application({ received: new Date(Date.UTC(2024, 2, 4)), applicantType: '自然人' })]);
    await choose(bytes, '台账.xlsx');
    expect($('ledger-status').textContent).toContain('当前没有年报模板可比对');
    expect($('ledger-fill').hasAttribute('disabled')).toBe(true);
  });
});
