/**
 * Edits into bursts (src/host/bursts.ts): the first change is delivered at the next task, not
 * after a quiet window; what arrives in the same task comes with it; a burst that goes on is
 * gathered and delivered when it pauses, or at the latest after maxWaitMs.
 */
import { Bursts } from '../../src/host/bursts';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setup(options = { quietMs: 100, maxWaitMs: 500 }) {
  const delivered: string[][] = [];
  const bursts = new Bursts<string>((items) => delivered.push(items), options);
  return { bursts, delivered };
}

test('a single change is delivered at the next task, without waiting for a quiet window', () => {
  const { bursts, delivered } = setup();
  bursts.add('a');
  expect(delivered).toEqual([]);
  jest.advanceTimersByTime(0);
  expect(delivered).toEqual([['a']]);
});

test('changes arriving in the same task are one burst', () => {
  const { bursts, delivered } = setup();
  for (const c of ['a', 'b', 'c']) bursts.add(c);
  jest.advanceTimersByTime(0);
  expect(delivered).toEqual([['a', 'b', 'c']]);
});

test('a burst that goes on is gathered and delivered once it pauses', () => {
  const { bursts, delivered } = setup();
  bursts.add('first');
  jest.advanceTimersByTime(0);
  for (let i = 0; i < 8; i++) {
    jest.advanceTimersByTime(20);
    bursts.add(`more${i}`);
  }
  expect(delivered).toHaveLength(1);
  jest.advanceTimersByTime(100);
  expect(delivered).toEqual([['first'], Array.from({ length: 8 }, (_, i) => `more${i}`)]);
});

test('a burst that never pauses is still delivered every maxWaitMs', () => {
  const { bursts, delivered } = setup({ quietMs: 100, maxWaitMs: 300 });
  bursts.add('start');
  jest.advanceTimersByTime(0);
  for (let i = 0; i < 40; i++) {
    jest.advanceTimersByTime(50);
    bursts.add(String(i));
  }
  // 2 s of changes every 50 ms: delivered at most every 300 ms, not once per change and not never.
  expect(delivered.length).toBeGreaterThanOrEqual(1 + Math.floor(2000 / 300) - 1);
  expect(delivered.length).toBeLessThanOrEqual(1 + Math.ceil(2000 / 300) + 1);
});

test('an edit after a pause is a new burst, delivered at once again', () => {
  const { bursts, delivered } = setup();
  bursts.add('a');
  jest.advanceTimersByTime(0);
  jest.advanceTimersByTime(500);
  bursts.add('b');
  jest.advanceTimersByTime(0);
  expect(delivered).toEqual([['a'], ['b']]);
});

test('dispose drops what is pending', () => {
  const { bursts, delivered } = setup();
  bursts.add('a');
  bursts.dispose();
  jest.advanceTimersByTime(1000);
  expect(delivered).toEqual([]);
});
