// Every example runs as a reader would run it (a fresh Node process, its TypeScript loaded by @netprog/run-ts), and its output must
// match the recording the chapter text shows (outputs/*.txt; `pnpm docs:record` re-records).
import { fileURLToPath } from 'node:url';
import { compareWithRecording, type ExampleRun, runExample } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';

const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const recording = (name: string) => new URL(`../outputs/${name}.txt`, import.meta.url);
// A fresh Node start is slow on a busy machine; the examples themselves take about a second.
const RUN = { timeoutMs: 60_000 };
const TEST_TIMEOUT = 90_000;

/** accept-loop-timing.ts's page takes this long unless --delay-ms says otherwise. */
const DEFAULT_DELAY_MS = 300;

/** Which task answers first, and how much later the awaiting loop is, change from run to run. */
function maskTaskOrder(text: string): string {
  return text
    .replace(/served by task client-\d+/g, 'served by task client-<n>')
    .replace(/\d+\.\d x as late/, '<ratio> x as late');
}

/**
 * What Node says to `postMessage(socket, [socket])` changed with its version: Node 20 throws
 * "TypeError: Found invalid object in transferList" (the recording), Node 22 "DataCloneError:
 * Found invalid value in transferList.", and Node 24.20+ transfers a fresh TCP socket.
 */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const TRANSFERS = major > 24 || (major === 24 && minor >= 20);
const TRANSFER_LINE =
  /worker\.postMessage\(socket, \[socket\]\) -> (?:TypeError: Found invalid object in transferList|DataCloneError: Found invalid value in transferList\.|transferred \(.*\))$/m;
const EXPECTED_TRANSFER = TRANSFERS
  ? /-> transferred \(Node 24\.20\+ moves a fresh TCP socket\)$/m
  : /-> (?:TypeError: Found invalid object|DataCloneError: Found invalid value) in transferList\.?$/m;
const refusalAsRecorded = (text: string) =>
  text.replace(
    TRANSFER_LINE,
    'worker.postMessage(socket, [socket]) -> TypeError: Found invalid object in transferList',
  );

function expectClean(run: ExampleRun): void {
  expect(run.stderr, 'the example wrote to stderr').toBe('');
  expect(run.code, `exit code (stderr: ${run.stderr})`).toBe(0);
}

describe('examples run and print what the chapter shows', () => {
  it(
    'http-server.ts --demo',
    async () => {
      const run = await runExample(example('http-server.ts'), ['--demo'], RUN);
      expectClean(run);
      expect(run.stdout).toContain('GET /notes/hello.txt -> 200 OK');
      expect(run.stdout).toContain('raw GET /%2e%2e/package.json -> HTTP/1.1 403 Forbidden');
      const { actual, recorded } = await compareWithRecording(run.stdout, recording('http-server'));
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it(
    'echo-server.ts --demo',
    async () => {
      const run = await runExample(example('echo-server.ts'), ['--demo'], RUN);
      expectClean(run);
      const { actual, recorded } = await compareWithRecording(run.stdout, recording('echo-server'));
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it.each([
    ['event-loop-server.ts', '1 process'],
    ['prefork-server.ts', '2 processes'],
    ['worker-pool-server.ts', '2 threads'],
  ])(
    '%s --demo',
    async (file, computedBy) => {
      const run = await runExample(example(file), ['--demo'], RUN);
      expectClean(run);
      expect(run.stdout).toContain('each /primes answered "25997 primes below 300000"');
      expect(run.stdout).toContain(`computed by ${computedBy}`);
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording(file.replace(/\.ts$/, '')),
        { normalise: refusalAsRecorded },
      );
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it(
    'accept-loop-timing.ts: the awaiting loop serves one client after another, the fix all at once',
    async () => {
      const run = await runExample(example('accept-loop-timing.ts'), [], RUN);
      expectClean(run);
      const [awaiting = '', fixed = ''] = run.stdout.split('void serve(connection)');
      const answers = (section: string) =>
        [...section.matchAll(/answer \d after +(\d+) ms, served by task (\S+)/g)].map((m) => ({
          ms: Number(m[1]),
          by: m[2],
        }));
      // The awaiting loop: its own task made every page, in turn, so the k-th answer cannot come
      // before k pages were made (however busy the machine; printed rounded, hence the - 1).
      const slow = answers(awaiting);
      expect(slow.map((a) => a.by)).toEqual(['accept-loop', 'accept-loop', 'accept-loop']);
      for (const [k, answer] of slow.entries()) {
        expect(answer.ms).toBeGreaterThanOrEqual((k + 1) * DEFAULT_DELAY_MS - 1);
      }
      // The fix: three tasks of their own, none of them the accept loop.
      const fix = answers(fixed);
      expect(fix).toHaveLength(3);
      expect(new Set(fix.map((a) => a.by)).size).toBe(3);
      expect(fix.map((a) => a.by)).not.toContain('accept-loop');
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording('accept-loop-timing'),
        { normalise: maskTaskOrder },
      );
      expect(actual).toBe(recorded);
    },
    TEST_TIMEOUT,
  );

  it(
    'worker-pool-server.ts shows whether this Node can transfer a socket to a worker',
    async () => {
      const run = await runExample(example('worker-pool-server.ts'), ['--demo'], RUN);
      expect(run.stdout).toMatch(EXPECTED_TRANSFER);
    },
    TEST_TIMEOUT,
  );
});
