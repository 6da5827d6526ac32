// Run: pnpm tsx chapters/04-server/examples/prefork-server.ts [--port N] [--workers N] [--demo]
//
// Concurrency model 2: a pre-forked pool of processes. The parent process listens and accepts;
// each accepted connection is handed to a child process, round-robin, by passing its file
// descriptor over the IPC channel (child.send('connection', socket): Node sends the descriptor
// with sendmsg() and SCM_RIGHTS, and the parent's copy is closed). Each child has its own event
// loop on its own core and serves the connection from then on, with the chapter's server code.
// node:cluster does exactly this (the primary accepts and passes handles round-robin); Python's
// pre-fork servers and Apache's prefork MPM are the same idea. A CPU-heavy request now blocks only
// the child it landed on. Forking one process per connection would cost ~70 ms and ~40 MB each;
// a pool started once pays that once.
// With --demo it runs the experiment of src/models/demo.ts against itself and exits.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { defineCommand } from '@netprog/cli';
import { demoModel } from '../src/models/demo.ts';
import { countPrimesBelow } from '../src/models/primes.mjs';
import { modelRoutes } from '../src/models/routes.ts';
import { createHttpService } from '../src/server.ts';
import { DEMO_OPTION, PORT_OPTION, runCli, WORKERS_OPTION } from '../src/server-options.ts';

const command = defineCommand({
  name: 'prefork-server.ts',
  options: { port: PORT_OPTION, workers: WORKERS_OPTION, demo: DEMO_OPTION },
});

// #region child
/** A child: serves every connection the parent sends it, until the parent goes away. */
function runChild(): void {
  const service = createHttpService({
    handler: modelRoutes((below) => ({
      count: countPrimesBelow(below),
      by: `process ${process.pid}`,
    })),
  });
  process.on('message', (message, handle) => {
    if (message === 'connection' && handle instanceof net.Socket) {
      service.serve(handle);
      handle.resume(); // the parent accepted it paused, so no byte was read before the hand-over
    }
  });
  // The IPC channel closes when the parent exits, even if it was killed: no orphans left behind.
  process.once('disconnect', () => {
    service.close();
    process.exit(0);
  });
  process.send?.('ready');
}
// #endregion child

async function startChildren(count: number): Promise<ChildProcess[]> {
  const file = fileURLToPath(import.meta.url);
  return Promise.all(
    Array.from({ length: count }, async () => {
      // fork() starts this same file with the same Node flags (tsx included) and an IPC channel.
      const child = fork(file, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('a child did not start within 30 s')),
          30_000,
        );
        child.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        child.once('exit', (code) => reject(new Error(`a child exited (code ${code}) at start`)));
      });
      return child;
    }),
  );
}

// #region parent
/** The parent: starts the children, then accepts connections and hands each to the next one. */
async function startPrefork(workers: number, port: number) {
  const children = await startChildren(workers);
  let next = 0;
  // pauseOnConnect: the parent must not read from the socket; the child will.
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    const child = children[next % children.length]!;
    next += 1;
    child.send('connection', socket, (error) => {
      if (error) socket.destroy(); // the child is gone; drop this one connection
    });
  });
  const stop = () => {
    server.close();
    for (const child of children) child.disconnect(); // each child exits when its channel closes
  };
  server.listen(port, '127.0.0.1');
  // A port in use rejects here; the children must go too, or they would keep this process alive.
  await once(server, 'listening').catch((error: unknown) => {
    stop();
    throw error;
  });
  const address = server.address() as net.AddressInfo; // a TCP server has an AddressInfo
  return { url: `http://127.0.0.1:${address.port}/`, stop };
}
// #endregion parent

async function runParent(): Promise<void> {
  const args = command.parse();
  const { url, stop } = await startPrefork(args.workers, args.port);
  console.log(`pre-fork server (1 parent + ${args.workers} child processes) listening at ${url}`);
  if (!args.demo) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  await demoModel(url);
  stop();
}

// Only a process forked by the parent (it has an IPC channel) is a child; typed by a user,
// --child is an unknown option like any other.
if (process.argv[2] === '--child' && process.send !== undefined) runChild();
else await runCli(runParent);
