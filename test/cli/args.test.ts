/**
 * One way to refuse a command line, in every subcommand: the same Chinese message for an unknown
 * option, a missing value or a value given to a switch, the subcommand's usage, exit 2, no stack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError, parseCommandArgs } from '../../src/cli/args';
import { failureExit } from '../../src/cli/exit';
import { InputError } from '../../src/cli/inputs';
import { cliSandbox } from '../helpers/cli';
import { FIXTURES } from '../helpers/reports';

const sandbox = cliSandbox('args');
const { dir, run, file } = sandbox;
afterAll(() => sandbox.remove());
beforeAll(() => file('a.json', fs.readFileSync(path.join(FIXTURES, 'shuyang-county-2025.json'))));

// Which usage follows the message: export and review print their own, the rest the general one.
const GENERAL = 'nianbao —— 政府信息公开工作年度报告';
const EXPORT = '用法：\n  nianbao export 输入文件 输出.docx [--ledger 台账.xlsx] [--force]';
const REVIEW = '用法：\n  nianbao review 文件或文件夹…';

describe.each([
  [['template', 't.xlsx', '--bogus'], '不认识的选项 --bogus', GENERAL],
  [['template', 't.xlsx', '--year'], '选项 --year 需要一个值', GENERAL],
  [['template', 't.xlsx', '--force=yes'], '选项 --force 不带值', GENERAL],
  [['check', 'a.json', '--prior'], '选项 --prior 需要一个值', GENERAL],
  [['convert', 'a.json', 'c.json', '-x'], '不认识的选项 -x', GENERAL],
  [['export', '--bogus'], '不认识的选项 --bogus', EXPORT],
  [['export', 'a.json', 'e.docx', '--out', 'x'], '不认识的选项 --out', EXPORT],
  [['export', 'a.json', 'e.docx', '--force=yes'], '选项 --force 不带值', EXPORT],
  [['review', '--out'], '选项 --out 需要一个值', REVIEW],
  [['review', 'a.json', '--out', 'r.xlsx', '--bogus'], '不认识的选项 --bogus', REVIEW],
  [['review', 'a.json', '--out', 'r.xlsx', '--force=yes'], '选项 --force 不带值', REVIEW],
  [['review', 'a.json', '--out', 'r.xlsx', '--help=yes'], '选项 --help 不带值', REVIEW],
  [['review', 'a.json', '--out', 'r.xlsx', '--h'], '不认识的选项 --h', REVIEW],
  // A forgotten value is not taken from the next option (as Node's strict parser would not).
  [['review', 'a.json', '--out', '--force'], '选项 --out 需要一个值', REVIEW],
  [['template', 't.xlsx', '--org', '--force'], '选项 --org 需要一个值', GENERAL],
])('nianbao %j', (args, message, usage) => {
  test('exit 2, the shared message first, then the usage; nothing written', () => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(`nianbao：${message}`)).toBe(true);
    expect(r.err).toContain(`\n\n${usage}`);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.json']);
  });
});

describe('what the options still accept', () => {
  test('review -h and --help print its usage and exit 0', () => {
    for (const flag of ['-h', '--help']) {
      const r = run('review', flag);
      expect([flag, r.code, r.err]).toEqual([flag, 0, '']);
      expect(r.out).toContain(REVIEW);
    }
  });

  test('a value beginning with a dash is given with "="', () => {
    const r = run('template', 'dash.xlsx', '--year', '2024', '--org=-某局');
    expect(r.code).toBe(0);
    expect(r.out).toContain('-某局2024年政府信息公开工作年度报告');
    fs.rmSync(path.join(dir, 'dash.xlsx'));
  });

  test('a lone "-" is a value, and "--" ends the options', () => {
    expect(parseCommandArgs(['--org', '-', '--', '--force'], { org: 'string', force: 'boolean' })).toEqual({ positional: ['--force'], options: { org: '-' } });
  });
});

describe('failureExit', () => {
  const capture = (e: unknown) => {
    let err = '';
    const code = failureExit(e, (s) => (err += s), '用法：…\n');
    return { code, err };
  };

  test('a usage mistake comes with the usage; a file that cannot be used without it', () => {
    expect(capture(new UsageError('命令有误'))).toEqual({ code: 2, err: 'nianbao：命令有误\n\n用法：…\n' });
    expect(capture(new InputError('a.json：文件不存在'))).toEqual({ code: 2, err: 'nianbao：a.json：文件不存在\n' });
  });

  test('anything else is an internal error, said in Chinese with its message and no stack', () => {
    const { code, err } = capture(new TypeError('x is undefined'));
    expect(code).toBe(2);
    expect(err).toBe('nianbao：内部错误，未能完成（x is undefined）。请将此信息反馈给开发者。\n');
    expect(capture('not an Error').err).toContain('（not an Error）');
  });
});
