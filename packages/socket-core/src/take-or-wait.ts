// The shape of every call that waits for something to arrive (accept, recv, recvfrom), in the
// three timeout modes: take it if it is there; otherwise a non-blocking socket fails at once
// with EAGAIN, and any other waits for a change (within its timeout, if it has one) and looks
// again. Socket and DatagramSocket both use it, so the modes behave the same for TCP and UDP.
import { stateError } from './errors.ts';
import { timeoutMode, withTimeout } from './timeouts.ts';

/** One waiting call: what it takes, what it waits on, and how it names its failures. */
export interface TakeOrWait<T> {
  /** The call's Berkeley name, for EAGAIN ('accept', 'recv', 'recvfrom'). */
  readonly syscall: string;
  /** What is missing when EAGAIN is thrown: 'no connection is waiting', say. */
  readonly missing: string;
  /** The socket's timeout: null blocks, 0 is non-blocking, more is a limit in ms. */
  readonly timeout: number | null;
  /** What has arrived, or undefined; it may throw (a closed socket, a pending error). */
  take(): T | undefined;
  /** Resolves when something may have changed; rejects with the signal's reason on abort. */
  changed(signal: AbortSignal | undefined): Promise<void>;
  /** The error for a wait that ran out of time. */
  timedOut(): Error;
}

/**
 * Takes what `call.take()` finds, waiting for it the way the socket's timeout says.
 *
 * @example
 * import { Notifier } from './waiting.ts';
 * const lines: string[] = [];
 * const arrived = new Notifier(); // whoever pushes to lines calls arrived.notify()
 * const line = await takeOrWait({
 *   syscall: 'recv', missing: 'no line has arrived', timeout: 1_000,
 *   take: () => lines.shift(), changed: (signal) => arrived.wait(signal),
 *   timedOut: () => new Error('no line within 1 s'),
 * });
 */
export async function takeOrWait<T>(call: TakeOrWait<T>): Promise<T> {
  if (timeoutMode(call.timeout) === 'non-blocking') {
    const taken = call.take();
    if (taken !== undefined) return taken;
    throw stateError(
      'EAGAIN',
      call.syscall,
      `${call.missing} and the socket is non-blocking (timeout 0): try again later, ` +
        'or set a timeout to wait',
    );
  }
  return withTimeout(
    call.timeout,
    async (signal) => {
      for (;;) {
        const taken = call.take();
        if (taken !== undefined) return taken;
        await call.changed(signal);
      }
    },
    call.timedOut,
  );
}
