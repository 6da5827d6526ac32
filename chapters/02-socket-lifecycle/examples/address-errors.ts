// Run: pnpm tsx chapters/02-socket-lifecycle/examples/address-errors.ts
//
// The two errors bind() is known for, produced for real and explained:
// - EADDRINUSE: a second listener on a port that is taken (and when it is NOT taken: another
//   specific address, a port whose old connections are still in TIME_WAIT);
// - EACCES: a port below 1024 without the privilege to bind it.
// Ports come from port 0 and are reused on purpose here; tests never do that. Off Linux the two
// lines read from /proc/net (the TIME_WAIT entry, the sockets left open) say so instead.

import type net from 'node:net';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { acceptFrom, netstat, type SockAddr, socket } from '@netprog/socket-core';
import { onLinuxOrSay } from '@netprog/testbed/linux-only';
import { describeEntry, waitForEntry } from '../src/kernel-view.ts';
import { listenInChild, NOBODY } from '../src/low-port-attempt.ts';
import { predictPrivilegedBind, privilegeFacts } from '../src/privileged-ports.ts';
import { pythonBind } from '../src/python-bind.ts';
import { closeListener, listenReusingPort } from '../src/reuse-port.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'address-errors.ts' }));

const tuple = ([host, port]: SockAddr) => `('${host}', ${port})`;

/** bind + listen a new socket on `address`; prints and returns the outcome, closing on failure. */
async function tryListen(address: SockAddr): Promise<ReturnType<typeof socket> | null> {
  const s = socket();
  try {
    await s.bind(address);
    await s.listen();
    console.log(`  bind(${tuple(address)}) + listen() -> ok`);
    return s;
  } catch (error) {
    const e = error as { code?: string; errno?: number; syscall?: string; message: string };
    console.log(
      `  bind(${tuple(address)}) + listen() -> ${e.code} (errno ${e.errno}, syscall '${e.syscall}')`,
    );
    console.log(`    ${e.message}`);
    await s.close();
    return null;
  }
}

// #region eaddrinuse
console.log('--- EADDRINUSE ---');
const first = socket();
await first.bind(['127.0.0.1', 0]);
await first.listen();
const [, port] = first.getsockname();
console.log(`a server listens on ${tuple(first.getsockname())}`);
const second = await tryListen(['127.0.0.1', port]);
const wildcard = await tryListen(['0.0.0.0', port]);
const otherAddress = await tryListen(['127.0.0.2', port]);
console.log('  (Linux: a specific address only conflicts with the same address or a wildcard)');
await Promise.all([first, second, wildcard, otherAddress].map((s) => s?.close()));
// #endregion eaddrinuse

console.log('\n--- TIME_WAIT and SO_REUSEADDR ---');
const server = socket();
await server.bind(['127.0.0.1', 0]);
await server.listen();
const address = server.getsockname();
const client = socket();
await client.connect(address);
const [conn] = await acceptFrom(server, client.getsockname());
const clientPort = client.getsockname()[1];
// The SERVER closes first, as a web server does after a response: TIME_WAIT lands on its port.
await conn.close();
await client.close();
await server.close();
if (onLinuxOrSay("the server's TIME_WAIT entry", 'netstat() reads it from /proc/net')) {
  const timeWait = await waitForEntry(
    (e) => e.state === 'TIME_WAIT' && e.local[1] === address[1] && e.remote[1] === clientPort,
    {
      all: true,
      protocols: ['tcp'],
    },
  );
  console.log(`server closed first; the kernel still holds ${describeEntry(timeWait)}`);
}
const restarted = await tryListen(address);
console.log('  Node sets SO_REUSEADDR on every listening socket, so a restarted server can bind');
console.log(
  '  while old connections sit in TIME_WAIT. Without it, this bind fails for up to 60 s:',
);
await restarted?.close();
for (const reuseAddress of [false, true]) {
  const said = await pythonBind(address, { reuseAddress });
  const how = reuseAddress ? 'with SO_REUSEADDR   ' : 'without SO_REUSEADDR';
  console.log(
    `  python3, ${how}: bind(${tuple(address)}) -> ${said ?? 'not shown (no python3 here)'}`,
  );
}
console.log('  socket-core cannot turn it off:');
try {
  socket().setsockopt('SO_REUSEADDR', false);
} catch (error) {
  console.log(`  setsockopt('SO_REUSEADDR', false) -> ${(error as Error).message}`);
}

console.log('\n--- SO_REUSEPORT: two listeners on one port, on purpose ---');
// Plain Node first: what does the running Node make of listen({ reusePort: true })?
const reusing = await listenReusingPort(0);
if (typeof reusing === 'string') {
  console.log(`  plain Node: listen({ reusePort: true }) -> ${reusing}`);
} else {
  const { port: shared } = reusing.address() as net.AddressInfo;
  const again = await listenReusingPort(shared);
  const outcome =
    typeof again === 'string'
      ? `${again}: this Node (${process.version}) ignores the option`
      : 'ok: both listen, the kernel spreads connections over them';
  console.log(
    `  plain Node: listen(('127.0.0.1', ${shared}), reusePort: true) a second time -> ${outcome}`,
  );
  await Promise.all([reusing, again].map(closeListener));
}
try {
  const a = socket();
  a.setsockopt('SO_REUSEPORT', true);
  await a.bind(['127.0.0.1', 0]);
  await a.listen();
  const b = socket();
  b.setsockopt('SO_REUSEPORT', true);
  await b.bind(a.getsockname());
  await b.listen();
  console.log(
    `  two listeners share ${tuple(a.getsockname())}; the kernel spreads connections over them`,
  );
  await Promise.all([a.close(), b.close()]);
} catch (error) {
  console.log(`  socket-core: setsockopt('SO_REUSEPORT', true) -> ${(error as Error).message}`);
}

console.log('\n--- EACCES: ports below 1024 ---');
const facts = await privilegeFacts();
const prediction = predictPrivilegedBind(80, facts);
console.log(
  `this process: uid ${facts.uid}, net.ipv4.ip_unprivileged_port_start = ${facts.unprivilegedPortStart ?? 'n/a'}`,
);
console.log(`prediction for port 80: ${prediction.expect} (${prediction.reason})`);
const mine = await listenInChild(80);
console.log(
  `listen(('127.0.0.1', 80)) as this user (uid ${facts.uid}) -> ${mine.code}: ${mine.message}`,
);
if (facts.uid === 0) {
  // Root may bind low ports, so this run shows the ordinary user's EACCES by running the same
  // listen() as user nobody: a real attempt by a real unprivileged process, not a made-up error.
  const theirs = await listenInChild(80, NOBODY);
  console.log(
    `listen(('127.0.0.1', 80)) as user nobody (uid ${NOBODY.uid}) -> ${theirs.code}: ${theirs.message}`,
  );
} else {
  console.log(
    "listen(('127.0.0.1', 80)) as user nobody: not tried, only root may start a process as another user",
  );
}
console.log('');
if (onLinuxOrSay('the count of sockets still open', 'netstat() reads /proc/net')) {
  const leftover = (await netstat({ protocols: ['tcp', 'tcp6'] })).length;
  console.log(`sockets still open in this process: ${leftover}`);
}
