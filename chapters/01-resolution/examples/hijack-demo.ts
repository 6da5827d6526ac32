// Run: pnpm tsx chapters/01-resolution/examples/hijack-demo.ts [name]
//
// The notes' story of the ISP whose DNS servers answered every unknown name with the address of
// their own search-and-ads server, replayed on loopback: two fake DNS servers on 127.0.0.1, an
// honest one (unknown names get NXDOMAIN) and a hijacking one (unknown names get 203.0.113.7, a
// documentation address standing in for the notes' 92.242.140.21). Both know the name web.test.
import { defineCommand, runMain } from '@netprog/cli';
import { getaddrinfo, gethostbyname } from '@netprog/socket-core';
import { listenDns } from '@netprog/testbed';
import { printCall } from '../src/print-call.ts';
import { pyStr } from '../src/python-repr.ts';

/** The address the lying server gives every unknown name (TEST-NET-3, RFC 5737: never routed). */
const ISP_ADS_SERVER = '203.0.113.7';

const command = defineCommand({
  name: 'hijack-demo.ts',
  positionals: [{ name: 'name', type: 'string' }], // a made-up name (default: madeupnameblag)
});

runMain(async () => {
  const { name: madeUp = 'madeupnameblag' } = command.parse();
  // #region two-resolvers
  const records = { 'web.test': { A: ['192.0.2.7'] } };
  await using honest = await listenDns({ records });
  await using isp = await listenDns({ records, hijack: ISP_ADS_SERVER });
  const resolvers = [
    { label: `an honest resolver (${honest.server})`, resolver: honest.resolver() },
    { label: `a hijacking resolver (${isp.server})`, resolver: isp.resolver() },
  ];

  for (const { label, resolver } of resolvers) {
    console.log(`== ${label} ==\n`);
    await printCall(
      "gethostbyname('web.test')",
      () => gethostbyname('web.test', { resolver }),
      pyStr,
      'a name that exists',
    );
    console.log();
    await printCall(
      `gethostbyname(${pyStr(madeUp)})`,
      () => gethostbyname(madeUp, { resolver }),
      pyStr,
      'a name that does not exist',
    );
    console.log();
    await printCall(
      `getaddrinfo(${pyStr(madeUp)}, 80, type=SOCK_STREAM)`,
      () => getaddrinfo(madeUp, 80, { resolver, type: 'SOCK_STREAM' }),
      (infos) =>
        infos.map(
          ([family, , , , [host, port]]) =>
            `${family} ${host} port ${port}: a connect() would go there`,
        ),
    );
    console.log();
  }

  console.log('Spotting the lie: a name under .invalid can never exist (RFC 6761), so any address');
  console.log('for one is invented. Ask both resolvers about one:\n');
  const probe = 'no-such-host-check.invalid';
  for (const { label, resolver } of resolvers) {
    await printCall(
      `${label}: resolve4(${pyStr(probe)})`,
      () => resolver.resolve4(probe),
      (list) => `${list.join(', ')}  <- a lie`,
    );
  }
  // #endregion two-resolvers
});
