// Timeouts the way Python defines them: null waits forever, 0 never waits (non-blocking), and a
// positive number is a time limit for each call. Durations are MILLISECONDS here, as everywhere
// in Node; Python's settimeout() takes seconds.
import util from 'node:util';

/** How a socket with a given timeout behaves when a call cannot finish at once. */
export type TimeoutMode = 'blocking' | 'non-blocking' | 'timeout';

/** The largest delay Node's timers accept (2^31 - 1 ms, about 24.8 days); larger ones fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

let defaultTimeout: number | null = null;

/**
 * Sets the timeout that new sockets start with (Python's `socket.setdefaulttimeout`, but in
 * milliseconds). `null` (the initial value) means new sockets block; 0 makes them non-blocking.
 * Sockets that already exist keep theirs. accept() gives each accepted socket this default.
 *
 * @example
 * setdefaulttimeout(2_000); // every socket created from now on gives up after 2 s
 * const s = socket();
 * console.log(s.gettimeout()); // 2000
 * setdefaulttimeout(null);
 */
export function setdefaulttimeout(ms: number | null): void {
  defaultTimeout = validateTimeout(ms, 'setdefaulttimeout');
}

/**
 * The timeout new sockets start with, in milliseconds; null when they block (the default).
 *
 * @example
 * console.log(getdefaulttimeout()); // null
 */
export function getdefaulttimeout(): number | null {
  return defaultTimeout;
}

/**
 * Checks a timeout value: null, or a finite number of milliseconds from 0 to MAX_TIMEOUT_MS.
 * Python raises ValueError for a negative timeout; this throws a RangeError saying what to pass.
 *
 * @example
 * validateTimeout(500, 'settimeout'); // 500
 * validateTimeout(-1, 'settimeout'); // throws RangeError
 */
export function validateTimeout(ms: unknown, caller: string): number | null {
  if (ms === null) return null;
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new TypeError(
      `${caller}(): the timeout must be a number of milliseconds or null (wait forever); ` +
        `got ${util.inspect(ms)}`,
    );
  }
  if (ms < 0 || ms > MAX_TIMEOUT_MS) {
    throw new RangeError(
      `${caller}(): the timeout must be from 0 (non-blocking) to ${MAX_TIMEOUT_MS} ms, or null ` +
        `to wait forever; got ${ms}${ms === Number.POSITIVE_INFINITY ? ' (use null)' : ''}`,
    );
  }
  return ms;
}

/**
 * The mode a timeout value selects, as in Python: null blocks, 0 is non-blocking, > 0 waits at
 * most that long.
 *
 * @example
 * timeoutMode(0); // 'non-blocking'
 */
export function timeoutMode(ms: number | null): TimeoutMode {
  if (ms === null) return 'blocking';
  return ms === 0 ? 'non-blocking' : 'timeout';
}

/**
 * Runs `operation` with an AbortSignal that aborts, with the error `onTimeout()` makes, when `ms`
 * pass. The operation must stop waiting when the signal aborts (all of socket-core's waits do),
 * so its promise rejects with that error; the timer is cleared however the operation ends.
 * `ms` null runs it with no signal (no limit). Non-blocking mode (0) is decided by the caller
 * before it gets here, because "would block" is EAGAIN, not a timeout.
 *
 * @example
 * import { Notifier } from './waiting.ts';
 * const changed = new Notifier();
 * await withTimeout(500, (signal) => changed.wait(signal), () => new Error('timed out'));
 * // rejects with 'timed out' unless changed.notify() is called within 500 ms
 */
export async function withTimeout<T>(
  ms: number | null,
  operation: (signal: AbortSignal | undefined) => Promise<T>,
  onTimeout: () => Error,
): Promise<T> {
  if (ms === null) return operation(undefined);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(onTimeout()), ms);
  try {
    return await operation(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
