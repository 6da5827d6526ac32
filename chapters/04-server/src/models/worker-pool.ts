// A fixed pool of worker threads for CPU-heavy tasks: concurrency model 3.
//
// Before Node 24.20 a worker thread cannot own a socket: net.Socket and net.Server handles are
// not transferable (postMessage(socket, [socket]) throws "Found invalid object in transferList"
// on Node 20, a DataCloneError on 22). So, to run on every supported Node, the main thread keeps
// every connection and does all the network I/O, and hands the workers only the computation, as
// messages. While a worker computes, the main thread goes on serving everyone.
//
// Every task is bounded: the queue has a length limit (a full queue refuses at once, which the
// server turns into a 503), and a task that runs too long has its worker terminated, because a
// thread busy in a loop cannot be interrupted any other way.
import { Worker } from 'node:worker_threads';

/** The pool refused or abandoned a task. */
export class WorkerPoolError extends Error {
  override readonly name = 'WorkerPoolError';
}

export interface WorkerPoolOptions {
  /** Worker threads (default 2: one per core of the course's 2-core machine). */
  readonly size?: number;
  /** Tasks that may wait for a free worker; one more is refused (default 1,000). */
  readonly maxQueue?: number;
  /** A task still running after this long is abandoned and its worker replaced (default 10 s). */
  readonly taskTimeoutMs?: number;
}

interface Task<In, Out> {
  readonly input: In;
  readonly resolve: (output: Out) => void;
  readonly reject: (error: Error) => void;
}

/** One worker and the task it runs, if any. */
interface Slot<In, Out> {
  readonly worker: Worker;
  task: Task<In, Out> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Started: its script runs. A task's time is counted from then, not from the thread's start. */
  online: boolean;
  /** Replaced: it is stopping, and gets no more tasks. */
  retired: boolean;
}

/**
 * Runs tasks on a fixed set of worker threads, each loaded from `script`, which must answer
 * every message it receives with exactly one message.
 *
 * @example
 * const pool = new WorkerPool<number, { count: number }>(new URL('./primes-worker.mjs', import.meta.url));
 * await pool.run(10_000); // { count: 1229, by: 'thread 1' }
 * await pool.close();
 */
export class WorkerPool<In, Out> {
  readonly #script: URL;
  readonly #maxQueue: number;
  readonly #taskTimeoutMs: number;
  readonly #slots: Array<Slot<In, Out>> = [];
  readonly #queue: Array<Task<In, Out>> = [];
  #closed = false;

  constructor(script: URL, options: WorkerPoolOptions = {}) {
    this.#script = script;
    this.#maxQueue = options.maxQueue ?? 1_000;
    this.#taskTimeoutMs = options.taskTimeoutMs ?? 10_000;
    const size = options.size ?? 2;
    if (!Number.isInteger(size) || size < 1) {
      throw new WorkerPoolError(`a pool needs at least one worker, got size ${size}`);
    }
    for (let i = 0; i < size; i += 1) this.#slots.push(this.#start());
  }

  /** Tasks waiting for a free worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Runs one task; rejects with WorkerPoolError if the queue is full or the task is too slow. */
  run(input: In): Promise<Out> {
    if (this.#closed) return Promise.reject(new WorkerPoolError('the worker pool is closed'));
    return new Promise<Out>((resolve, reject) => {
      const task = { input, resolve, reject };
      const free = this.#slots.find((slot) => slot.task === undefined);
      if (free !== undefined) this.#assign(free, task);
      else if (this.#queue.length < this.#maxQueue) this.#queue.push(task);
      else reject(new WorkerPoolError(`all workers busy and ${this.#maxQueue} tasks waiting`));
    });
  }

  /** Stops every worker; tasks still waiting or running are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0))
      task.reject(new WorkerPoolError('the worker pool closed'));
    await Promise.all(
      this.#slots.map((slot) => {
        this.#fail(slot, new WorkerPoolError('the worker pool closed'));
        return slot.worker.terminate();
      }),
    );
  }

  #start(): Slot<In, Out> {
    // execArgv: [] because the script is plain JavaScript and needs no loader: a worker would
    // otherwise inherit the parent's flags (tsx's --import among them), and a TypeScript hook
    // that cannot start in a worker fails it.
    const worker = new Worker(this.#script, { execArgv: [] });
    const slot: Slot<In, Out> = {
      worker,
      task: undefined,
      timer: undefined,
      online: false,
      retired: false,
    };
    worker.once('online', () => {
      slot.online = true;
      if (slot.task !== undefined) this.#startClock(slot);
    });
    worker.on('message', (output: Out) => {
      const task = slot.task;
      clearTimeout(slot.timer);
      slot.task = undefined;
      task?.resolve(output);
      this.#next(slot);
    });
    worker.on('error', (error) => this.#retire(slot, error));
    worker.on('exit', (code) =>
      this.#retire(slot, new WorkerPoolError(`a worker exited (code ${code}) during a task`)),
    );
    return slot;
  }

  #assign(slot: Slot<In, Out>, task: Task<In, Out>): void {
    slot.task = task;
    if (slot.online) this.#startClock(slot);
    slot.worker.postMessage(task.input); // queued by Node until the worker runs, if need be
  }

  #startClock(slot: Slot<In, Out>): void {
    slot.timer = setTimeout(() => {
      this.#retire(slot, new WorkerPoolError(`task still running after ${this.#taskTimeoutMs} ms`));
    }, this.#taskTimeoutMs);
  }

  #next(slot: Slot<In, Out>): void {
    if (slot.retired) return; // a late answer from a worker being stopped
    const task = this.#queue.shift();
    if (task !== undefined) this.#assign(slot, task);
  }

  /** Rejects the slot's task, if it has one. */
  #fail(slot: Slot<In, Out>, error: Error): void {
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    task?.reject(error);
  }

  /**
   * Takes a worker out of the pool: its task fails with `error`, the worker is terminated (the
   * only way to stop a thread that is busy computing), and a fresh one takes its place.
   */
  #retire(slot: Slot<In, Out>, error: Error): void {
    this.#fail(slot, error);
    if (slot.retired || this.#closed) return;
    slot.retired = true;
    void slot.worker.terminate();
    const fresh = this.#start();
    this.#slots[this.#slots.indexOf(slot)] = fresh;
    this.#next(fresh);
  }
}
