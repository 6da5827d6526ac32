// Run: pnpm tsx chapters/04-server/examples/worker-pool-server.ts [--port N] [--workers N] [--demo]
//
// Concurrency model 3: threads. Node's worker_threads are real OS threads, each with its own event
// loop and heap, but a worker cannot own a socket: a net.Socket cannot be transferred to it (the
// demo below tries). So one thread, the main one, keeps every connection and does all the network
// I/O with the chapter's server, and a pool of workers does only the computing. While the workers
// count primes, the main thread goes on answering /hello at once.
// With --demo it tries to hand a socket to a worker, then runs the experiment of
// src/models/demo.ts against itself, and exits.
import { once } from 'node:events';
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { defineCommand } from '@netprog/cli';
import { demoModel } from '../src/models/demo.ts';
import { modelRoutes, type PrimesResult } from '../src/models/routes.ts';
import { WorkerPool } from '../src/models/worker-pool.ts';
import { startServer } from '../src/server.ts';
import { DEMO_OPTION, PORT_OPTION, runCli, WORKERS_OPTION } from '../src/server-options.ts';

const command = defineCommand({
  name: 'worker-pool-server.ts',
  options: { port: PORT_OPTION, workers: WORKERS_OPTION, demo: DEMO_OPTION },
});

await runCli(async () => {
  const args = command.parse();
  // #region worker-pool
  const pool = new WorkerPool<number, PrimesResult>(
    new URL('../src/models/primes-worker.mjs', import.meta.url),
    { size: args.workers, maxQueue: 1_000, taskTimeoutMs: 10_000 },
  );
  const server = await startServer({
    port: args.port,
    // The main thread only passes the number to a worker and awaits the answer.
    handler: modelRoutes((below) => pool.run(below)),
  }).catch(async (error: unknown) => {
    await pool.close(); // say, a port in use: the idle workers must not keep the process alive
    throw error;
  });
  // #endregion worker-pool
  console.log(
    `worker-pool server (1 process: 1 network thread + ${args.workers} worker threads) listening at ${server.url}`,
  );
  const stop = async () => {
    await server.close();
    await pool.close();
  };
  if (!args.demo) {
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return;
  }
  await tryToTransferASocket(server.port);
  await demoModel(server.url);
  await stop();
});

/** Shows the limit: a connected socket cannot be given to a worker thread. */
async function tryToTransferASocket(port: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  const worker = new Worker('', { eval: true, execArgv: [] });
  try {
    // Our own server on loopback accepts at once; the signal bounds the wait anyway.
    await once(socket, 'connect', { signal: AbortSignal.timeout(2_000) });
    // #region transfer
    // @ts-expect-error: the types already say no; the point is to see Node refuse at run time.
    worker.postMessage(socket, [socket]);
    // #endregion transfer
    // Node 24.20 made a fresh TCP socket transferable; older Nodes throw above.
    console.log(
      'worker.postMessage(socket, [socket]) -> transferred (Node 24.20+ moves a fresh TCP socket)',
    );
  } catch (error) {
    console.log(`worker.postMessage(socket, [socket]) -> ${String(error)}`);
  } finally {
    socket.destroy();
    await worker.terminate();
  }
}
