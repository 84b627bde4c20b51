/** The import API the pane and the CLI call: one entry point, every format, no Node in its core. */
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/engine';
import { CELL_IDS } from '../../src/core/tables';
import { IMPORT_EXTENSIONS, ZipTextReader, detectFormat, importReport, planFill } from '../../src/import';
import { importFile, nodeImportOptions } from '../../src/import/node';
import { templateBuffer } from '../../src/xlsx/write';
import { documentXml, htmlPage, makeDocx, reportBlocks } from '../helpers/documents';
import { FIXTURES, consistentReport, fixture } from '../helpers/reports';

const SRC = path.resolve(__dirname, '../../src');

describe('importReport', () => {
  const county = fixture('shuyang-county-2025.json');

  test('one call for every format gives the report, its findings, the format and the prose', async () => {
    const inputs: [string, Uint8Array][] = [
      ['r.docx', makeDocx(documentXml(reportBlocks(county)))],
      ['r.html', Buffer.from(htmlPage(reportBlocks(county)))],
      ['r.json', Buffer.from(JSON.stringify(county))],
      ['r.xlsx', await templateBuffer({ report: county })],
    ];
    for (const [name, bytes] of inputs) {
      const r = await importReport(bytes, name, nodeImportOptions);
      if (!r.ok) throw new Error(`${name}: ${r.error}`);
      expect([name, r.format]).toEqual([name, name.split('.')[1]]);
      expect(r.report.cells).toEqual(county.cells);
      expect(r.reports).toHaveLength(1);
      expect(check(r.report, { unreadable: r.unreadable })).toEqual([]);
      if (r.format === 'docx' || r.format === 'html') expect(r.prose?.parts['六']).toBeDefined();
    }
  });

  test('an invalid JSON report and unsupported formats give ok: false with a Chinese reason', async () => {
    const results = await Promise.all([
      importReport(Buffer.from('{"format":"nianbao/report@1"'), 'r.json'),
      importReport(Buffer.from('%PDF-1.7'), 'r.pdf'),
      importReport(Buffer.from('x'), 'r.doc'),
      importReport(Buffer.from('x'), 'r.wps'),
      importReport(Buffer.from('x'), 'r.png'),
      importReport(Buffer.alloc(0), 'r.txt'),
      importReport(Buffer.from('PK'), 'r.xlsx'),
    ]);
    expect(results.map((r) => !r.ok && r.error)).toEqual([
      expect.stringContaining('JSON'),
      expect.stringContaining('PDF'),
      expect.stringContaining('.doc'),
      expect.stringContaining('.wps'),
      expect.stringContaining('不支持的文件类型'),
      '文件是空的',
      expect.stringContaining('无法读取 .xlsx'),
    ]);
  });

  test('the content decides where the name misleads', () => {
    const docx = makeDocx(documentXml(['x']));
    expect(detectFormat(docx, 'report')).toBe('docx');
    expect(detectFormat(Buffer.from('  {"format":1}'), 'report')).toBe('json');
    expect(detectFormat(Buffer.from('<!DOCTYPE html><html>'), 'download.php')).toBe('html');
    expect(detectFormat(Buffer.from('<table>'), 'report')).toBe('html');
    expect(detectFormat(Buffer.from('一、总体情况'), 'report')).toBeNull();
    expect(IMPORT_EXTENSIONS).toEqual(expect.arrayContaining(['.docx', '.html', '.htm', '.txt', '.xlsx', '.json']));
  });

  test('importFile reads from disk and names what is wrong with a path', async () => {
    const r = await importFile(path.join(FIXTURES, 'muchang-town-2024.txt'));
    expect(r.ok && Object.keys(r.report.cells)).toEqual(expect.arrayContaining([...CELL_IDS]));
    expect(await importFile(path.join(FIXTURES, 'nope.docx'))).toEqual({ ok: false, format: null, error: '文件不存在' });
    expect(await importFile(FIXTURES)).toEqual({ ok: false, format: null, error: '是一个文件夹，不是文件' });
  });

  test('a browser plugs in its own unzip: an async reader built on DecompressionStream works the same', async () => {
    const report = consistentReport(61, '某县民政局', 2024);
    const bytes = makeDocx(documentXml(reportBlocks(report)));
    const r = await importReport(bytes, '年报.docx', { unzip: webUnzip });
    if (!r.ok) throw new Error(r.error);
    expect(r.report).toEqual(report);
  });
});

describe('the parsing core runs in a browser', () => {
  /** The relative imports of a source file, resolved. */
  function importsOf(file: string): string[] {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  }

  test('nothing reachable from src/import/index.ts uses Node: no fs, zlib, path, Buffer, exceljs or the Node zip guard', () => {
    const seen = new Set<string>();
    const queue = [path.join(SRC, 'import/index.ts')];
    const bare = new Set<string>();
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect([path.relative(SRC, file), /\bBuffer\b|\bprocess\.|\brequire\(/.test(source)]).toEqual([path.relative(SRC, file), false]);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          queue.push(fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts'));
        }
        else bare.add(spec);
      }
    }
    expect([...seen].map((f) => path.relative(SRC, f))).not.toEqual(expect.arrayContaining(['import/node.ts']));
    expect([...seen].some((f) => f.includes(`${path.sep}io${path.sep}`) || f.includes(`${path.sep}xlsx${path.sep}`))).toBe(false);
    // The parsing libraries (docs/libraries.md「解析文件所用的库」) run in browsers as in Node.
    expect([...bare].sort()).toEqual(['htmlparser2', 'saxes', 'zod']);
  });
});

/**
 * What the pane would plug in: a zip reader on DecompressionStream('deflate-raw'), present in
 * browsers and in Node. (A real one must also enforce the zip guard's limits.)
 */
const webUnzip: ZipTextReader = async (bytes, wanted) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const skip = view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + skip;
    if (!wanted(name)) continue;
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const stream = new Blob([bytes.slice(start, start + compressed)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    out.set(name, await new Response(stream).text());
  }
  return out;
};

describe('filling the template from an imported report (导入本年数据)', () => {
  test('blank cells are filled; cells the user filled differently are conflicts to ask about', () => {
    const incoming = consistentReport(62, '某县人力资源和社会保障局', 2024);
    const current = { format: 'nianbao/report@1' as const, org: '', year: 2024, cells: { 'T3.R1.C1': 999, 'T3.R1.C2': incoming.cells['T3.R1.C2']!, 'T4.R1.C1': '  ' } };
    const plan = planFill(current, incoming);
    expect(plan.conflicts).toEqual([{ id: 'T3.R1.C1', current: 999, incoming: incoming.cells['T3.R1.C1'] }]);
    expect(Object.keys(plan.fill)).toHaveLength(CELL_IDS.length - 2);
    expect(plan.fill['T4.R1.C1']).toBe(incoming.cells['T4.R1.C1']);
    expect(plan.org).toEqual({ current: '', incoming: '某县人力资源和社会保障局', conflict: false });
    expect(plan.year).toBeNull();
  });
});
