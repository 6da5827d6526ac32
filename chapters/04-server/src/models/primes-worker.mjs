// A worker thread of the pool (worker-pool.ts): it receives a limit, counts the primes below it
// and posts the count back, one task at a time. It has its own event loop and its own V8 heap;
// it shares nothing with the main thread but the messages.
import { parentPort, threadId } from 'node:worker_threads';
import { countPrimesBelow } from './primes.mjs';

parentPort?.on('message', (limit) => {
  parentPort?.postMessage({ count: countPrimesBelow(limit), by: `thread ${threadId}` });
});
