// "Fired within ±20% of its limit", asserted honestly on a busy machine. A timing test may be
// tried again, because load can make a correct timeout LATE (the process was descheduled), but
// never EARLY: so a try that fires too early is a bug, not bad luck, and every later try of the
// same test fails too. Used by chapter 5's tests and lab 5's graded tests alike.
import { type ExpectStatic, expect as globalExpect } from 'vitest';

/** Every timeout must fire within ±20% of its limit: a 500 ms timeout between 400 and 600 ms. */
export const TOLERANCE = 0.2;

/**
 * For every test that compares wall-clock time with a limit: up to two more tries. Honest
 * because of the rule above: an implementation that fires late fails every try (load only adds
 * to its lateness), one that fires early fails every try (see firedEarly), one that never fires
 * hits the test's own time limit every try. Only a correct timeout the scheduler delayed passes
 * a retry.
 *
 * @example
 * it('times out after 500 ms', TIMING_RETRIES, async () => { ... });
 */
export const TIMING_RETRIES = { retry: 2 } as const;

/** The tests (file and name) of which a try fired too early, for the life of the test file. */
const firedEarly = new Set<string>();

/**
 * Asserts that `elapsedMs` is within ±20% of `limitMs`, and that no earlier try of this test
 * fired too early. Too early fails this try and every retry of the same test; too late fails
 * this try only. `what` names the event in the message ('rejected', 'timed out'). A concurrent
 * test (it.concurrent) passes its own `expect` from the test context, so that the early try is
 * remembered under its own name.
 *
 * @example
 * const started = performance.now();
 * await expect(recvWithTimeout(conn, 500)).rejects.toThrow();
 * expectNearLimit(performance.now() - started, 500, 'rejected'); // passes for 400..600 ms
 */
export function expectNearLimit(
  elapsedMs: number,
  limitMs: number,
  what = 'finished',
  expect: ExpectStatic = globalExpect,
): void {
  const { testPath = '', currentTestName = '(outside a test)' } = expect.getState();
  const test = `${testPath} > ${currentTestName}`;
  const shown = `${what} after ${elapsedMs.toFixed(0)} ms, limit ${limitMs} ms`;
  const earliest = limitMs * (1 - TOLERANCE);
  const earlierTryWasEarly = firedEarly.has(test);
  if (elapsedMs < earliest) firedEarly.add(test);
  expect(elapsedMs, `${shown}: too early`).toBeGreaterThanOrEqual(earliest);
  expect(
    earlierTryWasEarly,
    `${shown}: an earlier try of this test fired before ${earliest} ms, and a busy machine cannot make a timeout early, so a retry cannot pass it`,
  ).toBe(false);
  expect(elapsedMs, `${shown}: too late`).toBeLessThanOrEqual(limitMs * (1 + TOLERANCE));
}
