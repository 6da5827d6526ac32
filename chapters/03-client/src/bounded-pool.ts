// Bounded concurrency: run async jobs from a queue with at most `limit` of them in flight.
// This is the whole scheduling idea behind a fast connect scanner (nmap keeps ~1000 sockets in
// flight; a loop that awaits each connect in turn keeps one). It knows nothing about sockets.

/** A queue the workers drain; jobs may push more work (a retry) while the pool runs. */
export class WorkQueue<T> {
  readonly #items: T[];
  #next = 0;
  constructor(items: Iterable<T> = []) {
    this.#items = [...items];
  }
  /** Adds an item at the back (e.g. a port to probe again). */
  push(item: T): void {
    this.#items.push(item);
  }
  /** The next item, or undefined when the queue is empty right now. */
  take(): T | undefined {
    if (this.#next >= this.#items.length) return undefined;
    const item = this.#items[this.#next]!;
    this.#next += 1;
    return item;
  }
  get remaining(): number {
    return this.#items.length - this.#next;
  }
}

// #region run-bounded
/**
 * Runs `job` for every item of `queue`, never more than `limit` at once. Resolves when the queue
 * is empty and every job has settled; rejects with the first job error (the other in-flight jobs
 * still finish, so nothing is left running), or with `signal.reason` once the signal aborts.
 *
 * Each of the `limit` workers is a loop: take an item, await its job, repeat. That is all it
 * takes to bound concurrency: there are only `limit` loops.
 *
 * @example
 * await runBounded(new WorkQueue([1, 2, 3, 4]), 2, async (n) => { await probe(n); });
 */
export async function runBounded<T>(
  queue: WorkQueue<T>,
  limit: number,
  job: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency must be a whole number >= 1, got ${limit}`);
  }
  signal?.throwIfAborted();
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // Stop taking work after a failure or an abort; jobs already started run to the end.
    while (failure === undefined && signal?.aborted !== true) {
      const item = queue.take();
      if (item === undefined) return;
      try {
        await job(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (failure !== undefined) throw failure.error;
  signal?.throwIfAborted();
}
// #endregion run-bounded
