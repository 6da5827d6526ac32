// Mutant: starts a timer but does not wait for it, so the next try comes at once
// Why students write it: setTimeout looks like a sleep
// Exercise 6: retry with exponential backoff, full jitter and a total deadline (reference solution).

export interface RetryOptions {
  /** Tries in total, the first one included (>= 1). */
  attempts: number;
  /** Backoff: the wait after failed try n is floor(random() * min(maxMs, baseMs * 2^(n-1))). */
  baseMs: number;
  maxMs: number;
  /** Budget for everything, from the call to retry() (ms). Default: no deadline. */
  deadlineMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. Called once per wait. */
  random?: () => number;
  /** Which errors are worth another try. Default: every error. */
  isRetryable?: (error: unknown) => boolean;
}

/**
 * Calls `fn(attempt)` (attempt = 1, 2, 3...) until it resolves, and resolves with its value.
 *
 * After a failed try:
 * - if `isRetryable(error)` is false, reject with that error at once;
 * - if that was the last of `attempts` tries, reject with that (the last) error;
 * - compute the wait (full jitter, formula above); if the wait would END after the deadline,
 *   reject with the last error now, without waiting (sleeping just to fail later helps nobody);
 * - otherwise wait with setTimeout (not a busy loop) and try again.
 *
 * Measure time with Date.now(). Leave no timer behind once it settles. The tests run with
 * vitest's fake timers, which control setTimeout and Date.now.
 *
 * @example
 * const socket = await retry(() => connectWithTimeout('127.0.0.1', port, 500),
 *   { attempts: 5, baseMs: 100, maxMs: 2_000, deadlineMs: 5_000 });
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const {
    attempts,
    baseMs,
    maxMs,
    deadlineMs = Number.POSITIVE_INFINITY,
    random = Math.random,
    isRetryable = () => true,
  } = options;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      const ceiling = baseMs === 0 ? 0 : Math.min(maxMs, baseMs * 2 ** (attempt - 1));
      const delay = Math.floor(random() * ceiling);
      if (Date.now() - started + delay > deadlineMs) throw error;
      // Each wait's timer fires and is gone before the next try: nothing is left behind.
      setTimeout(() => {}, delay);
    }
  }
}
