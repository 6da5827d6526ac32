// Run: pnpm tsx chapters/03-client/examples/connect-vs-connect-ex.ts [host port...]
//
// The same connection attempts three ways: connect() throws, connectEx() returns an errno, and
// Node's own net.connect() emits events. With no arguments it makes its own targets: an open
// port, a closed port and (on Linux) a port that never answers.
import net from 'node:net';
import { errnoName, SocketError, socket } from '@netprog/socket-core';
import { closedPort, listenBlackhole, listenEcho } from '@netprog/testbed';
import { runCli, UsageError } from '../src/cli-exit.ts';

const TIMEOUT_MS = 300;

interface Target {
  label: string;
  address: readonly [string, number];
}

// #region three-ways
/** connect(): success, or an exception carrying code and errno (Python: OSError / TimeoutError). */
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
    return `throws ${error.name} code=${error.code} errno=${error.errno} after ~${ms} ms`;
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
  const args = process.argv.slice(2);
  const targets: Target[] = [];
  const fixtures: AsyncDisposable[] = [];
  if (args.length === 0) {
    const open = await listenEcho();
    const closed = await closedPort();
    fixtures.push(open, closed);
    targets.push({ label: 'open port (a listener)', address: open.address });
    targets.push({ label: 'closed port (nobody listens)', address: closed.address });
    if (process.platform === 'linux') {
      // A listener whose accept queue is full: Linux drops the SYNs, as a firewall would.
      const silent = await listenBlackhole();
      fixtures.push(silent);
      targets.push({ label: 'silent port (SYNs dropped)', address: silent.address });
    }
  } else {
    const [host, ...ports] = args;
    if (ports.length === 0)
      throw new UsageError('give a host and at least one port, e.g. 127.0.0.1 22 80');
    for (const text of ports) {
      const port = Number(text);
      if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
        throw new UsageError(`"${text}" is not a port number (1-65535): e.g. 127.0.0.1 22 80`);
      }
      targets.push({ label: `port ${port}`, address: [host!, port] });
    }
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
