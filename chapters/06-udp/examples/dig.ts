// Run: pnpm tsx chapters/06-udp/examples/dig.ts [name] [type] [@host:port]
//
// "Your own dig": a DNS question built with a wire-format library (dns-packet), sent in one UDP
// datagram, answered in one datagram. Without @host:port it starts chapter 1's fake DNS server
// (testbed's listenDns) with a few records and, without a name, asks it three questions.
import { defineCommand, UsageError } from '@netprog/cli';
import { listenDns } from '@netprog/testbed';
import { parseServer, runMain } from '../src/cli.ts';
import { DIG_TYPES, type DigType, dig, formatDig, hexDump } from '../src/dig.ts';

const command = defineCommand({
  name: 'dig.ts',
  positionals: [
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' }, // A, AAAA, ... (DIG_TYPES), in any case
    // As dig writes a server: anywhere on the line, @IP or @IP:port.
    { name: 'server', type: 'string', marker: '@', placeholder: '@host:port' },
  ],
});

/** What the local fake server knows. The addresses are documentation ranges (RFC 5737, 3849). */
const RECORDS = {
  'web.test': { A: ['192.0.2.7'], TXT: ['hello from the fake server'] },
  'www.web.test': { CNAME: 'web.test' },
  'dual.test': { A: ['192.0.2.10'], AAAA: ['2001:db8::10'] },
};

runMain(async () => {
  const { name, type: typeArg, server: at } = command.parse();
  const type = (typeArg ?? 'A').toUpperCase();
  if (!(DIG_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(
      `type must be one of ${DIG_TYPES.join(', ')}, got ${JSON.stringify(typeArg)}`,
    );
  }
  if (name !== undefined && !/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw new UsageError(
      `name must be a domain name such as web.test, got ${JSON.stringify(name)}`,
    );
  }

  await using fake = at === undefined ? await listenDns({ records: RECORDS }) : undefined;
  const server = at === undefined ? fake?.address : parseServer(at, 53);
  if (server === undefined) throw new Error('unreachable: no server');
  const questions: Array<[string, DigType]> =
    name === undefined
      ? [
          ['www.web.test', 'A'],
          ['dual.test', 'AAAA'],
          ['nope.test', 'A'],
        ]
      : [[name, type as DigType]];

  if (fake !== undefined)
    console.log(`fake DNS server (chapter 1's listenDns) on ${fake.server}\n`);

  for (const [i, [qname, qtype]] of questions.entries()) {
    // The first query to the fake server gets the ID 0x1234, only so that its bytes printed below
    // are the same in every run; every other query has a random ID, as a resolver's must.
    const show = i === 0 && fake !== undefined;
    const result = await dig(server, qname, qtype, {
      timeoutMs: 1_000,
      tries: 2,
      ...(show ? { id: 0x1234 } : {}),
    });
    if (show) {
      console.log(`; the query for ${qname} ${qtype}, as sent (ID 0x1234):`);
      console.log(hexDump(result.query));
      console.log('');
    }
    console.log(`; <<>> netprog dig <<>> ${qname} ${qtype} @${server[0]}:${server[1]}`);
    console.log(formatDig(result));
    console.log('');
  }
});
