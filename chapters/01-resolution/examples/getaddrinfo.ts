// Run: pnpm tsx chapters/01-resolution/examples/getaddrinfo.ts [host [port]] [--family 4|6] [--type tcp|udp] [--passive]
//
// A getaddrinfo explorer. Given a host it asks the operating system, exactly as Python's
// socket.getaddrinfo would, and prints the 5-tuples. With no host it tours the options: localhost
// through the operating system, then a dual-stack name (IPv4 AND IPv6 addresses) served by a fake
// DNS server that this example starts on 127.0.0.1, so nothing leaves the machine.
import {
  AI_CANONNAME,
  AI_PASSIVE,
  AI_V4MAPPED,
  type GetaddrinfoOptions,
  getaddrinfo,
} from '@netprog/socket-core';
import { listenDns } from '@netprog/testbed';
import { parseArgs, parsePort, runMain, UsageError } from '../src/cli.ts';
import { printCall } from '../src/print-call.ts';
import { formatAddrinfo, pyStr } from '../src/python-repr.ts';

/** The flags this explorer uses, by name, for printing a call as Python would write it. */
const FLAG_NAMES: ReadonlyArray<[number, string]> = [
  [AI_PASSIVE, 'AI_PASSIVE'],
  [AI_CANONNAME, 'AI_CANONNAME'],
  [AI_V4MAPPED, 'AI_V4MAPPED'],
];

/** Prints one getaddrinfo call in Python's spelling, with its results. */
async function explore(
  host: string | null,
  port: number | string | null,
  options: GetaddrinfoOptions,
  note?: string,
): Promise<void> {
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
  await printCall(
    `getaddrinfo(${args.join(', ')})`,
    () => getaddrinfo(host, port, options),
    (infos) => infos.map((info) => formatAddrinfo(info)),
    note,
  );
  console.log();
}

function optionsFrom(options: Record<string, string | true>): GetaddrinfoOptions {
  const result: GetaddrinfoOptions = {};
  const family = options.family;
  if (family !== undefined) {
    if (family !== '4' && family !== '6')
      throw new UsageError(`--family must be 4 or 6, got ${JSON.stringify(family)}`);
    result.family = family === '6' ? 'AF_INET6' : 'AF_INET';
  }
  const type = options.type;
  if (type !== undefined) {
    if (type !== 'tcp' && type !== 'udp')
      throw new UsageError(`--type must be tcp or udp, got ${JSON.stringify(type)}`);
    result.type = type === 'tcp' ? 'SOCK_STREAM' : 'SOCK_DGRAM';
  }
  if (options.passive === true) result.flags = AI_PASSIVE;
  return result;
}

runMain(async () => {
  const { positional, options } = parseArgs(process.argv.slice(2), {
    family: 'value',
    type: 'value',
    passive: 'flag',
  });
  if (positional.length > 2)
    throw new UsageError('give at most a host and a port, e.g. localhost 80');
  const chosen = optionsFrom(options);
  const [host, port] = positional;
  if (host !== undefined) {
    console.log('== Through the operating system (dns.lookup) ==\n');
    await explore(
      host,
      port === undefined ? null : parsePort(port),
      chosen,
      'Node: dns.lookup(host, { all: true }), the operating system',
    );
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
    'IPv6 only: an answer only if /etc/hosts gives localhost an IPv6 address (::1)',
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
