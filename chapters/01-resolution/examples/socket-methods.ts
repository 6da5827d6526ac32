// Run: pnpm tsx chapters/01-resolution/examples/socket-methods.ts [name]
//
// Every resolution call of Python's socket module, as socket-core answers them, for 'localhost'
// and for this machine's own name (or the name you give), with the plain Node call behind each:
// the TypeScript twin of the notes' socket_methods.py. Everything goes through the operating
// system's resolver, and only what /etc/hosts answers is asked: a question it cannot answer
// (this machine's name, where /etc/hosts lacks it) would go to a DNS server, so it is not asked,
// and one line says why.
import { isIP } from 'node:net';
import { defineCommand, EXIT_FAILURE, runMain } from '@netprog/cli';
import {
  getaddrinfo,
  getfqdn,
  gethostbyaddr,
  gethostbyname,
  gethostbyname_ex,
  gethostname,
} from '@netprog/socket-core';
import { systemLookupRefusal, systemReverseLookupRefusal } from '@netprog/testbed/loopback-guard';
import { printCall, printLocalCall } from '../src/print-call.ts';
import { formatAddrinfo, formatHostEntry, pyStr } from '../src/python-repr.ts';

const command = defineCommand({
  name: 'socket-methods.ts',
  positionals: [{ name: 'name', type: 'string' }], // default: localhost, then this machine
});

// #region resolve-name
/**
 * The four forward and reverse calls for one name. gethostbyname(_ex) ask for IPv4, the others
 * for either family; the reverse half of gethostbyaddr looks up an address /etc/hosts gave, so
 * /etc/hosts has a line for it too. False if the name was asked about and did not resolve.
 */
async function resolveName(name: string): Promise<boolean> {
  const n = pyStr(name);
  const v4 = systemLookupRefusal(name, 4);
  const any = systemLookupRefusal(name, 0);
  // Given an address, gethostbyaddr's only lookup is the reverse one.
  const reverse = isIP(name) === 0 ? any : systemReverseLookupRefusal(name);
  const address = await printLocalCall(
    `gethostbyname(${n})`,
    v4,
    () => gethostbyname(name),
    pyStr,
    `Node: dns.lookup(${n}, { family: 4 })`,
  );
  console.log();
  await printLocalCall(
    `gethostbyname_ex(${n})`,
    v4,
    () => gethostbyname_ex(name),
    formatHostEntry,
    `Node: dns.lookup(${n}, { family: 4, all: true }); no aliases: lookup returns none`,
  );
  console.log();
  await printLocalCall(
    `gethostbyaddr(${n})`,
    reverse,
    () => gethostbyaddr(name),
    formatHostEntry,
    `Node: dns.lookup(${n}), then dns.lookupService(address, 0), i.e. getnameinfo`,
  );
  console.log();
  await printLocalCall(
    `getaddrinfo(${n}, 80)`,
    any,
    () => getaddrinfo(name, 80),
    (infos) => infos.map((info) => formatAddrinfo(info)),
    `Node: dns.lookup(${n}, { all: true }), times SOCK_STREAM/6 and SOCK_DGRAM/17`,
  );
  console.log();
  // A question not asked is no failure: the line printed says why.
  return address !== undefined || v4 !== undefined;
}
// #endregion resolve-name

runMain(async () => {
  const given = command.parse().name;
  const name = given ?? 'localhost';
  console.log(`== ${name} and 127.0.0.1 ==\n`);
  const resolved = await resolveName(name);
  const loopback = systemReverseLookupRefusal('127.0.0.1');
  await printLocalCall(
    "gethostbyaddr('127.0.0.1')",
    loopback,
    () => gethostbyaddr('127.0.0.1'),
    formatHostEntry,
    "Node: dns.lookupService('127.0.0.1', 0), i.e. getnameinfo",
  );
  console.log();
  await printLocalCall(
    "getfqdn('127.0.0.1')",
    loopback,
    () => getfqdn('127.0.0.1'),
    pyStr,
    'Node: no such call; built from gethostbyaddr',
  );
  if (given !== undefined) {
    if (!resolved) process.exitCode = EXIT_FAILURE; // the name asked about has no address
    return;
  }

  // This machine's own name comes last: its answers differ from machine to machine.
  console.log("\n== this machine's name ==\n");
  await printCall('gethostname()', () => gethostname(), pyStr, 'Node: os.hostname()');
  console.log();
  await printLocalCall(
    'getfqdn()',
    systemLookupRefusal(gethostname(), 0),
    () => getfqdn(),
    pyStr,
    'Node: no such call; gethostbyaddr(gethostname()), then the first name with a dot',
  );
  console.log();
  await resolveName(gethostname());
});
