// Run: pnpm tsx chapters/02-socket-lifecycle/examples/bind-variants.ts
//
// What the host you bind decides: the notes' bind(('localhost', 8080)), bind(('', 8080)) and
// bind((<this machine's own address>, 8080)), plus the IPv6 ones, each on port 0. For every
// variant it prints the local address after bind() (what socket-core recorded), after listen()
// (what the kernel bound), and who can then connect: a client dialling 127.0.0.1 and one dialling
// ::1. Nothing here listens longer than it takes to try; every connect is to loopback.
//
// The notes found "this machine's own address" with gethostname(); resolving a name may ask a
// DNS server off this machine, so this example reads the address from the interface list instead.

import { once } from 'node:events';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { errnoName, type Family, socket } from '@netprog/socket-core';
import { hasIpv6Loopback } from '../src/ipv6-loopback.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'bind-variants.ts' }));

const ipv6 = await hasIpv6Loopback();
const tuple = ([host, port]: readonly [string, number]) => `('${host}', ${port})`;

/** Tries to connect to host:port within 1 s; 'yes' or the errno name. */
async function reach(host: string, port: number): Promise<string> {
  if (host === '::1' && !ipv6) return 'no ::1 here';
  const probe = socket(host.includes(':') ? 'AF_INET6' : 'AF_INET');
  probe.settimeout(1_000);
  try {
    const result = await probe.connectEx([host, port]);
    return result === 0 ? 'yes' : errnoName(result);
  } finally {
    await probe.close();
  }
}

/** The first IPv4 address of a non-loopback interface (a LAN address such as 192.168.1.246). */
const lan = Object.entries(networkInterfaces())
  .flatMap(([name, addresses]) =>
    (addresses ?? [])
      .filter((a) => a.family === 'IPv4' && !a.internal)
      .map((a) => ({ name, ...a })),
  )
  .at(0);

const variants: Array<{ label: string; host: string; family: Family }> = [
  { label: "''", host: '', family: 'AF_INET' },
  { label: "'localhost'", host: 'localhost', family: 'AF_INET' },
  { label: "'127.0.0.1'", host: '127.0.0.1', family: 'AF_INET' },
  { label: "'0.0.0.0'", host: '0.0.0.0', family: 'AF_INET' },
  lan === undefined
    ? { label: 'an interface address: none but loopback here', host: '', family: 'AF_INET' }
    : {
        label: `an interface address: ${lan.name} '${lan.address}'`,
        host: lan.address,
        family: 'AF_INET',
      },
  { label: "'::'", host: '::', family: 'AF_INET6' },
  { label: "'::1'", host: '::1', family: 'AF_INET6' },
];

// #region try-each
for (const { label, host, family } of variants) {
  console.log(`socket('${family}').bind((${label}, 0))`);
  if (family === 'AF_INET6' && !ipv6) {
    console.log('  skipped: this machine has no IPv6 loopback (::1)');
    continue;
  }
  if (label.includes('none but loopback')) {
    console.log('  skipped: this machine has no network interface besides loopback');
    continue;
  }
  const server = socket(family);
  try {
    await server.bind([host, 0]);
    console.log(`  after bind:   laddr=${tuple(server.getsockname())}`);
    await server.listen();
    const [, port] = server.getsockname();
    console.log(`  after listen: laddr=${tuple(server.getsockname())}`);
    const [v4, v6] = [await reach('127.0.0.1', port), await reach('::1', port)];
    console.log(`  connect from a client dialling 127.0.0.1: ${v4}; dialling ::1: ${v6}`);
  } catch (error) {
    console.log(`  failed: ${(error as Error).message}`);
  } finally {
    await server.close();
  }
}

// Node's own listen() reads '' differently from Python: no host means "::" (dual-stack), not 0.0.0.0.
const plain = net.createServer();
plain.listen({ host: '', port: 0 });
await once(plain, 'listening');
const bound = plain.address() as net.AddressInfo;
console.log(
  `\nplain Node: net.createServer().listen({ host: '', port: 0 }) -> address() = ('${bound.address}', ${bound.port})`,
);
await new Promise((resolve) => plain.close(resolve));
// #endregion try-each
