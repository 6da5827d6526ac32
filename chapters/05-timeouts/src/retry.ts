// Retrying with exponential backoff and jitter, under a total deadline.
//
// The schedule (`computeDelay`) is a pure function: same inputs, same delay. That makes it easy to
// print as a table and to test exactly. `retry` is the thin shell around it that calls your
// function, sleeps on real timers (or vitest's fake ones) and enforces the deadline. The clock and
// the random source are injectable so tests are deterministic.
import { isRetryable as defaultIsRetryable } from './retryable.ts';

/**
 * How randomness spreads the delays. Without jitter, a thousand clients that failed together
 * retry together, and knock the recovering server over again ("thundering herd").
 * - 'none':  exactly the exponential delay.
 * - 'full':  anywhere in [0, delay): spreads clients most (AWS's recommendation).
 * - 'equal': in [delay/2, delay): spread, but never retries almost at once.
 */
export type Jitter = 'full' | 'equal' | 'none';

/** The shape of the backoff: milliseconds, like every duration in this course. */
export interface BackoffOptions {
  /** The delay after the first failure, before jitter. */
  baseMs: number;
  /** The cap: no delay is longer than this, however many attempts failed. */
  maxMs: number;
  /** Default 'full'. */
  jitter?: Jitter;
}

// #region compute-delay
/**
 * The delay to wait after attempt number `attempt` (1 = the first try) failed: the exponential
 * ceiling `min(maxMs, baseMs * 2^(attempt-1))`, then jittered with `random()` (a number in [0, 1)).
 * Whole milliseconds, rounded down.
 *
 * @example
 * computeDelay(3, { baseMs: 100, maxMs: 1000, jitter: 'none' })             // 400
 * computeDelay(3, { baseMs: 100, maxMs: 1000, jitter: 'full' }, () => 0.5)  // 200
 * computeDelay(3, { baseMs: 100, maxMs: 1000, jitter: 'equal' }, () => 0.5) // 300
 * computeDelay(9, { baseMs: 100, maxMs: 1000, jitter: 'none' })             // 1000 (capped)
 */
export function computeDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const { baseMs, maxMs, jitter = 'full' } = options;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`computeDelay: attempt must be an integer >= 1, got ${attempt}`);
  }
  if (!(baseMs >= 0) || !(maxMs >= baseMs)) {
    throw new RangeError(
      `computeDelay: need 0 <= baseMs <= maxMs, got baseMs=${baseMs} maxMs=${maxMs}`,
    );
  }
  // For a large attempt 2 ** (attempt - 1) is Infinity, and Math.min(maxMs, Infinity) is maxMs, so
  // no overflow check is needed; but 0 * Infinity is NaN, hence the baseMs === 0 case.
  const ceiling = baseMs === 0 ? 0 : Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  if (jitter === 'none') return Math.floor(ceiling);
  const r = random();
  if (!(r >= 0 && r < 1)) {
    throw new RangeError(`computeDelay: random() must return a number in [0, 1), got ${r}`);
  }
  return jitter === 'full' ? Math.floor(r * ceiling) : Math.floor(ceiling / 2 + (r * ceiling) / 2);
}
// #endregion compute-delay

/**
 * The delays a whole run would use: element i is the wait after attempt i+1 failed.
 *
 * @example
 * backoffSchedule(4, { baseMs: 100, maxMs: 500, jitter: 'none' }) // [100, 200, 400]
 */
