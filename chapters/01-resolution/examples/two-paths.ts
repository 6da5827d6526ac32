// Run: pnpm tsx chapters/01-resolution/examples/two-paths.ts
//
// Node's two resolvers, asked the same questions. dns.lookup goes through the operating system
// (getaddrinfo: /etc/hosts, then whatever /etc/nsswitch.conf lists, on libuv's thread pool);
// resolver.resolve4/resolve6 send DNS queries to the resolver's servers and read nothing else.
// The DNS server here is a fake one on 127.0.0.1 that knows web.test and, like real DNS servers,
// nothing about localhost, which only /etc/hosts knows.
import { defineCommand, runMain } from '@netprog/cli';
import { listenDns } from '@netprog/testbed';
import { systemLookupRefusal } from '@netprog/testbed/loopback-guard';
import { bothPaths, describeAnswer } from '../src/two-paths.ts';

const command = defineCommand({ name: 'two-paths.ts' }); // no arguments: it asks its own questions

runMain(async () => {
  command.parse();
  await using dns = await listenDns({
    records: { 'web.test': { A: ['192.0.2.7'], AAAA: ['2001:db8::7'] } },
  });
  const resolver = dns.resolver();
  console.log(`dns.lookup: the operating system. resolve4/resolve6: DNS server ${dns.server}.\n`);
  // dns.lookup is only asked what /etc/hosts answers (localhost, on every machine we know of):
  // for any other name the operating system would ask this machine's real DNS servers.
  const answers = await bothPaths('localhost', resolver, systemLookupRefusal('localhost'));
  console.log('localhost');
  console.log(`  dns.lookup           ${describeAnswer(answers.system)}`);
  console.log(`  resolve6 + resolve4  ${describeAnswer(answers.dns)}`);
  console.log(`  ${answers.agree ? 'same answer' : 'DIFFERENT answers'}\n`);
  // web.test is in no /etc/hosts: the operating system would ask this machine's DNS servers.
  const webTest = await bothPaths('web.test', resolver, systemLookupRefusal('web.test'));
  console.log('web.test');
  console.log(`  dns.lookup           ${describeAnswer(webTest.system)}`);
  console.log(`  resolve6 + resolve4  ${describeAnswer(webTest.dns)}`);
});
