// Graded tests for exercise 5 (computeDelay). Do not edit: lab.json holds this file's hash.
import { describe, expect, it, vi } from 'vitest';
import { computeDelay } from '../exercises/backoff-delay.ts';

const shape = { baseMs: 100, maxMs: 1_000 };
const never = () => {
  throw new Error("random() must not be called for jitter 'none'");
};

describe('computeDelay', () => {
  it("'none' doubles from baseMs and stops at maxMs", () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) =>
      computeDelay(attempt, { ...shape, jitter: 'none' }, never),
    );
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("'full' scales the ceiling by random(), rounded down", () => {
    expect(computeDelay(1, { ...shape, jitter: 'full' }, () => 0.5)).toBe(50);
    expect(computeDelay(3, { ...shape, jitter: 'full' }, () => 0)).toBe(0);
    expect(computeDelay(3, { ...shape, jitter: 'full' }, () => 0.999)).toBe(399);
    expect(computeDelay(8, { ...shape, jitter: 'full' }, () => 0.25)).toBe(250);
  });

  it("'equal' keeps at least half the ceiling", () => {
    expect(computeDelay(3, { ...shape, jitter: 'equal' }, () => 0)).toBe(200);
    expect(computeDelay(3, { ...shape, jitter: 'equal' }, () => 0.5)).toBe(300);
    expect(computeDelay(2, { ...shape, jitter: 'equal' }, () => 0.333)).toBe(133);
    expect(computeDelay(9, { ...shape, jitter: 'equal' }, () => 0.5)).toBe(750);
  });

  it('calls random exactly once per jittered delay', () => {
    const random = vi.fn(() => 0.5);
    computeDelay(4, { ...shape, jitter: 'full' }, random);
    computeDelay(4, { ...shape, jitter: 'equal' }, random);
    expect(random).toHaveBeenCalledTimes(2);
  });

  it('stays capped for huge attempt numbers, and a zero base gives 0', () => {
    expect(computeDelay(10_000, { ...shape, jitter: 'none' }, never)).toBe(1000);
    expect(computeDelay(10_000, { ...shape, jitter: 'full' }, () => 0.5)).toBe(500);
    expect(computeDelay(10_000, { baseMs: 0, maxMs: 1000, jitter: 'none' }, never)).toBe(0);
    // 1 << 31 is negative and 1 << 32 is 1 again: bit shifts are 32-bit, powers of two are not.
    const around32 = [25, 31, 32, 33, 64].map((attempt) =>
      computeDelay(attempt, { ...shape, jitter: 'none' }, never),
    );
    expect(around32, 'attempts 25, 31, 32, 33 and 64').toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('caps from the first attempt, and rounds fractional delays down', () => {
    expect(
      computeDelay(1, { baseMs: 500, maxMs: 300, jitter: 'none' }, never),
      'base 500, max 300',
    ).toBe(300);
    expect(computeDelay(1, { baseMs: 2.5, maxMs: 1000, jitter: 'none' }, never), 'base 2.5').toBe(
      2,
    );
    expect(computeDelay(9, { baseMs: 100, maxMs: 7.5, jitter: 'none' }, never), 'max 7.5').toBe(7);
    // ceiling 3: 1.5 + 0.5 * 1.5 = 2.25, so 2 (halving with integer division would give 1)
    expect(
      computeDelay(1, { baseMs: 3, maxMs: 1000, jitter: 'equal' }, () => 0.5),
      'equal, ceiling 3',
    ).toBe(2);
  });

  it('rejects an attempt that is not an integer >= 1', () => {
    expect(computeDelay(1, { ...shape, jitter: 'none' }, never), 'control: attempt 1 works').toBe(
      100,
    );
    for (const attempt of [0, -1, 1.5, Number.NaN]) {
      const call = () => computeDelay(attempt, { ...shape, jitter: 'none' }, never);
      expect(call, `attempt ${attempt}`).toThrow(RangeError);
      expect(call, `the message should name the attempt, ${attempt}`).toThrow(String(attempt));
    }
  });
});
