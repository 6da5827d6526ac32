// Checking that a timeout fired "within its limit (±20%)" on a machine that may be busy.
import { expect } from 'vitest';

/**
 * Starts a plain timer of `ms` and resolves with how long it really took. A busy machine can run
 * any timer late (here, other test workers start Node processes on 2 shared cores); the
 * reference shows how late timers were running during the measurement.
 *
 * @example
 * const reference = referenceTimer(500);
 */
export function referenceTimer(ms: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => setTimeout(() => resolve(performance.now() - started), ms));
}

/**
 * Asserts that an operation with time limit `limit` gave up after `elapsed` ms: never more than
 * 20% early, and at most 20% late, or, when even the plain reference timer was later than that,
 * no more than 20% of the limit after the reference (the machine, not the code, was slow).
 *
 * @example
 * expectWithinLimit(elapsed, 500, await reference);
 */
export function expectWithinLimit(elapsed: number, limit: number, referenceElapsed: number): void {
  expect(elapsed).toBeGreaterThanOrEqual(limit * 0.8);
  expect(elapsed).toBeLessThanOrEqual(Math.max(limit * 1.2, referenceElapsed + limit * 0.2));
}
