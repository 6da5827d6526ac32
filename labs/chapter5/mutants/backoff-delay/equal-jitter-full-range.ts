// Mutant: adds random() * ceiling to half the ceiling for 'equal', going up to 1.5 times the ceiling
// Why students write it: 'half plus jitter' is remembered, the second halving is not
// Exercise 5: the backoff schedule, as a pure function (reference solution).
//
// After a failure, wait before retrying; wait longer after each failure (exponential backoff),
// but never longer than a cap; and add randomness (jitter) so that clients which failed together
// do not all retry at the same moment.

export type Jitter = 'none' | 'full' | 'equal';

export interface BackoffOptions {
  /** The delay after the first failure, before jitter (ms). */
  baseMs: number;
  /** No delay may be longer than this (ms). */
  maxMs: number;
  jitter: Jitter;
}

/**
 * The delay to wait after attempt number `attempt` failed (1 = the first try), in whole
 * milliseconds (round down with Math.floor):
 *
 *   ceiling = min(maxMs, baseMs * 2^(attempt - 1))
 *   'none':  ceiling
 *   'full':  random() * ceiling                     (anywhere in [0, ceiling))
 *   'equal': ceiling / 2 + random() * ceiling / 2   (in [ceiling/2, ceiling))
 *
 * Call `random` exactly once for 'full' and 'equal', and not at all for 'none'. It must work for
 * any attempt, even 10_000 (2^9999 is Infinity in JavaScript: make sure the cap still applies and
 * that baseMs 0 gives 0, not NaN). Throw a RangeError, whose message shows the attempt, for an
 * attempt that is not an integer >= 1.
 *
 * @example
 * computeDelay(3, { baseMs: 100, maxMs: 1000, jitter: 'none' }, Math.random)   // 400
 * computeDelay(3, { baseMs: 100, maxMs: 1000, jitter: 'equal' }, () => 0.5)    // 300
 */
export function computeDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`computeDelay: attempt must be an integer >= 1, got ${attempt}`);
  }
  const { baseMs, maxMs, jitter } = options;
  // 0 * Infinity is NaN, so a zero base is handled first; otherwise min() caps Infinity.
  const ceiling = baseMs === 0 ? 0 : Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  if (jitter === 'none') return Math.floor(ceiling);
  const r = random();
  return jitter === 'full' ? Math.floor(r * ceiling) : Math.floor(ceiling / 2 + r * ceiling);
}
