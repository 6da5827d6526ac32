// Every example runs as a reader would run it (a fresh Node process, its TypeScript loaded by @netprog/run-ts), and its output must
// match the recording the chapter text shows (outputs/*.txt; `pnpm docs:record` re-records).
import { fileURLToPath } from 'node:url';
import { compareWithRecording, type ExampleRun, runExample } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { formatPortSpec } from '../src/port-spec.ts';
import { portsOffLimits } from './helpers/listening-ports.ts';

const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const recording = (name: string) => new URL(`../outputs/${name}.txt`, import.meta.url);
// A fresh Node start is slow on a busy machine; the examples themselves take about a second.
const RUN = { timeoutMs: 60_000 };
const TEST_TIMEOUT = 90_000;

// Compared only where they were recorded; elsewhere skipped, saying so.
const recordings = linuxOnly(
  'the recordings were made on Linux: its errno numbers, /proc and ss lines',
);
function expectClean(run: ExampleRun): void {
  expect(run.stderr, 'the example wrote to stderr').toBe('');
  expect(run.code, `exit code (stderr: ${run.stderr})`).toBe(0);
}

recordings.describe('examples run and print what the chapter shows', () => {
  it(
    'client-lifecycle.ts',
    async () => {
      const run = await runExample(example('client-lifecycle.ts'), [], RUN);
      expectClean(run);
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording('client-lifecycle'),
      );
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it(
    'connect-vs-connect-ex.ts',
    async () => {
      const run = await runExample(example('connect-vs-connect-ex.ts'), [], RUN);
      expectClean(run);
      expect(run.stdout).toContain('returns 0');
      expect(run.stdout).toMatch(/returns \d+ \(ECONNREFUSED\)/);
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording('connect-vs-connect-ex'),
      );
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it(
    'http-get.ts',
    async () => {
      const run = await runExample(example('http-get.ts'), [], RUN);
      expectClean(run);
      for (const framing of ['content-length', 'chunked', 'until-close']) {
        expect(run.stdout).toContain(`body: 900 bytes, framed by ${framing}`);
      }
      const { actual, recorded } = await compareWithRecording(run.stdout, recording('http-get'));
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it(
    'port-scan.ts (all 65535 ports of 127.0.0.1, with its own three listeners)',
    async () => {
      // Listeners that are not the example's (this machine's own services) are left alone, and
      // so is port 53, which the loopback guard keeps every test away from.
      const args = ['--exclude-ports', formatPortSpec(await portsOffLimits())];
      const run = await runExample(example('port-scan.ts'), args, RUN);
      expectClean(run);
      expect(run.stdout.match(/open {2}\(one of ours\)/g)).toHaveLength(3);
      const { actual, recorded } = await compareWithRecording(run.stdout, recording('port-scan'), {
        // What differs between machines: which ports were excluded, and listeners other programs
        // opened during the scan. The example's own three ports must be there every time.
        normalise: (text) =>
          text
            .replace(
              /^scanning (\S+): \d+ ports \(1-65535[^)]*\)/m,
              'scanning $1: <n> ports (1-65535<excluded>)',
            )
            .replace(/^\S+ open\n/gm, '') // after normaliseVolatile: '127.0.0.1:<port> open'
            // Another suite's listener with a full accept queue (a blackhole) answers no SYN.
            .replace(/^filtered: [\d, ]+\n/gm, '')
            .replace(/^\d+ open, \d+ closed, \d+ filtered/m, '<n> open, <n> closed, <n> filtered')
            .replace(/^\d+ open, \d+ closed/m, '<n> open, <n> closed')
            .replace(/\(\d+ threads?, /, '(<n> threads, '),
      });
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );
});

// Run as macOS would run it (runExample fakes process.platform): the one Linux-only target is
// left out, saying so, and the rest is compared as everywhere.
describe('connect-vs-connect-ex.ts off Linux', () => {
  it('leaves out the silent port in one line', { timeout: TEST_TIMEOUT }, async () => {
    const run = await runExample(example('connect-vs-connect-ex.ts'), [], {
      ...RUN,
      platform: 'darwin',
    });
    expectClean(run);
    expect(run.stdout).toContain(
      "the silent port needs Linux (testbed's blackhole is a full accept queue, whose SYNs Linux drops); skipped on darwin\n",
    );
    expect(run.stdout).not.toContain('silent port (SYNs dropped)');
    expect(run.stdout).toMatch(/returns \d+ \(ECONNREFUSED\)/);
  });
});

// The chapter's own refusals (port lists, targets, URLs); the command lines themselves are
// test/command-line.test.ts's.
describe('examples given bad input print one line and exit 2', () => {
  it.concurrent.each([
    ['port-scan.ts', ['127.0.0.1', '0-10'], /port 0 in "0-10" is out of range/],
    ['port-scan.ts', ['127.0.0.1', '100-1'], /runs backwards/],
    ['port-scan.ts', ['192.0.2.1', '80'], /refusing to scan 192\.0\.2\.1: .*--i-own-this-host/],
    ['http-get.ts', ['https://127.0.0.1/'], /needs TLS/],
    ['http-get.ts', ['not-a-url'], /is not a URL/],
  ])(
    '%s %j',
    async (file, args, message) => {
      const run = await runExample(example(file), args, RUN);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(message);
    },
    TEST_TIMEOUT,
  );
});
