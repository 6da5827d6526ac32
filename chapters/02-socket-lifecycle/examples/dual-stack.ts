// Run: pnpm tsx chapters/02-socket-lifecycle/examples/dual-stack.ts
//
// One IPv6 listening socket on '::' serving both an IPv4 client and an IPv6 client: Python's
// create_server(addr, family=AF_INET6, dualstack_ipv6=True). The IPv4 client's address reaches
// the server as an IPv4-mapped IPv6 address, ::ffff:127.0.0.1. Then the same with IPV6_V6ONLY,
// where the IPv4 client is refused. Skips, saying so, where the machine has no IPv6 loopback;
// off Linux it leaves out which kernel table each socket is in (/proc/net), saying so.

import { defineCommand, parseOrExit } from '@netprog/cli';
import {
  acceptFrom,
  createConnection,
  createServer,
  errnoName,
  formatNetstatEndpoint,
  netstat,
  type SockAddr,
  socket,
} from '@netprog/socket-core';
import { onLinuxOrSay } from '@netprog/testbed/linux-only';
import { hasIpv6Loopback } from '../src/ipv6-loopback.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'dual-stack.ts' }));

if (!(await hasIpv6Loopback())) {
  console.log('skipped: this machine has no IPv6 loopback (::1), which the dual-stack demo needs');
  process.exit(0);
}

const tuple = ([host, port]: SockAddr) => `('${host}', ${port})`;
const kernelTables = onLinuxOrSay(
  'which kernel table each socket is in',
  'netstat() reads /proc/net',
);

// #region servers
const server = await createServer(['::', 0], { family: 'AF_INET6', dualstackIpv6: true });
const [, port] = server.getsockname();
console.log(`create_server(('::', 0), family=AF_INET6, dualstack_ipv6=True) -> ${String(server)}`);

for (const host of ['127.0.0.1', '::1']) {
  const client = await createConnection([host, port], 2_000);
  const [conn, peer] = await acceptFrom(server, client.getsockname());
  console.log(`\nclient dialling ${host}:`);
  console.log(
    `  client: laddr=${tuple(client.getsockname())} raddr=${tuple(client.getpeername())}`,
  );
  console.log(`  server accept() -> peer ${tuple(peer)}`);
  console.log(`  conn:   laddr=${tuple(conn.getsockname())} raddr=${tuple(conn.getpeername())}`);
  // Which kernel table each end is in: an IPv4 client is an IPv4 socket, its server end an IPv6 one.
  if (kernelTables) {
    const tables = (await netstat({ protocols: ['tcp', 'tcp6'] }))
      .filter((e) => e.fd === client.fd || e.fd === conn.fd)
      .sort((a) => (a.fd === client.fd ? -1 : 1))
      .map(
        (e) =>
          `${e.fd === client.fd ? 'client' : 'conn'} in /proc/net/${e.proto} as ${formatNetstatEndpoint(e.local)}`,
      );
    console.log(`  kernel: ${tables.join('; ')}`);
  }
  await Promise.all([client.close(), conn.close()]);
}
await server.close();

console.log('\nwith IPV6_V6ONLY (dualstack_ipv6=False on Linux sets it explicitly):');
const v6only = await createServer(['::', 0], { family: 'AF_INET6', dualstackIpv6: false });
const [, v6port] = v6only.getsockname();
for (const host of ['127.0.0.1', '::1']) {
  const probe = socket(host.includes(':') ? 'AF_INET6' : 'AF_INET');
  probe.settimeout(1_000);
  const result = await probe.connectEx([host, v6port]);
  console.log(
    `  connect_ex(('${host}', ${v6port})) -> ${result === 0 ? '0 (connected)' : `${result} (${errnoName(result)})`}`,
  );
  if (result === 0) {
    const [conn] = await acceptFrom(v6only, probe.getsockname());
    await conn.close();
  }
  await probe.close();
}
await v6only.close();
// #endregion servers
