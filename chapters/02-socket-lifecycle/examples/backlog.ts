// Run: pnpm tsx chapters/02-socket-lifecycle/examples/backlog.ts
//
// What listen()'s backlog really limits: not how many clients a server can have, but how many
// finished handshakes the kernel keeps waiting for accept(). A child process listens with
// backlog 3 and then stops running JavaScript (so nothing accepts); this process connects again
// and again. Linux completes backlog + 1 handshakes, then drops further SYNs, so those connects
// time out, just like a firewalled port. Linux only (the kernel's numbers come from ss and
// /proc, and backlog + 1 is Linux's rule): elsewhere it says so in one line and exits 0.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { errnoName, netstat, type Socket, socket } from '@netprog/socket-core';
import { exitUnlessLinux } from '@netprog/testbed/linux-only';
import { effectiveBacklog, kernelLimits } from '../src/kernel-limits.ts';
import { type PythonListener, pythonListen } from '../src/python-listen.ts';
import { kernelBacklog } from '../src/run-ss.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'backlog.ts' }));
exitUnlessLinux(
  'backlog.ts',
  "ss and /proc show the accept queue, and backlog + 1 is Linux's rule",
);

/** A listener on 127.0.0.1, port 0, and how to close it. */
interface Listener {
  port: number;
  close(): Promise<void>;
}

/** A plain Node listener with these options; resolves once it listens. */
async function listenPlain(options: { backlog?: number }): Promise<Listener> {
  const server = net.createServer();
  server.listen({ host: '127.0.0.1', port: 0, ...options });
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A socket-core listener with its default backlog (Python's 128). */
async function listenSocketCore(): Promise<Listener> {
  const server = socket();
  await server.bind(['127.0.0.1', 0]);
  await server.listen();
  return { port: server.getsockname()[1], close: () => server.close() };
}

const BACKLOG = 3;
const ATTEMPTS = BACKLOG + 3;

const { somaxconn } = await kernelLimits();
if (somaxconn !== null) {
  const nodeDefault = effectiveBacklog(undefined, somaxconn);
  console.log(`net.core.somaxconn = ${somaxconn}: listen() backlogs above it are cut down to it`);
  console.log(
    `Node's default backlog: ${nodeDefault.node} (a backlog of 0 becomes ${effectiveBacklog(0, somaxconn).node} too); socket-core's, like Python's: 128`,
  );
}

// What the kernel made of each backlog: ss shows a LISTEN socket's limit in its Send-Q column.
// Python's listen() is asked too: its default and its 0 differ from Node's.
console.log("\nthe accept queue's limit the kernel set (ss -ltn, the LISTEN socket's Send-Q):");
const asked: Array<[string, () => Promise<Listener | PythonListener | null>]> = [
  ['plain Node listen()', () => listenPlain({})],
  ['plain Node listen({ backlog: 0 })', () => listenPlain({ backlog: 0 })],
  ['plain Node listen({ backlog: 100000 })', () => listenPlain({ backlog: 100_000 })],
  ['socket-core listen()', listenSocketCore],
  ['python3 listen()', () => pythonListen('default')],
  ['python3 listen(0)', () => pythonListen(0)],
];
let pythonSomaxconn: number | undefined;
for (const [label, listen] of asked) {
  const listener = await listen();
  if (listener === null) {
    console.log(`  ${label.padEnd(40)} -> not shown (no python3 here)`);
    continue;
  }
  const limit = await kernelBacklog(listener.port);
  console.log(`  ${label.padEnd(40)} -> ${limit ?? 'unknown (no ss here)'}`);
  if ('somaxconn' in listener) pythonSomaxconn = listener.somaxconn;
  await listener.close();
}
if (pythonSomaxconn !== undefined) {
  console.log(
    `Python's socket.SOMAXCONN here: ${pythonSomaxconn}, the C header's constant (not the sysctl)`,
  );
}

// On Linux the whole of 127.0.0.0/8 is loopback. The listener uses 127.0.0.2 so that a port
// scanner sweeping 127.0.0.1 (chapter 3's tests run one) cannot fill its tiny queue.
const HOST = '127.0.0.2';

// #region fill-queue
// The child listens, prints its port, then blocks its event loop: the kernel keeps accepting
// handshakes into the queue, but Node never calls accept(2).
const childCode = `
  const server = require('node:net').createServer();
  server.listen({ host: '${HOST}', port: 0, backlog: ${BACKLOG} }, () => {
    console.log(server.address().port);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20000);
  });`;
const child = spawn(process.execPath, ['-e', childCode], { stdio: ['ignore', 'pipe', 'inherit'] });
const killTimer = setTimeout(() => child.kill(), 25_000);
const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
const port = Number(firstLine.toString().trim());
console.log(`\na server listens on ('${HOST}', ${port}) with backlog ${BACKLOG} and never accepts`);

const clients: Socket[] = [];
for (let i = 1; i <= ATTEMPTS; i++) {
  const client = socket();
  client.settimeout(1_000);
  const result = await client.connectEx([HOST, port]);
  const outcome =
    result === 0
      ? 'connected (handshake done, waiting in the accept queue)'
      : `${result} ${errnoName(result)}: timed out, the kernel dropped the SYN`;
  console.log(`connect #${i}: ${outcome}`);
  if (result === 0) clients.push(client);
  else await client.close();
}
console.log(`${clients.length} of ${ATTEMPTS} connected: backlog + 1 = ${BACKLOG + 1}`);

// For a LISTEN socket, /proc/net/tcp's rx_queue (ss's Recv-Q) is the accept queue's length.
const listener = (await netstat({ all: true, protocols: ['tcp'] })).find(
  (e) => e.state === 'LISTEN' && e.local[1] === port,
);
console.log(`the kernel's LISTEN socket: ${listener?.rxQueue} connections waiting for accept()`);
// #endregion fill-queue

await Promise.all(clients.map((c) => c.close()));
child.kill();
await once(child, 'exit');
clearTimeout(killTimer);
