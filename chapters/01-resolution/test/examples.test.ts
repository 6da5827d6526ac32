// The notebook check behind the chapter's docs page: every example runs as a reader would run it,
// and its output must match the recording in outputs/ (see mask-system-answers.ts for the parts
// that depend on this machine). `pnpm docs:record` re-records.
import { fileURLToPath } from 'node:url';
import { getaddrinfo } from '@netprog/socket-core';
import { compareWithRecording, runExample } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { systemLookupRefusal } from '@netprog/testbed/loopback-guard';
import { describe, expect, it } from 'vitest';
import { callLines, notAsked } from '../src/print-call.ts';
import { formatAddrinfo, formatFailure } from '../src/python-repr.ts';
import { maskLookupLines, maskSystemAnswers } from './mask-system-answers.ts';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}.ts`, import.meta.url));
const recording = (name: string): URL => new URL(`../outputs/${name}.txt`, import.meta.url);

/**
 * Each example is a fresh Node process (1-3 s on an idle machine; far more on a busy
 * 2-core one) plus a fake DNS server, so these tests get far more than the usual 5 s.
 */
const TIMEOUT_MS = 30_000;

const examples: Array<{
  name: string;
  normalise?: (text: string) => string;
  expectInOutput: string[];
}> = [
  {
    name: 'socket-methods',
    normalise: maskSystemAnswers,
    expectInOutput: ["gethostbyaddr('127.0.0.1')", 'getfqdn()', 'Node: os.hostname()'],
  },
  {
    name: 'getaddrinfo',
    normalise: maskSystemAnswers,
    expectInOutput: [
      "(<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('2001:db8::10', 443))",
      "6, 'dual.test', ('192.0.2.10', 443))",
    ],
  },
  {
    name: 'reverse-lookup',
    normalise: maskSystemAnswers,
    expectInOutput: [
      "('web.test', ['www.web.test'], ['192.0.2.7'])",
      'asked: PTR 7.2.0.192.in-addr.arpa',
    ],
  },
  {
    name: 'hijack-demo',
    expectInOutput: ["-> '203.0.113.7'", 'GaiError ENOTFOUND', '203.0.113.7  <- a lie'],
  },
  {
    name: 'two-paths',
    normalise: maskLookupLines,
    expectInOutput: [
      'resolve6 + resolve4  fails: ENOTFOUND',
      'resolve6 + resolve4  2001:db8::7, 192.0.2.7',
    ],
  },
];

// What the examples print (and Python would) carries the platform's numbers: compared only where
// they were recorded, and skipped elsewhere, saying so.
const recordings = linuxOnly(
  "the recordings were made on Linux: glibc's EAI numbers, AF_INET6 = 10",
);

recordings.describe('examples (recorded outputs)', () => {
  for (const { name, normalise, expectInOutput } of examples) {
    it(`${name}.ts runs and prints what outputs/${name}.txt shows`, {
      timeout: TIMEOUT_MS,
    }, async () => {
      // The examples ask the operating system only what /etc/hosts answers here, and print
      // `not asked: <why>` for the rest; both are masked as this machine's answers
      // (mask-system-answers.ts). A guard refusal would be a bug, and is not masked.
      const run = await runExample(example(name), [], { timeoutMs: TIMEOUT_MS - 2_000 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const text of expectInOutput) expect(run.stdout).toContain(text);
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording(name),
        normalise ? { normalise } : {},
      );
      expect(actual).toBe(recorded);
    });
  }
});

describe('the getaddrinfo explorer given a host', () => {
  it('getaddrinfo.ts localhost 80 --family 6 answers from /etc/hosts, or says why it does not ask', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const run = await runExample(example('getaddrinfo'), ['localhost', '80', '--family', '6'], {
      timeoutMs: TIMEOUT_MS - 2_000,
    });
    expect(run.stderr).toBe('');
    // Without a ::1 line in /etc/hosts (the recording machine) the question would go on to DNS,
    // so the example does not ask it; with one, the answer is this machine's, which
    // os-agreement.test.ts compares with Python's.
    const refusal = systemLookupRefusal('localhost', 6);
    const answer =
      refusal !== undefined
        ? notAsked(refusal)
        : await getaddrinfo('localhost', 80, { family: 'AF_INET6' }).then(
            (infos) => infos.map((info) => formatAddrinfo(info)),
            (error: unknown) => `fails: ${formatFailure(error)}`,
          );
    // The one question asked: answered, exit 0; failed (printed as Python shows it), exit 1. A
    // question not asked is no failure: exit 0.
    expect(run.code).toBe(refusal === undefined && typeof answer === 'string' ? 1 : 0);
    const expected = callLines(
      "getaddrinfo('localhost', 80, family=AF_INET6)",
      answer,
      'Node: dns.lookup(host, { all: true }), the operating system',
    );
    expect(run.stdout).toBe(
      ['== Through the operating system (dns.lookup) ==', '', ...expected, '', ''].join('\n'),
    );
  });
});
