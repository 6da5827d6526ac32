// Run: pnpm tsx chapters/01-resolution/examples/reverse-lookup.ts [address]
//
// Reverse resolution: from an address back to a name, with gethostbyaddr. Given an address it
// asks the operating system (getnameinfo: /etc/hosts, then a PTR query if nsswitch.conf says so),
// but only when /etc/hosts has a line for it: a PTR query would leave the machine.
// With none it looks up 127.0.0.1 through the operating system, then several addresses through a
// fake DNS server that this example starts on 127.0.0.1, showing the PTR question each one becomes.
import { isIP } from 'node:net';
import { defineCommand, EXIT_FAILURE, runMain, UsageError } from '@netprog/cli';
import { gethostbyaddr } from '@netprog/socket-core';
import { listenDns } from '@netprog/testbed';
import { systemReverseLookupRefusal } from '@netprog/testbed/loopback-guard';
import { printCall, printLocalCall } from '../src/print-call.ts';
import { formatHostEntry, pyStr } from '../src/python-repr.ts';

const command = defineCommand({
  name: 'reverse-lookup.ts',
  positionals: [{ name: 'address', type: 'string' }],
});

runMain(async () => {
  const { address } = command.parse();
  if (address !== undefined) {
    if (isIP(address) === 0) {
      throw new UsageError(
        `give an IP address such as 127.0.0.1 (or none, for a tour on a local fake DNS server), got ${JSON.stringify(address)}`,
      );
    }
    const refusal = systemReverseLookupRefusal(address);
    const entry = await printLocalCall(
      `gethostbyaddr(${pyStr(address)})`,
      refusal,
      () => gethostbyaddr(address),
      formatHostEntry,
      `Node: dns.lookupService(${pyStr(address)}, 0)`,
    );
    // No name: the failure is printed. A question not asked is no failure: its reason is printed.
    if (entry === undefined && refusal === undefined) process.exitCode = EXIT_FAILURE;
    return;
  }

  // #region tour
  console.log('== Through the operating system (getnameinfo: /etc/hosts first) ==\n');
  await printLocalCall(
    "gethostbyaddr('127.0.0.1')",
    systemReverseLookupRefusal('127.0.0.1'),
    () => gethostbyaddr('127.0.0.1'),
    formatHostEntry,
    "Node: dns.lookupService('127.0.0.1', 0)",
  );

  await using dns = await listenDns({
    records: {
      '192.0.2.7': { PTR: ['web.test', 'www.web.test'] },
      '192.0.2.8': { PTR: ['printer'] },
      '2001:db8::7': { PTR: ['web.test'] },
    },
  });
  const resolver = dns.resolver();
  console.log(`\n== Through DNS (PTR queries to a fake server on ${dns.server}) ==`);
  for (const address of ['192.0.2.7', '192.0.2.8', '2001:db8::7', '192.0.2.99']) {
    console.log();
    const asked = dns.queries.length;
    await printCall(
      `gethostbyaddr(${pyStr(address)})`,
      () => gethostbyaddr(address, { resolver }),
      formatHostEntry,
      `Node: resolver.reverse(${pyStr(address)})`,
    );
    for (const query of dns.queries.slice(asked))
      console.log(`  asked: ${query.type} ${query.name}`);
  }
  // #endregion tour
});
