// Whole-operation deadlines with AbortSignal: the Node way to say "all of this, connect + send +
// read, must be done within 2 s". A per-socket timeout cannot express that; a signal can, and the
// same signal can be passed to net.connect, fetch, timers/promises and your own code.

/** The error a deadline rejects with: `code` is 'ETIMEDOUT' like a kernel timeout. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  readonly code = 'ETIMEDOUT';
  /** The limit that was exceeded, ms. */
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number, options?: ErrorOptions) {
    super(
      `${what} did not finish within its ${timeoutMs} ms deadline; ` +
        'raise the limit if the peer is just slow, or check that it is reachable',
      options,
    );
    this.timeoutMs = timeoutMs;
  }
}

export interface DeadlineOptions {
  /** Also stop when this signal aborts (the caller's own cancel button or outer deadline). */
  signal?: AbortSignal;
  /** Names the operation in the error message. Default 'the operation'. */
  what?: string;
}

// #region with-deadline
/**
 * Runs `task(signal)` and settles within `ms`: with the task's result, or with a `DeadlineError`
 * when the time is up, or with the outer signal's reason if that aborts first. The signal given to
 * the task aborts at the same moment, so a task that passes it on (net.connect({ signal }), fetch)
 * really stops; a task that ignores it is abandoned, but `withDeadline` still returns on time.
 *
 * Built from `AbortSignal.timeout(ms)` (a timer that cannot be cleared but is unref'd, so it never
 * keeps the process alive) and `AbortSignal.any([...])` (whichever aborts first). The abort
 * listener is removed when the task settles, so nothing is left attached to a long-lived outer
 * signal.
 *
 * @example
 * const res = await withDeadline(2000, (signal) => fetch(url, { signal }), { what: `GET ${url}` });
 */
export function withDeadline<T>(
  ms: number,
  task: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions = {},
): Promise<T> {
  const { signal: outer, what = 'the operation' } = options;
  if (!(ms >= 0) || !Number.isFinite(ms)) {
    return Promise.reject(
      new RangeError(`withDeadline: ms must be a finite number >= 0, got ${ms}`),
    );
  }
  const timeout = AbortSignal.timeout(ms);
  const signal = outer === undefined ? timeout : AbortSignal.any([timeout, outer]);
  // Converts the abort into the error we promise: a DeadlineError for our own timer, otherwise
  // whatever the outer signal was aborted with (its reason is the caller's business).
  const reasonToError = (): unknown =>
    timeout.aborted && !outer?.aborted
      ? new DeadlineError(what, ms, { cause: signal.reason })
      : signal.reason;
  if (signal.aborted) return Promise.reject(reasonToError());

  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reasonToError());
    signal.addEventListener('abort', onAbort, { once: true });
    // new Promise(run => run(task())) also catches a task that throws instead of rejecting.
    new Promise<T>((run) => run(task(signal)))
      .then(resolve, (error: unknown) => reject(signal.aborted ? reasonToError() : error))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
// #endregion with-deadline

/**
 * A deadline you can consult step by step: how many ms are left, and a signal for each step.
 * Use it when an operation is a loop (read until N bytes) and each step needs "the rest of the
 * budget", not a fresh full timeout.
 *
 * @example
 * const deadline = startDeadline(1000);
 * while (need > 0) chunks.push(await recvWithTimeout(socket, deadline.remainingMs()));
 */
export function startDeadline(ms: number, now: () => number = () => performance.now()) {
  const endsAt = now() + ms;
  return {
    /** The total budget, ms. */
    timeoutMs: ms,
    /** What is left of it, never below 0. */
    remainingMs: (): number => Math.max(0, endsAt - now()),
    /** True once the budget is spent. */
    expired: (): boolean => now() >= endsAt,
  };
}
