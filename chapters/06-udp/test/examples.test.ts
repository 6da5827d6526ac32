// The notebook check behind the chapter's docs page: every example runs as a reader would run it,
// and its output must match the recording in outputs/. `pnpm docs:record` re-records. Linux only:
// the recordings, and what each example is expected to print, were measured there (the receive
// queue from /proc/net, the kernel's buffer sizes and drops, errno numbers).
import dgram from 'node:dgram';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { compareWithRecording, runExample } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { decode, encode } from 'dns-packet';
import { describe, expect, it } from 'vitest';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}.ts`, import.meta.url));
const recording = (name: string): URL => new URL(`../outputs/${name}.txt`, import.meta.url);

/**
 * Each example is a fresh Node process: 1-3 s on an idle machine, far more on a busy
 * 2-core one, so these tests get far more than the usual 5 s.
 */
const TIMEOUT_MS = 60_000;

/** Parts that change from run to run beyond what normaliseVolatile already masks. */
const normalisers: Record<string, (text: string) => string> = {
  // The three round-trip times: normaliseVolatile masks only the last one ("0.2 ms").
  pinger: (text) => text.replace(/rtt min\/avg\/max = \S+/g, 'rtt min/avg/max = <times>'),
  // Query IDs are random, as they must be.
  dig: (text) => text.replace(/\bid: \d+/g, 'id: <id>'),
  // The loopback MTU is this machine's setting (65536 on Linux by default), and the smallest
  // SO_RCVBUF is the kernel's (2304 bytes on 64-bit Linux 6.x).
  'datagram-size': (text) =>
    text
      .replace(/^loopback MTU: [^;]+;/m, 'loopback MTU: <mtu>;')
      .replace(/^SO_RCVBUF \d+ bytes/m, 'SO_RCVBUF <minimum> bytes'),
};

const examples: Array<{ name: string; expectInOutput: RegExp[] }> = [
  {
    name: 'udp-echo',
    expectInOutput: [
      /client: sent 5 bytes, got "hello" from 127\.0\.0\.1:\d+/,
      /laddr=\('0\.0\.0\.0', [1-9]\d*\)>/,
    ],
  },
  {
    name: 'boundaries',
    expectInOutput: [
      /holds 11 unread bytes/,
      /recv\(1024\) #1 -> b'onetwothree' \(11 bytes\)/,
      /recvfrom\(1024\) #1 -> b'one'/,
      /recvfrom\(1024\) #3 -> b'three'/,
    ],
  },
  {
    name: 'datagram-size',
    expectInOutput: [
      /sendto\(65507 bytes\) -> sent 65507; recvfrom\(65536\) got all 65507/,
      /sendto\(65508 bytes\) -> EMSGSIZE/,
      /truncated=true, size=100/,
      /'message' event got all 65507 bytes/,
      /three 20000-byte datagrams sent at once: 1 arrived, 2 dropped by the kernel/,
    ],
  },
  {
    name: 'connected-udp',
    expectInOutput: [
      /recv\(1024\) -> ECONNREFUSED/,
      /'error': ECONNREFUSED \(syscall recvmsg\)/,
      /never reported/,
    ],
  },
  {
    name: 'pinger',
    // Seed 42 drops arrivals 2, 7 and 10 of the first ten: exactly 30%, every run.
    expectInOutput: [
      /drop #2, #7, #10/,
      /Request timed out \(seq=2\)\n(?:.*\n){4}Request timed out \(seq=7\)/,
      /10 packets transmitted, 7 received, 30% packet loss/,
      /received 10, dropped 3, echoed 7/,
    ],
  },
  {
    name: 'dig',
    expectInOutput: [
      /www\.web\.test\.\s+60\s+IN {2}CNAME\s+web\.test\./,
      /status: NXDOMAIN/,
      // The query printed "as sent (ID 0x1234)" is the one sent: its answer carries that ID.
      /as sent \(ID 0x1234\):\n12 34 01 00 00 01[\s\S]*?; <<>> netprog dig <<>> www\.web\.test A [^\n]*\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660\n/,
    ],
  },
];

const recordings = linuxOnly(
  'the recordings were made on Linux: its receive queues, buffer sizes and errno numbers',
);

recordings.describe('examples (recorded outputs)', () => {
  for (const { name, expectInOutput } of examples) {
    it(`${name}.ts runs and prints what outputs/${name}.txt shows`, {
      timeout: TIMEOUT_MS,
    }, async () => {
      const run = await runExample(example(name), [], { timeoutMs: TIMEOUT_MS - 5_000 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const pattern of expectInOutput) expect(run.stdout).toMatch(pattern);
      const normalise = normalisers[name];
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording(name),
        normalise ? { normalise } : {},
      );
      expect(actual).toBe(recorded);
    });
  }
});

// Run as macOS would run it (runExample fakes process.platform): the TCP half needs /proc/net to
// wait for all three messages, so it is left out, saying so; the UDP half runs.
describe('boundaries.ts off Linux', () => {
  it('leaves out the TCP half in one line and shows the datagrams', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const run = await runExample(example('boundaries'), [], {
      timeoutMs: TIMEOUT_MS - 5_000,
      platform: 'darwin',
    });
    expect([run.stderr, run.code]).toEqual(['', 0]);
    expect(run.stdout).toContain(
      'the TCP half needs Linux (it waits on the receive queue, read from /proc/net/tcp); skipped on darwin\n',
    );
    expect(run.stdout).not.toContain('Recv-Q');
    expect(run.stdout).toMatch(/recvfrom\(1024\) #3 -> b'three'/);
  });
});

describe('examples given bad input', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'pinger',
      ['5', '--loss', '2'],
      /^--loss must be a fraction from 0 to 1 or a percentage such as 30%, got "2"\n$/,
    ],
    ['dig', ['web.test', 'BOGUS'], /^type must be one of A, AAAA, .*got "BOGUS"\n$/],
    ['dig', ['web.test', '@dns.google'], /^server must be written @IP or @IP:port/],
    // Checked before sending: such a query is never answered, so it used to end in a timeout.
    ['dig', ['a..b'], /^name "a\.\.b" has an empty label/],
    ['dig', [`${'x'.repeat(64)}.test`], /is 64 octets; a DNS label has at most 63/],
  ];
  for (const [name, args, message] of cases) {
    it.concurrent(`${name}.ts ${args.join(' ')}: one line on stderr, exit code 2`, {
      timeout: TIMEOUT_MS,
    }, async () => {
      const run = await runExample(example(name), args, { timeoutMs: TIMEOUT_MS - 5_000 });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('dig.ts given a reply cut short', () => {
  it('says so in one line on stderr and exits with code 1', { timeout: TIMEOUT_MS }, async () => {
    // A server that answers every query with its answer minus the last 3 bytes.
    const server = dgram.createSocket('udp4');
    server.on('message', (message, from) => {
      const query = decode(message);
      const answer = encode({
        type: 'response',
        id: query.id ?? 0,
        flags: 0x8180,
        questions: query.questions ?? [],
        answers: [{ type: 'A', name: 'web.test', ttl: 1, data: '127.0.0.1' }],
      });
      server.send(answer.subarray(0, -3), from.port, from.address);
    });
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const run = await runExample(
        example('dig'),
        ['web.test', `@127.0.0.1:${server.address().port}`],
        { timeoutMs: TIMEOUT_MS - 5_000 },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^the reply \(47 bytes\) is not a valid DNS message: cut short/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).not.toContain('undefined');
    } finally {
      server.close();
    }
  });
});
