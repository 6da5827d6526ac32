// Run: pnpm tsx chapters/05-timeouts/examples/three-modes.ts
//
// The three modes of a socket, with socket-core's Python-style API (milliseconds, not seconds):
// blocking (timeout null), non-blocking (timeout 0) and timeout mode (timeout > 0); then the
// module-wide default and what accepted sockets inherit. Everything runs against a local server.

import { defineCommand, runMain } from '@netprog/cli';
import {
  acceptFrom,
  createServer,
  errnoName,
  getdefaulttimeout,
  setdefaulttimeout,
  socket,
} from '@netprog/socket-core';
import { listenBlackhole } from '@netprog/testbed';
import { since } from '../src/since.ts';

/** Prints how a call ended: its value, or its error's class and code, and when. */
async function show(label: string, call: () => Promise<unknown>, limitMs?: number): Promise<void> {
  const started = performance.now();
  const limit = limitMs === undefined ? '' : ` (limit ${limitMs} ms)`;
  try {
    const value = await call();
    console.log(`  ${label} -> ${JSON.stringify(value)} after ${since(started)} ms${limit}`);
  } catch (error) {
    const { name, code } = error as { name: string; code?: string };
    console.log(`  ${label} -> ${name} ${code ?? ''} after ${since(started)} ms${limit}`);
  }
}

// No arguments: it starts every server it needs on loopback.
const command = defineCommand({ name: 'three-modes.ts' });

runMain(async () => {
  command.parse();
  await using server = await createServer(['127.0.0.1', 0]);
  server.settimeout(2_000); // the accepts below are bounded too
  const address = server.getsockname();
  await using client = socket();
  await client.connect(address);
  // Anyone may connect to an open port (chapter 3's tests sweep every port of 127.0.0.1), and a
  // stranger would never say hello: acceptFrom waits for our client's connection.
  const [accepted] = await acceptFrom(server, client.getsockname());
  await using conn = accepted;

  // #region modes
  console.log('1. Blocking: settimeout(null), the default. recv() waits as long as it takes;');
  console.log('   here the peer speaks about 300 ms later.');
  client.settimeout(null);
  setTimeout(() => void conn.send('hello'), 300);
  await show(`gettimeout() = ${client.gettimeout()}; recv(1024)`, async () =>
    String(await client.recv(1024)),
  );

  console.log('\n2. Non-blocking: settimeout(0) (= setblocking(false)). Nothing waits:');
  client.settimeout(0);
  await show(`gettimeout() = ${client.gettimeout()}; recv(1024)`, () => client.recv(1024));
  await using fresh = socket();
  fresh.setblocking(false);
  await show('connectEx(server) on a non-blocking socket', async () => {
    const result = await fresh.connectEx(address);
    return `${result} (${errnoName(result)})`;
  });

  console.log('\n3. Timeout mode: settimeout(500). recv() waits at most 500 ms:');
  client.settimeout(500);
  await show(`gettimeout() = ${client.gettimeout()}; recv(1024)`, () => client.recv(1024), 500);
  await using hole = await listenBlackhole();
  await using timed = socket();
  timed.settimeout(500);
  await show('connect(a port that never answers)', () => timed.connect(hole.address), 500);
  await using timedEx = socket();
  timedEx.settimeout(500);
  await show(
    'connectEx(the same port)',
    async () => {
      const result = await timedEx.connectEx(hole.address);
      return `${result} (${errnoName(result)}: what Python's connect_ex returns on a timeout)`;
    },
    500,
  );

  // #endregion modes
  console.log('\n4. The default for new sockets: setdefaulttimeout / getdefaulttimeout');
  console.log(`  getdefaulttimeout() = ${getdefaulttimeout()}`);
  setdefaulttimeout(250);
  try {
    await using made = socket();
    console.log(`  after setdefaulttimeout(250): socket().gettimeout() = ${made.gettimeout()}`);
    server.settimeout(1_000);
    await using late = socket();
    await late.connect(address);
    // Not `fresh`'s connection from part 2, which is still queued: the one from `late`.
    const [lateConn] = await acceptFrom(server, late.getsockname());
    await using _lateConn = lateConn;
    console.log(
      `  listener timeout ${server.gettimeout()}, accepted socket timeout ${lateConn.gettimeout()}: ` +
        'accepted sockets take the DEFAULT, not the listener’s',
    );
  } finally {
    setdefaulttimeout(null);
  }
});
