// The graded tests' one rule for time: a timeout must fire within ±20% of its limit. Not a test
// file itself; lab.json holds its hash like the tests', so it cannot be loosened either.
import { expect } from 'vitest';

/** Every timeout must fire within ±20% of its limit: a 500 ms timeout between 400 and 600 ms. */
export const TOLERANCE = 0.2;

/**
 * Why the timing tests may be tried again, and why that cannot help a wrong solution: a busy
 * machine can make a correct timeout LATE (the process was descheduled), never EARLY. So a try
 * that ends too late may be bad luck and is tried again, but a try that fires too early is a bug:
 * the test's name goes in here, and every later try of that test fails at once.
 */
const firedEarly = new Set<string>();

/**
 * For every test that compares wall-clock time with a limit: up to two more tries. A solution
 * that is always late fails every try (load only adds to its lateness), one that fires early
 * fails every try (firedEarly), one that never fires hits the test's time limit every try.
 */
export const TIMING_RETRIES = { retry: 2 } as const;

/**
 * Asserts that `elapsedMs` is within ±20% of `limitMs`, and that no earlier try of this test fired
 * too early.
 *
 * @example
 * expectNearLimit(performance.now() - started, 500); // passes for 400..600 ms
 */
export function expectNearLimit(elapsedMs: number, limitMs: number, what = 'finished'): void {
  const test = expect.getState().currentTestName ?? '(outside a test)';
  const shown = `${what} after ${elapsedMs.toFixed(0)} ms, limit ${limitMs} ms`;
  const earliest = limitMs * (1 - TOLERANCE);
  const earlierTryWasEarly = firedEarly.has(test);
  if (elapsedMs < earliest) firedEarly.add(test);
  expect(elapsedMs, `${shown}: too early`).toBeGreaterThanOrEqual(earliest);
  expect(
    earlierTryWasEarly,
    `${shown}: an earlier try of this test fired before ${earliest} ms, and a busy machine cannot make a timeout early`,
  ).toBe(false);
  expect(elapsedMs, `${shown}: too late`).toBeLessThanOrEqual(limitMs * (1 + TOLERANCE));
}
