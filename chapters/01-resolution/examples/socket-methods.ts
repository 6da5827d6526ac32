// Run: pnpm tsx chapters/01-resolution/examples/socket-methods.ts [name]
//
// Every resolution call of Python's socket module, as socket-core answers them, for 'localhost'
// and for this machine's own name (or the name you give), with the plain Node call behind each:
// the TypeScript twin of the notes' socket_methods.py. Everything goes through the operating
// system's resolver, so the answers come from /etc/hosts for these names; no DNS server is asked
// unless your /etc/hosts lacks this machine's name.
import {
  getaddrinfo,
  getfqdn,
  gethostbyaddr,
  gethostbyname,
  gethostbyname_ex,
  gethostname,
} from '@netprog/socket-core';
import { runMain, UsageError } from '../src/cli.ts';
import { printCall } from '../src/print-call.ts';
import { formatAddrinfo, formatHostEntry, pyStr } from '../src/python-repr.ts';

// #region resolve-name
/** The four forward and reverse calls for one name. */
async function resolveName(name: string): Promise<void> {
  const n = pyStr(name);
  await printCall(
    `gethostbyname(${n})`,
    () => gethostbyname(name),
    pyStr,
    `Node: dns.lookup(${n}, { family: 4 })`,
  );
  console.log();
  await printCall(
    `gethostbyname_ex(${n})`,
    () => gethostbyname_ex(name),
    formatHostEntry,
    `Node: dns.lookup(${n}, { family: 4, all: true }); no aliases: lookup returns none`,
  );
  console.log();
  await printCall(
    `gethostbyaddr(${n})`,
    () => gethostbyaddr(name),
    formatHostEntry,
    `Node: dns.lookup(${n}), then dns.lookupService(address, 0), i.e. getnameinfo`,
  );
  console.log();
  await printCall(
    `getaddrinfo(${n}, 80)`,
    () => getaddrinfo(name, 80),
    (infos) => infos.map((info) => formatAddrinfo(info)),
    `Node: dns.lookup(${n}, { all: true }), times SOCK_STREAM/6 and SOCK_DGRAM/17`,
  );
  console.log();
}
// #endregion resolve-name

runMain(async () => {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0]?.startsWith('-')) {
    throw new UsageError(
      'give at most one host name, e.g. localhost (default: localhost and this machine)',
    );
  }
  const name = args[0] ?? 'localhost';
  console.log(`== ${name} and 127.0.0.1 ==\n`);
  await resolveName(name);
  await printCall(
    "gethostbyaddr('127.0.0.1')",
    () => gethostbyaddr('127.0.0.1'),
    formatHostEntry,
    "Node: dns.lookupService('127.0.0.1', 0), i.e. getnameinfo",
  );
  console.log();
  await printCall(
    "getfqdn('127.0.0.1')",
    () => getfqdn('127.0.0.1'),
    pyStr,
    'Node: no such call; built from gethostbyaddr',
  );
  if (args[0] !== undefined) return;

  // This machine's own name comes last: its answers differ from machine to machine.
  console.log("\n== this machine's name ==\n");
  await printCall('gethostname()', () => gethostname(), pyStr, 'Node: os.hostname()');
  console.log();
  await printCall(
    'getfqdn()',
    () => getfqdn(),
    pyStr,
    'Node: no such call; gethostbyaddr(gethostname()), then the first name with a dot',
  );
  console.log();
  await resolveName(gethostname());
});
