// Run: pnpm tsx chapters/01-resolution/examples/getaddrinfo.ts [host [port]] [--family 4|6] [--type tcp|udp] [--passive]
//
// A getaddrinfo explorer. Given a host it asks the operating system, exactly as Python's
// socket.getaddrinfo would, and prints the 5-tuples. With no host it tours the options: localhost
// through the operating system, then a dual-stack name (IPv4 AND IPv6 addresses) served by a fake
// DNS server that this example starts on 127.0.0.1. Nothing leaves the machine: a question that
// /etc/hosts cannot answer (the operating system would send it to a DNS server) is not asked,
// and one line says so.
import { defineCommand, EXIT_FAILURE, runMain } from '@netprog/cli';
import {
  AI_ADDRCONFIG,
  AI_CANONNAME,
  AI_PASSIVE,
  AI_V4MAPPED,
  type GetaddrinfoOptions,
  getaddrinfo,
} from '@netprog/socket-core';
import { listenDns } from '@netprog/testbed';
import { systemLookupRefusal } from '@netprog/testbed/loopback-guard';
import { parsePortOrService } from '../src/port-or-service.ts';
import { printLocalCall } from '../src/print-call.ts';
import { formatAddrinfo, pyStr } from '../src/python-repr.ts';

/** The flags this explorer uses, by name, for printing a call as Python would write it. */
const FLAG_NAMES: ReadonlyArray<[number, string]> = [
  [AI_PASSIVE, 'AI_PASSIVE'],
  [AI_CANONNAME, 'AI_CANONNAME'],
  [AI_V4MAPPED, 'AI_V4MAPPED'],
];

const command = defineCommand({
  name: 'getaddrinfo.ts',
  positionals: [
    { name: 'host', type: 'string' },
    { name: 'port', type: 'string' }, // a number or a service name: parsePortOrService
  ],
  options: {
    family: { type: 'string', choices: ['4', '6'] },
    type: { type: 'string', choices: ['tcp', 'udp'] },
    passive: { type: 'boolean' },
  },
});

/** Prints one getaddrinfo call in Python's spelling, with its results; false if it failed. */
async function explore(
  host: string | null,
  port: number | string | null,
  options: GetaddrinfoOptions,
  note?: string,
): Promise<boolean> {
  const args = [
    host === null ? 'None' : pyStr(host),
    typeof port === 'string' ? pyStr(port) : String(port ?? 'None'),
  ];
  if (options.family !== undefined) args.push(`family=${options.family}`);
  if (options.type !== undefined) args.push(`type=${options.type}`);
  const flags = options.flags ?? 0;
  if (flags !== 0) {
    args.push(
      `flags=${FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0)
        .map(([, name]) => name)
        .join('|')}`,
    );
  }
  const refusal = offMachine(host, options);
  const answer = await printLocalCall(
    `getaddrinfo(${args.join(', ')})`,
    refusal,
    () => getaddrinfo(host, port, options),
    (infos) => infos.map((info) => formatAddrinfo(info)),
    note,
  );
  console.log();
  // A question not asked is no failure: the line printed says why.
  return answer !== undefined || refusal !== undefined;
}

/**
 * Why the operating system would send this question to a DNS server, or undefined when
 * /etc/hosts answers it (or the fake DNS server is asked, or there is no name to look up).
 */
function offMachine(host: string | null, options: GetaddrinfoOptions): string | undefined {
  if (host === null || options.resolver !== undefined) return undefined;
  const family = options.family === 'AF_INET' ? 4 : options.family === 'AF_INET6' ? 6 : 0;
  const flags = options.flags ?? 0;
  return systemLookupRefusal(host, family, {
    v4mapped: (flags & AI_V4MAPPED) !== 0,
    addrconfig: (flags & AI_ADDRCONFIG) !== 0,
  });
}

runMain(async () => {
  const { host, port, family, type, passive } = command.parse();
  const chosen: GetaddrinfoOptions = {};
  if (family !== undefined) chosen.family = family === '6' ? 'AF_INET6' : 'AF_INET';
  if (type !== undefined) chosen.type = type === 'tcp' ? 'SOCK_STREAM' : 'SOCK_DGRAM';
  if (passive) chosen.flags = AI_PASSIVE;
  if (host !== undefined) {
    const portOrService = port === undefined ? null : parsePortOrService(port);
    console.log('== Through the operating system (dns.lookup) ==\n');
    const answered = await explore(
      host,
      portOrService,
      chosen,
      'Node: dns.lookup(host, { all: true }), the operating system',
    );
    // The one question asked got no answer: the failure is printed above, as Python shows it.
    if (!answered) process.exitCode = EXIT_FAILURE;
    return;
  }

  // #region tour-os
  console.log('== Through the operating system (dns.lookup: /etc/hosts first) ==\n');
  await explore(
    'localhost',
    80,
    chosen,
    'one tuple per address and socket type; Python adds SOCK_RAW, Node has none',
  );
  await explore(
    'localhost',
    'http',
    chosen,
    "'http' is looked up in /etc/services, which lists it for TCP only",
  );
  await explore(
    null,
    8080,
    { ...chosen, flags: AI_PASSIVE },
    'no host + AI_PASSIVE: the wildcard addresses a server binds to',
  );
  await explore(null, 8080, chosen, 'no host, no AI_PASSIVE: the loopback addresses');
  await explore(
    'localhost',
    80,
    { ...chosen, family: 'AF_INET6' },
    'IPv6 only: /etc/hosts answers it only with a ::1 line for localhost; else glibc asks DNS',
  );
  await explore(
    'localhost',
    80,
    { ...chosen, family: 'AF_INET6', flags: AI_V4MAPPED },
    'AI_V4MAPPED: with no IPv6 address, the IPv4 ones written as IPv6 (::ffff:a.b.c.d)',
  );
  // #endregion tour-os

  // #region tour-dns
  await using dns = await listenDns({
    records: {
      'dual.test': { A: ['192.0.2.10', '192.0.2.11'], AAAA: ['2001:db8::10'] },
      'www.dual.test': { CNAME: 'dual.test' },
    },
  });
  const resolver = dns.resolver();
  console.log(`== Through DNS (a fake server on ${dns.server}: resolve4 + resolve6) ==\n`);
  await explore(
    'dual.test',
    443,
    { ...chosen, resolver, type: 'SOCK_STREAM' },
    'both families: AAAA answers first, then A',
  );
  await explore(
    'dual.test',
    443,
    { resolver, family: 'AF_INET', type: 'SOCK_STREAM' },
    'family=AF_INET keeps the IPv4 addresses',
  );
  await explore(
    'dual.test',
    443,
    { resolver, family: 'AF_INET6', type: 'SOCK_STREAM' },
    'family=AF_INET6 keeps the IPv6 address',
  );
  await explore(
    'www.dual.test',
    443,
    { resolver, family: 'AF_INET', type: 'SOCK_STREAM', flags: AI_CANONNAME },
    'AI_CANONNAME follows the CNAME: the first tuple names dual.test',
  );
  await explore('nope.dual.test', 443, { resolver }, 'a name the server does not know: NXDOMAIN');
  console.log(
    `The fake server was asked: ${dns.queries.map((q) => `${q.type} ${q.name}`).join(', ')}`,
  );
  // #endregion tour-dns
});
