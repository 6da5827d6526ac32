// Run: pnpm tsx chapters/04-server/examples/accept-loop-timing.ts [--delay-ms N]
//
// The notes' "threaded" server calls ct.run() in its accept loop, which serves the client in the
// accepting thread: the next accept() waits until that client is done. The same mistake in
// TypeScript is an accept loop that AWAITS the handler. This program times both loops: each
// serves a page that takes --delay-ms to make (default 300: it waits, as a page waiting on a
// database would), and three clients ask for it at once. It prints when each answer came and
// which task served it. The awaiting loop serves one client after another, so the last answer
// comes after about 3 x the delay; the loop that hands each client to a task of its own (and does
// not wait for it) answers all three after about 1 x the delay.
// The Python twin is python/ct_run_timing.py (ct.run() against ct.start()).
import { defineCommand } from '@netprog/cli';
import { createConnection, createServer, type Socket } from '@netprog/socket-core';
import { runCli } from '../src/server-options.ts';

const command = defineCommand({
  name: 'accept-loop-timing.ts',
  options: { 'delay-ms': { type: 'integer', min: 10, max: 5_000, default: 300 } },
});

const CLIENTS = 3;
const CLIENT_TIMEOUT_MS = 10_000;

/** Serves one connection: reads the request head, makes the slow page, answers, closes. */
type Serve = (connection: Socket, servedBy: string) => Promise<void>;

// #region loops
/** The ct.run() mistake: the loop awaits each client, so accept() waits until it is served. */
async function awaitingLoop(server: Socket, serve: Serve): Promise<void> {
  for (;;) {
    const [connection] = await server.accept();
    await serve(connection, 'accept-loop'); // THE MISTAKE: the next accept() waits for this
  }
}

/** The fix (Python's ct.start()): each client gets a task of its own; accept the next at once. */
async function taskPerClientLoop(server: Socket, serve: Serve): Promise<void> {
  for (let count = 1; ; count += 1) {
    const [connection] = await server.accept();
    void serve(connection, `client-${count}`); // not awaited: serve() catches its own errors
  }
}
// #endregion loops

/** A page that takes delayMs to make; X-Served-By names the task that made it. */
function slowPage(delayMs: number): Serve {
  return async (connection, servedBy) => {
    connection.settimeout(CLIENT_TIMEOUT_MS); // a silent client is dropped, not kept forever
    try {
      let head = '';
      while (!head.includes('\r\n\r\n')) {
        const chunk = await connection.recv(4096);
        if (chunk.length === 0) return; // the client left before finishing its request
        head += chunk.toString('latin1');
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs)); // waits; uses no CPU
      await connection.sendAll(
        `HTTP/1.1 200 OK\r\nX-Served-By: ${servedBy}\r\nContent-Length: 5\r\nConnection: close\r\n\r\ndone\n`,
      );
    } catch {
      // A reset or timeout ends this connection only; the accept loop carries on.
    } finally {
      await connection.close();
    }
  };
}

/** GET / on a fresh connection: ms from the common start to the answer, and who served it. */
async function client(port: number, started: number): Promise<{ ms: number; by: string }> {
  await using sock = await createConnection(['127.0.0.1', port], CLIENT_TIMEOUT_MS);
  await sock.sendAll('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  let reply = '';
  for (;;) {
    const chunk = await sock.recv(4096);
    if (chunk.length === 0) break;
    reply += chunk.toString('latin1');
  }
  const ms = performance.now() - started;
  const by = /^X-Served-By: (\S+)\r$/m.exec(reply)?.[1];
  if (by === undefined) throw new Error(`an answer without X-Served-By: ${reply.slice(0, 80)}`);
  return { ms, by };
}

/** Runs `loop` on a fresh listener and times CLIENTS clients started at once, earliest first. */
async function timeClients(
  loop: (server: Socket, serve: Serve) => Promise<void>,
  delayMs: number,
): Promise<Array<{ ms: number; by: string }>> {
  const server = await createServer(['127.0.0.1', 0]);
  const running = loop(server, slowPage(delayMs)).catch(() => {}); // accept() rejects on close
  try {
    const port = server.getsockname()[1];
    await client(port, performance.now()); // warm-up, untimed: the first connect pays for loading code
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: CLIENTS }, () => client(port, started)));
    return results.sort((a, b) => a.ms - b.ms);
  } finally {
    await server.close();
    await running;
  }
}

await runCli(async () => {
  const delayMs = command.parse()['delay-ms'];
  console.log(`${CLIENTS} clients at once ask for a page that takes ${delayMs} ms to make.\n`);
  const last: number[] = [];
  for (const [label, loop] of [
    ['await serve(connection)  (the loop waits: the notes’ ct.run() mistake)', awaitingLoop],
    ['void serve(connection)   (the fix: a task per client, like ct.start())', taskPerClientLoop],
  ] as const) {
    console.log(label);
    const results = await timeClients(loop, delayMs);
    for (const [rank, { ms, by }] of results.entries()) {
      console.log(
        `  answer ${rank + 1} after ${ms.toFixed(0).padStart(4)} ms, served by task ${by}`,
      );
    }
    const tasks = new Set(results.map((r) => r.by)).size;
    const how =
      tasks === 1
        ? 'one task served them, one after another'
        : `${tasks} tasks served them at the same time`;
    const lastMs = results.at(-1)?.ms ?? 0;
    console.log(`  last answer after ${lastMs.toFixed(0)} ms: ${how}\n`);
    last.push(lastMs);
  }
  const [awaited = 0, fixed = 1] = last;
  console.log(
    `the awaiting loop's last answer came ${(awaited / fixed).toFixed(1)} x as late as the fix's`,
  );
});
