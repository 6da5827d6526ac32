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
// a pool started once pays that once. A child that dies is replaced, and the parent says so on
// stderr; until then the other children take its connections.
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

/** Starts one child and resolves once it is ready to take connections. */
function startChild(): Promise<ChildProcess> {
  // fork() starts this same file with the same Node flags (tsx included) and an IPC channel.
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('a child did not start within 30 s'));
    }, 30_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`a child exited (code ${code}) at start`));
    });
  });
}

// #region parent
/**
 * The parent: starts the children, then accepts connections and hands each to the next child
 * that is alive. A child that dies (a crash, kill -9) is replaced (below); meanwhile the others
 * take its share.
 */
async function startPrefork(workers: number, port: number) {
  const children = await Promise.all(Array.from({ length: workers }, startChild));
  let next = 0;
  /** Hands `socket` to the next live child; if the hand-over fails, to the one after. */
  const handOver = (socket: net.Socket, triesLeft = children.length): void => {
    const live = children.filter((child) => child.connected);
    const child = live[next % Math.max(live.length, 1)];
    next += 1;
    if (child === undefined || triesLeft === 0) {
      socket.destroy(); // no child can take it: the client sees the connection close
      return;
    }
    child.send('connection', socket, (error) => {
      // The child died after the check above: the descriptor is still ours, so try another.
      if (error) handOver(socket, triesLeft - 1);
    });
  };
  // pauseOnConnect: the parent must not read from the socket; the child will.
  const server = net.createServer({ pauseOnConnect: true }, (socket) => handOver(socket));
  const pool: Pool = {
    children,
    stopping: false,
    stop: () => {
      pool.stopping = true;
      server.close();
      // Each child exits when its channel closes.
      for (const child of children) if (child.connected) child.disconnect();
    },
    replacedAt: [],
  };
  for (const child of children) replaceWhenDead(child, pool);
  server.listen(port, '127.0.0.1');
  // A port in use rejects here; the children must go too, or they would keep this process alive.
  await once(server, 'listening').catch((error: unknown) => {
    pool.stop();
    throw error;
  });
  const address = server.address() as net.AddressInfo; // a TCP server has an AddressInfo
  return { url: `http://127.0.0.1:${address.port}/`, stop: pool.stop };
}
// #endregion parent

interface Pool {
  readonly children: ChildProcess[];
  stopping: boolean;
  readonly stop: () => void;
  /** When children were replaced (performance.now()), to notice children that die as they start. */
  readonly replacedAt: number[];
}

/** More replacements than this within a minute: the children die as they start, so give up. */
const MAX_REPLACEMENTS_PER_MINUTE = 10;

// #region replace
/** When `child` dies, start another in its place and say so on stderr (unless the pool stops). */
function replaceWhenDead(child: ChildProcess, pool: Pool): void {
  child.once('exit', (code, signal) => {
    if (pool.stopping) return;
    console.error(
      `pre-fork: child ${child.pid} died (${signal ?? `exit code ${code}`}); starting another`,
    );
    const now = performance.now();
    pool.replacedAt.push(now);
    while ((pool.replacedAt[0] ?? now) < now - 60_000) pool.replacedAt.shift();
    if (pool.replacedAt.length > MAX_REPLACEMENTS_PER_MINUTE) {
      console.error(`pre-fork: ${pool.replacedAt.length} children died within a minute; stopping`);
      process.exitCode = 1;
      pool.stop();
      return;
    }
    startChild().then(
      (fresh) => {
        if (pool.stopping) {
          fresh.disconnect();
          return;
        }
        pool.children[pool.children.indexOf(child)] = fresh;
        replaceWhenDead(fresh, pool);
        console.error(`pre-fork: child ${fresh.pid} replaces child ${child.pid}`);
      },
      (error: Error) =>
        console.error(`pre-fork: could not replace child ${child.pid}: ${error.message}`),
    );
  });
}
// #endregion replace

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