export function backoffSchedule(
  attempts: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number[] {
  const delays: number[] = [];
  for (let attempt = 1; attempt < attempts; attempt++) {
    delays.push(computeDelay(attempt, options, random));
  }
  return delays;
}

/** What `onRetry` is told before each wait. */
export interface RetryEvent {
  /** The attempt that just failed (1 = the first try). */
  attempt: number;
  error: unknown;
  /** How long retry() will now wait. */
  delayMs: number;
  /** Time since retry() started. */
  elapsedMs: number;
}

export interface RetryOptions extends BackoffOptions {
  /** Tries in total, the first one included (>= 1). */
  attempts: number;
  /** Budget for everything (every try and every wait), from the call to retry(). Default: none. */
  deadlineMs?: number;
  /** Which errors to retry (default: `isRetryable` from retryable.ts). Others are rethrown at once. */
  isRetryable?: (error: unknown) => boolean;
  /** Source of jitter, [0, 1). Default Math.random. */
  random?: () => number;
  /** Monotonic clock in ms. Default performance.now (vitest's fake timers fake it too). */
  now?: () => number;
  /** Called before each wait, e.g. to log. */
  onRetry?: (event: RetryEvent) => void;
  /** Cancels everything: the current try (through the signal it receives) and any wait. */
  signal?: AbortSignal;
}

/** Thrown when retry() gives up on a retryable error; `cause` is the last error. */
export class RetryError extends Error {
  override readonly name = 'RetryError';
  /** 'attempts': every try failed. 'deadline': the total budget ran out. */
  readonly reason: 'attempts' | 'deadline';
  readonly attempts: number;
  readonly elapsedMs: number;
  /** 'ETIMEDOUT' when the deadline ran out, so code that reads `.code` sees a timeout. */
  readonly code: string | undefined;

  constructor(
    reason: 'attempts' | 'deadline',
    attempts: number,
    elapsedMs: number,
    limit: string,
    cause: unknown,
  ) {
    const last = cause instanceof Error ? cause.message : String(cause);
    super(
      `retry gave up after ${attempts} attempt(s) in ${Math.round(elapsedMs)} ms (${limit}); ` +
        `last error: ${last}`,
      { cause },
    );
    this.reason = reason;
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
    this.code = reason === 'deadline' ? 'ETIMEDOUT' : undefined;
  }
}

// #region retry
/**
 * Calls `fn` until it succeeds, waiting `computeDelay(...)` between tries. Gives up with a
 * `RetryError` after `attempts` tries, or as soon as the next wait would end past `deadlineMs`
 * (sleeping just to fail later helps nobody). A non-retryable error is rethrown at once.
 *
 * `fn` receives the attempt number and an AbortSignal that aborts when the total deadline is
 * reached, so a hanging try is cut off too; pass it on (to net.connect, fetch...). Even if `fn`
 * ignores it, retry() still settles on time.
 *
 * @example
 * const socket = await retry((attempt, signal) => connectWithTimeout(['127.0.0.1', port], 500, { signal }),
 *   { attempts: 5, baseMs: 100, maxMs: 2000, deadlineMs: 5000 });
 */
export async function retry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const {
    attempts,
    deadlineMs = Number.POSITIVE_INFINITY,
    isRetryable = defaultIsRetryable,
    random = Math.random,
    now = () => performance.now(),
    onRetry,
    signal,
  } = options;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`retry: attempts must be an integer >= 1, got ${attempts}`);
  }
  const start = now();
  const elapsed = () => now() - start;
  const limit = (reason: 'attempts' | 'deadline') =>
    reason === 'attempts' ? `limit ${attempts} attempts` : `deadline ${deadlineMs} ms`;

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await withinDeadline(
        (attemptSignal) => fn(attempt, attemptSignal),
        deadlineMs - elapsed(),
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof DeadlineReached) {
        throw new RetryError('deadline', attempt, elapsed(), limit('deadline'), error);
      }
      if (!isRetryable(error)) throw error;
      if (attempt >= attempts) {
        throw new RetryError('attempts', attempt, elapsed(), limit('attempts'), error);
      }
      const delayMs = computeDelay(attempt, options, random);
      if (elapsed() + delayMs >= deadlineMs) {
        throw new RetryError('deadline', attempt, elapsed(), limit('deadline'), error);
      }
      onRetry?.({ attempt, error, delayMs, elapsedMs: elapsed() });
      await sleep(delayMs, signal);
    }
  }
}
// #endregion retry

/** Internal: the total deadline cut a try off while it was still running. */
class DeadlineReached extends Error {}

/**
 * Runs one try with a signal that aborts after `remainingMs` (or when `parent` aborts), and settles
 * by then even if the try ignores its signal. Always clears its timer and its listener.
 */
function withinDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  remainingMs: number,
  parent: AbortSignal | undefined,
): Promise<T> {
  if (remainingMs <= 0)
    return Promise.reject(new DeadlineReached('the deadline had already passed'));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return; // a try that rejects after we gave up on it is ignored
      settled = true;
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
      outcome();
    };
    // A plain setTimeout rather than AbortSignal.timeout: it can be cleared (no timer outlives the
    // try) and vitest's fake timers control it.
    const timer = Number.isFinite(remainingMs)
      ? setTimeout(() => {
          const reached = new DeadlineReached('the try was still running at the total deadline');
          controller.abort(reached);
          settle(() => reject(reached));
        }, remainingMs)
      : undefined;
    const onParentAbort = () => {
      controller.abort(parent?.reason);
      settle(() => reject(parent?.reason));
    };
    parent?.addEventListener('abort', onParentAbort, { once: true });
    // Wrapped so that a try which throws synchronously (instead of rejecting) is caught too.
    new Promise<T>((run) => run(task(controller.signal))).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** Waits `ms`, or rejects with the signal's reason if it aborts first. Leaves no timer behind. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
