/** The host-free self-test runner: each probe isolated, results in order, a plain-text report. */
import { describeProbeError, runProbes, selfTestReport, type Probe, type ProbeResult } from '../../src/selftest/run';

const ok = (id: string, detail?: string): Probe => ({ id, title: `项目${id}`, run: async () => detail });
const failing = (id: string, error: unknown): Probe => ({
  id,
  title: `项目${id}`,
  run: async () => {
    throw error;
  },
});

describe('runProbes', () => {
  it('runs every probe in order and reports each one, a failure in one leaving the others unaffected', async () => {
    const order: string[] = [];
    const seen: Array<[string, number]> = [];
    const probes: Probe[] = [
      { id: 'a', title: '甲', run: async () => void order.push('a') },
      { id: 'b', title: '乙', run: async () => (order.push('b'), Promise.reject(Object.assign(new Error('拒绝'), { code: 'AccessDenied' }))) },
      { id: 'c', title: '丙', run: async () => (order.push('c'), '版本 16.0') },
    ];
    const results = await runProbes(probes, (r, i) => seen.push([r.id, i]));
    expect(order).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect(results.map((r) => [r.id, r.title, r.ok])).toEqual([
      ['a', '甲', true],
      ['b', '乙', false],
      ['c', '丙', true],
    ]);
    expect(results[1].detail).toBe('错误代码 AccessDenied：拒绝');
    expect(results[2].detail).toBe('版本 16.0');
    expect(results[0].detail).toBe('');
  });

  it('never throws: a probe that throws synchronously, throws a non-Error, or a failing onResult', async () => {
    const probes: Probe[] = [
      {
        id: 'sync',
        title: '同步抛出',
        run: () => {
          throw new TypeError('x is not a function');
        },
      },
      failing('str', 'plain string'),
      failing('undef', undefined),
      failing('obj', {}),
      ok('last', '好'),
    ];
    const results = await runProbes(probes, () => {
      throw new Error('view broke');
    });
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false, true]);
    expect(results[0].detail).toBe('TypeError：x is not a function');
    expect(results[1].detail).toBe('plain string');
    expect(results[2].detail).toBe('undefined');
    expect(results[3].detail).toBe('未知错误');
  });

  it('cuts off a probe that never settles and goes on with the next', async () => {
    const results = await runProbes([{ id: 'hang', title: '挂起', run: () => new Promise(() => undefined), timeoutMs: 30 }, ok('next', '继续')]);
    expect(results[0]).toMatchObject({ id: 'hang', ok: false });
    expect(results[0].detail).toContain('Timeout');
    expect(results[1]).toMatchObject({ id: 'next', ok: true, detail: '继续' });
  });

  it('runs probes one at a time: the next starts after the previous settled', async () => {
    let running = 0;
    let most = 0;
    const slow = (id: string): Probe => ({
      id,
      title: id,
      run: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    await runProbes([slow('a'), slow('b'), slow('c')]);
    expect(most).toBe(1);
  });
});

describe('describeProbeError', () => {
  it('names the error code, the message and Office debugInfo location', () => {
    expect(describeProbeError({ code: 'InvalidArgument', message: '参数无效', debugInfo: { errorLocation: 'Range.values' } })).toBe(
      '错误代码 InvalidArgument：参数无效（位置：Range.values）',
    );
    expect(describeProbeError(new Error('只有说明'))).toBe('只有说明');
    expect(describeProbeError(null)).toBe('null');
  });
});

describe('selfTestReport', () => {
  const results: ProbeResult[] = [
    { id: 'platform', title: '平台与版本', ok: true, detail: 'PC 16.0.17328' },
    { id: 'write', title: '写入', ok: false, detail: '错误代码 AccessDenied：\n被拒绝' },
  ];

  it('lists the environment, then ✓ or ✗ per item with its detail on one line, then a tally', () => {
    const text = selfTestReport(
      [
        ['宿主', 'Excel'],
        ['加载项版本', '0.1.0'],
      ],
      results,
    );
    expect(text.split('\n')).toEqual([
      'nianbao 环境自检报告',
      '',
      '宿主：Excel',
      '加载项版本：0.1.0',
      '',
      '✓ 平台与版本 — PC 16.0.17328',
      '✗ 写入 — 错误代码 AccessDenied： 被拒绝',
      '',
      '共 2 项，1 项通过，1 项未通过。',
    ]);
  });

  it('says all passed when nothing failed', () => {
    expect(selfTestReport([], [results[0]])).toMatch(/共 1 项，全部通过。$/);
  });
});
