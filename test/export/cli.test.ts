/** `nianbao export`: real process, real files, exit codes 0/1/2, Chinese messages. */
import * as fs from 'fs';
import * as path from 'path';
import { cliSandbox } from '../helpers/cli';
import { FIXTURES, fixture, withCells } from '../helpers/reports';

const sandbox = cliSandbox('export');
const { dir, run, file } = sandbox;
afterAll(() => sandbox.remove());
const exists = (name: string) => fs.existsSync(path.join(dir, name));

describe('nianbao export', () => {
  test('a clean report: written, exit 0, then `check` of the document finds no text.* issue', () => {
    const r = run('export', path.join(FIXTURES, 'muchang-town-2024.txt'), '木厂镇.docx');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已生成 木厂镇.docx：木厂镇2024年政府信息公开工作年度报告');
    expect(r.out).toContain('【请填写：…】');
    expect(r.out).toContain('✓ 全部勾稽关系通过');
    const again = run('check', '木厂镇.docx', '--format', 'json');
    expect(again.code).toBe(0);
    const findings = JSON.parse(again.out).reports[0].findings as { rule: string }[];
    expect(findings.filter((f) => f.rule.startsWith('text.'))).toEqual([]);
  });

  test('a draft with errors is still written: exit 1, the findings, and a line counting the errors', () => {
    file('draft.json', JSON.stringify(withCells(fixture('shuyang-county-2025.json'), { 'T3.R24.C7': 719, 'T4.R1.C5': 60 })));
    const r = run('export', 'draft.json', 'draft.docx');
    expect(r.code).toBe(1);
    expect(exists('draft.docx')).toBe(true);
    expect(r.out).toContain('✗ 4 处错误');
    expect(r.out).toContain('表格中有 4 处错误');
  });

  test('an existing output is not replaced without --force (exit 2, nothing written); with it, it is', () => {
    file('county.json', fs.readFileSync(path.join(FIXTURES, 'shuyang-county-2025.json')));
    file('old.docx', 'keep me');
    const r = run('export', 'county.json', 'old.docx');
    expect(r.code).toBe(2);
    expect(r.err).toContain('old.docx：文件已存在；如需覆盖，请加 --force');
    expect(fs.readFileSync(path.join(dir, 'old.docx'), 'utf8')).toBe('keep me');
    const forced = run('export', 'county.json', 'old.docx', '--force');
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'old.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  test.each([
    [['export', 'missing.json', 'out.docx'], 'missing.json：文件不存在'],
    [['export', 'county.json'], 'export 需要两个文件名'],
    [['export', 'county.json', 'out.pdf'], '输出文件应以 .docx 结尾'],
    [['export', 'county.json', 'out.docx', '--frce'], '不认识的选项 --frce'],
    [['export', 'county.json', 'out.docx', '--force=yes'], '选项 --force 不带值'],
    [['export', 'out.docx', 'out.docx'], '输出文件不能与输入文件相同'],
  ])('%j: exit 2, a Chinese message, nothing written', (args, message) => {
    file('county.json', fs.readFileSync(path.join(FIXTURES, 'shuyang-county-2025.json')));
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
    expect(exists('out.docx')).toBe(false);
  });

  test('an unreadable input: exit 2 and nothing written', () => {
    file('broken.docx', 'PK\u0003\u0004 not really a zip');
    const r = run('export', 'broken.docx', 'out2.docx');
    expect(r.code).toBe(2);
    expect(r.err).toContain('broken.docx：');
    expect(exists('out2.docx')).toBe(false);
  });

  test('the usage text names the command', () => {
    expect(run('--help').out).toContain('nianbao export 输入文件 输出.docx [--ledger 台账.xlsx] [--force]');
  });
});
