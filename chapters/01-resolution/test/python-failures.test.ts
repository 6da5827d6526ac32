// What Python raises when a lookup fails, as the examples print it ("Python: ..."), checked
// against Python itself. A name that does not exist needs a DNS server that says NXDOMAIN, so
// Python asks testbed's fake DNS server, through the C library's real resolver, inside a private
// network namespace (fake-dns-sandbox.ts): nothing can leave the machine.
import { getaddrinfo, gethostbyaddr, gethostbyname } from '@netprog/socket-core';
import { listenDns } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import {
  fakeDnsSandboxUnavailable,
  pythonUnavailable,
  runPythonWithFakeDns,
  skipWhenMissing,
} from '@netprog/testbed/tools';
import { describe, expect } from 'vitest';
import { formatFailure } from '../src/python-repr.ts';

/** The zone of reverse-lookup.ts and hijack-demo.ts's honest resolver, merged. */
const ZONE = {
  'web.test': { A: ['192.0.2.7'] },
  '192.0.2.7': { PTR: ['web.test', 'www.web.test'] },
};

/** The failing calls the examples print, as socket-core makes them and as Python writes them. */
const FAILURES: Array<{
  python: string;
  ours: (resolver: Awaited<ReturnType<typeof listenDns>>['resolver']) => Promise<unknown>;
}> = [
  {
    python: "socket.gethostbyaddr('192.0.2.99')",
    ours: (resolver) => gethostbyaddr('192.0.2.99', { resolver: resolver() }),
  },
  {
    python: "socket.gethostbyaddr('nope.test')",
    ours: (resolver) => gethostbyaddr('nope.test', { resolver: resolver() }),
  },
  {
    python: "socket.gethostbyname('madeupnameblag')",
    ours: (resolver) => gethostbyname('madeupnameblag', { resolver: resolver() }),
  },
  {
    python: "socket.getaddrinfo('nope.dual.test', 443)",
    ours: (resolver) => getaddrinfo('nope.dual.test', 443, { resolver: resolver() }),
  },
];

// The sandbox is a private network namespace (unshare, ip): Linux's. Where python3 or unshare
// is only missing on Linux, skipWhenMissing says so.
const linux = linuxOnly('Python asks the fake DNS server from a private network namespace');

describe('what Python raises for a failed lookup, per call', () => {
  linux.it('is what the examples print after "Python:"', { timeout: 90_000 }, async (context) => {
    const missing = (await pythonUnavailable()) ?? (await fakeDnsSandboxUnavailable());
    if (skipWhenMissing(context, missing)) return;
    const script = [
      'import socket',
      ...FAILURES.flatMap(({ python }) => [
        'try:',
        `    print('no error:', ${python})`,
        'except OSError as e:',
        "    print('socket.%s [Errno %s] %s' % (type(e).__name__, e.errno, e.strerror))",
      ]),
    ].join('\n');
    const printed = (await runPythonWithFakeDns(script, ZONE)).trim().split('\n');

    await using dns = await listenDns({ records: ZONE });
    const ours: string[] = [];
    for (const { ours: call } of FAILURES) {
      const error = await call(dns.resolver.bind(dns)).then(
        () => new Error('no error'),
        (failure: unknown) => failure,
      );
      ours.push(formatFailure(error).replace(/^.*; Python: /, ''));
    }
    expect(ours).toEqual(printed);
    // The one that tells them apart: a reverse lookup fails with herror, not gaierror.
    expect(printed[0]).toBe('socket.herror [Errno 1] Unknown host');
  });

  linux.it(
    'names only the first PTR record: glibc reports no aliases for a reverse lookup',
    {
      timeout: 60_000,
    },
    async (context) => {
      const missing = (await pythonUnavailable()) ?? (await fakeDnsSandboxUnavailable());
      if (skipWhenMissing(context, missing)) return;
      const printed = await runPythonWithFakeDns(
        "import socket\nprint(socket.gethostbyaddr('192.0.2.7'))",
        ZONE,
      );
      // reverse-lookup.ts's DNS path lists the second PTR name as an alias; the chapter says
      // Python on Linux does not (glibc's resolver keeps the first name only).
      expect(printed.trim()).toBe("('web.test', [], ['192.0.2.7'])");
    },
  );
});
