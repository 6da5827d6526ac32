// The experiment each concurrency-model example runs with --demo: four CPU-heavy requests at
// once, then a cheap one shortly after. How long the cheap one waits shows the model: behind all
// the computing (one event loop), behind some of it (processes), or not at all (worker threads).
// The requests are made from a worker thread (demo-client.mjs), so the client keeps its own time
// even while the server's thread is busy computing.
import { Worker } from 'node:worker_threads';

const HEAVY = 4;
const HEAVY_BELOW = 300_000;
const HELLO_AFTER_MS = 20;

interface Reply {
  readonly ms: number;
  readonly body: string;
  readonly by: string;
}

/**
 * Runs the experiment against a model server at `url` and prints what happened.
 *
 * @example
 * await demoModel('http://127.0.0.1:8080/');
 */
export async function demoModel(url: string, print: (line: string) => void = console.log) {
  // execArgv: [] because demo-client.mjs is plain JavaScript and needs no loader.
  const client = new Worker(new URL('./demo-client.mjs', import.meta.url), {
    workerData: { url, heavy: HEAVY, heavyBelow: HEAVY_BELOW, helloAfterMs: HELLO_AFTER_MS },
    execArgv: [],
  });
  const { hello, results, allMs } = await new Promise<{
    hello: Reply;
    results: Reply[];
    allMs: number;
  }>((resolve, reject) => {
    client.once('message', resolve);
    client.once('error', reject);
    client.once('exit', (code) => reject(new Error(`the demo client exited (code ${code})`)));
  });
  await client.terminate();

  const workers = new Set(results.map((r) => r.by));
  const kind = [...workers][0]?.split(' ')[0] ?? 'process';
  const plural = workers.size === 1 ? '' : kind === 'process' ? 'es' : 's';
  print(
    `${HEAVY} x GET /primes?below=${HEAVY_BELOW} at once, then GET /hello ${HELLO_AFTER_MS} ms later:`,
  );
  print(`  /hello ("${hello.body.trim()}") answered after ${hello.ms.toFixed(1)} ms`);
  print(`  each /primes answered "${results[0]?.body.trim()}"`);
  print(
    `  all ${HEAVY} done after ${allMs.toFixed(1)} ms, computed by ${workers.size} ${kind}${plural}`,
  );
}
