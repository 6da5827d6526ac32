// Guarding worker threads. A worker is a Node instance of its own, with its own copies of
// node:net, node:dgram and node:dns: the guard installed in this thread does not reach into it.
// So every worker started while the guard is installed loads the guard itself, first.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import workerThreads, { type WorkerOptions } from 'node:worker_threads';

/** The guard's setup file, loaded first in every worker. */
const SETUP_FILE = fileURLToPath(new URL('./setup.ts', import.meta.url));

/**
 * Replaces worker_threads.Worker with a subclass whose workers load the guard before their own
 * code, and returns a function that restores the original. The guard is TypeScript and workers
 * cannot use tsx's ESM loader on Node 20 (its hooks do not reach them), so it is loaded with
 * `--require tsx/cjs --require setup.ts`, which works for file and eval workers alike. Whatever
 * execArgv the caller gave (or the process's own, the default) is kept. The cost: a worker takes
 * a few tens of milliseconds longer to start.
 *
 * @example
 * const restore = guardWorkers();
 * new Worker('require("node:net").connect(80, "192.0.2.1")', { eval: true }); // refused inside the worker too
 * restore();
 */
export function guardWorkers(): () => void {
  const Original = workerThreads.Worker;
  const preload = [
    '--require',
    createRequire(import.meta.url).resolve('tsx/cjs'),
    '--require',
    SETUP_FILE,
  ];
  class GuardedWorker extends Original {
    constructor(filename: string | URL, options: WorkerOptions = {}) {
      super(filename, {
        ...options,
        execArgv: [...(options.execArgv ?? process.execArgv), ...preload],
      });
    }
  }
  workerThreads.Worker = GuardedWorker;
  return () => {
    workerThreads.Worker = Original;
  };
}
