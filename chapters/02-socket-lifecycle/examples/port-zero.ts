// Run: pnpm tsx chapters/02-socket-lifecycle/examples/port-zero.ts
//
// Port 0 means "any free port, kernel's choice". Where the port comes from (the ephemeral range),
// when it is chosen (in listen() or connect(), not in socket-core's bind()), and the classic
// flaky-test bug: reading server.address() before Node has finished listening.

import { once } from 'node:events';
import net from 'node:net';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { acceptFrom, createConnection, socket } from '@netprog/socket-core';
import { kernelLimits } from '../src/kernel-limits.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'port-zero.ts' }));

const { ephemeralPorts } = await kernelLimits();
const [low, high] = ephemeralPorts ?? [49152, 65535];
console.log(
  ephemeralPorts === null
    ? 'ephemeral range: unknown here (not Linux); IANA suggests 49152-65535'
    : `ephemeral range (net.ipv4.ip_local_port_range): ${low}-${high}`,
);
const inRange = (port: number) =>
  port >= low && port <= high ? 'in the range' : 'OUTSIDE the range';

// #region port-zero
const first = socket();
await first.bind(['127.0.0.1', 0]);
console.log(
  `\nbind(('127.0.0.1', 0))  -> getsockname() = ('127.0.0.1', ${first.getsockname()[1]})  # not chosen yet`,
);
await first.listen();
const [, firstPort] = first.getsockname();
console.log(
  `listen()                -> getsockname() = ('127.0.0.1', ${firstPort})  # ${inRange(firstPort)}`,
);

const others = [socket(), socket(), socket()];
for (const [i, server] of others.entries()) {
  await server.bind(['127.0.0.1', 0]);
  await server.listen();
  const [, port] = server.getsockname();
  console.log(`server ${i + 2}: ('127.0.0.1', ${port})  # ${inRange(port)}`);
}
const ports = new Set([first, ...others].map((s) => s.getsockname()[1]));
console.log(`${ports.size} listeners, ${ports.size} different ports`);

// Client ports come from the same range: connect() binds the client to an ephemeral port.
const client = await createConnection(['127.0.0.1', firstPort], 2_000);
const [, clientPort] = client.getsockname();
console.log(`\na client's local port: ('127.0.0.1', ${clientPort})  # ${inRange(clientPort)}`);
const [conn] = await acceptFrom(first, client.getsockname());
await Promise.all([client.close(), conn.close()]);
await Promise.all([first, ...others].map((s) => s.close()));

// The plain-Node trap: with a host, listen() looks it up first, so address() is null at first.
console.log('\nplain Node:');
const server = net.createServer();
server.listen(0, '127.0.0.1');
console.log(
  `  right after listen(0, '127.0.0.1'): address() = ${JSON.stringify(server.address())}`,
);
await once(server, 'listening');
const ready = server.address() as net.AddressInfo;
console.log(`  after the 'listening' event:       address() = ('${ready.address}', ${ready.port})`);
await new Promise((resolve) => server.close(resolve));
// #endregion port-zero
