// The few waiting primitives socket-core is built from. Every wait can be cancelled with an
// AbortSignal, and cancelling removes the waiter again, so a timed-out recv() or accept() leaves
// no listener or callback behind.
import type { EventEmitter } from 'node:events';

/**
 * Wakes everyone waiting when "something changed" (data arrived, a connection is queued, the
 * socket closed). Waiters then look at the state again themselves: a wake-up is a hint, not a
 * result, which keeps the callers' loops simple and correct.
 *
 * @example
 * const changed = new Notifier();
 * setTimeout(() => changed.notify(), 10);
 * await changed.wait(); // resolves after about 10 ms
 */
export class Notifier {
  readonly #waiters = new Set<() => void>();

  /** How many waiters are registered (tests use it to prove nothing is left behind). */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Wakes every current waiter. */
  notify(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify(); rejects with `signal.reason` if the signal aborts first. */
  wait(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        this.#waiters.delete(wake);
        reject(signal?.reason);
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A promise together with the functions that settle it. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/**
 * A promise that is settled from outside (Node 20 has no Promise.withResolvers yet).
 *
 * @example
 * const ready = deferred<void>();
 * stream.once('connect', () => ready.resolve());
 * await ready.promise;
 */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Waits for `promise`, or rejects with `signal.reason` when the signal aborts first. The promise
 * itself keeps running: the caller decides what to do with an abandoned operation.
 *
 * @example
 * const attempt = deferred<void>();
 * await untilSettled(attempt.promise, AbortSignal.timeout(1_000)); // rejects after 1 s
 */
export function untilSettled<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Resolves with the name of whichever of `events` fires first; rejects with `signal.reason` when
 * the signal aborts first. All listeners are removed either way.
 *
 * @example
 * const bytes = Buffer.from('hello');
 * if (!stream.write(bytes)) await firstEvent(stream, ['drain', 'close']);
 */
export function firstEvent(
  emitter: EventEmitter,
  events: readonly string[],
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const handlers = events.map((name) => [name, () => finish(() => resolve(name))] as const);
    const onAbort = (): void => finish(() => reject(signal?.reason));
    const finish = (settle: () => void): void => {
      for (const [name, handler] of handlers) emitter.off(name, handler);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    for (const [name, handler] of handlers) emitter.once(name, handler);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
