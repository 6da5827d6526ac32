// The client side of the concurrency-model demo (demo.ts), run in a worker thread of its own.
// It must not share the server's event loop: in the event-loop model that loop is blocked while
// the server computes, and a client on it would be blocked too, and would time nothing honestly.
// Plain JavaScript so that the worker can load it without tsx.
import { parentPort, workerData } from 'node:worker_threads';

const { url, heavy, heavyBelow, helloAfterMs } = workerData;

async function get(target) {
  const started = performance.now();
  const response = await fetch(`${url}${target}`, { signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${target} answered ${response.status}: ${body}`);
  return { ms: performance.now() - started, body, by: response.headers.get('x-served-by') ?? '' };
}

// Warm up: the first requests pay for connections, JIT compilation and workers starting.
await get('hello');
await Promise.all(Array.from({ length: heavy }, () => get('primes?below=1000')));

const started = performance.now();
const heavyDone = Promise.all(
  Array.from({ length: heavy }, () => get(`primes?below=${heavyBelow}`)),
);
await new Promise((resolve) => setTimeout(resolve, helloAfterMs));
const hello = await get('hello');
const results = await heavyDone;
parentPort?.postMessage({ hello, results, allMs: performance.now() - started });
