// Run: pnpm tsx chapters/03-client/examples/connect-vs-connect-ex.ts [host port...]
//
// The same connection attempts three ways: connect() throws, connectEx() returns an errno, and
// Node's own net.connect() emits events. With no arguments it makes its own targets: an open
// port, a closed port and (on Linux) a port that never answers; elsewhere it says so in one line.
import net from 'node:net';
import { defineCommand, UsageError } from '@netprog/cli';
import { errnoName, SocketError, SocketTimeoutError, socket } from '@netprog/socket-core';
import { closedPort, listenBlackhole, listenEcho } from '@netprog/testbed';
import { onLinuxOrSay } from '@netprog/testbed/linux-only';
import { runCli } from '../src/cli-exit.ts';
import { pythonRaises } from '../src/python-raises.ts';

const TIMEOUT_MS = 300;

const command = defineCommand({
  name: 'connect-vs-connect-ex.ts',
  positionals: [
    { name: 'host', type: 'string' },
    { name: 'port', type: 'integer', min: 1, max: 65_535, many: true },
  ],
});

interface Target {
  label: string;
  address: readonly [string, number];
}

// #region three-ways
/**
 * connect(): success, or an exception, with what Python raises on the next line. A refused
 * connect carries the kernel's errno; a connect cut short by the socket's own timeout carries
 * none in Python (`TimeoutError('timed out')`): not to be mixed up with the kernel's ETIMEDOUT
 * (errno 110), which only comes after the kernel's own SYN retries.
 */
async function tryConnect([host, port]: readonly [string, number]): Promise<string> {
  await using sock = socket();
  sock.settimeout(TIMEOUT_MS);
  const started = performance.now();
  try {
    await sock.connect([host, port]);
    return 'connected';
  } catch (error) {
    if (!(error instanceof SocketError)) throw error;
    const ms = Math.round(performance.now() - started);
    const what =
      error instanceof SocketTimeoutError
        ? `throws SocketTimeoutError after ~${ms} ms: the socket's own timeout ran out`
        : `throws ${error.name} code=${error.code} errno=${error.errno} after ~${ms} ms`;
    return `${what}\n${' '.repeat(19)}(Python: ${pythonRaises(error)})`;
  }
}

/** connectEx(): never throws for a failed connection; 0 or the errno number (Python: connect_ex). */
async function tryConnectEx([host, port]: readonly [string, number]): Promise<string> {
  await using sock = socket();
  sock.settimeout(TIMEOUT_MS);
  const result = await sock.connectEx([host, port]);
  return result === 0 ? 'returns 0' : `returns ${result} (${errnoName(result)})`;
}

/** Plain Node: no return value, no exception; the answer comes as an event. */
function tryNetConnect([host, port]: readonly [string, number]): Promise<string> {
  return new Promise((resolve) => {
    // `timeout` is an IDLE timer: when it fires Node only emits 'timeout' and keeps connecting.
    const conn = net.connect({ host, port, timeout: TIMEOUT_MS });
    conn.once('connect', () => {
      conn.destroy();
      resolve("'connect' event");
    });
    conn.once('error', (error: NodeJS.ErrnoException) => {
      resolve(`'error' event code=${error.code} errno=${error.errno} (negative: libuv's -errno)`);
    });
    conn.once('timeout', () => {
      const still = conn.connecting ? ', socket.connecting is still true' : '';
      conn.destroy(); // without this the SYNs would go on for about two minutes
      resolve(`'timeout' event${still} -> we destroy() it ourselves`);
    });
  });
}
// #endregion three-ways

await runCli(async () => {
  const { host, port: ports } = command.parse();
  const targets: Target[] = [];
  const fixtures: AsyncDisposable[] = [];
  if (host === undefined) {
    const open = await listenEcho();
    const closed = await closedPort();
    fixtures.push(open, closed);
    targets.push({ label: 'open port (a listener)', address: open.address });
    targets.push({ label: 'closed port (nobody listens)', address: closed.address });
    if (
      onLinuxOrSay(
        'the silent port',
        "testbed's blackhole is a full accept queue, whose SYNs Linux drops",
      )
    ) {
      // A listener whose accept queue is full: Linux drops the SYNs, as a firewall would.
      const silent = await listenBlackhole();
      fixtures.push(silent);
      targets.push({ label: 'silent port (SYNs dropped)', address: silent.address });
    }
  } else {
    if (ports.length === 0) {
      throw new UsageError(`give at least one port after the host, e.g. ${host} 22 80`);
    }
    for (const port of ports) targets.push({ label: `port ${port}`, address: [host, port] });
  }

  try {
    await compare(targets);
  } finally {
    for (const fixture of fixtures) await fixture[Symbol.asyncDispose]();
  }
});

async function compare(targets: readonly Target[]): Promise<void> {
  console.log(
    `every attempt has a ${TIMEOUT_MS} ms timeout (Python would write settimeout(${TIMEOUT_MS / 1000}))\n`,
  );
  for (const { label, address } of targets) {
    console.log(`${label}: ${address[0]}:${address[1]}`);
    console.log(`  sock.connect()   ${await tryConnect(address)}`);
    console.log(`  sock.connectEx() ${await tryConnectEx(address)}`);
    console.log(`  net.connect()    ${await tryNetConnect(address)}`);
  }
}
