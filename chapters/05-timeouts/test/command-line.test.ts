// Every program of the chapter, run once as a reader would with a bad command line: one line on
// stderr naming the argument (the usage line derived from the program's declaration where it
// helps) and exit code 2, before anything else is printed. The parser's every rule is tested in
// packages/cli; here each program shows it is wired to it. Then the exit code of a program whose
// job failed: connect-timeout against a port nobody listens on. The runs go one at a time: this
// chapter's timing tests run beside them, and a burst of process starts would make them late.
import { fileURLToPath } from 'node:url';
import { closedPort, runExample } from '@netprog/testbed';
import { type BadCommandLine, testBadCommandLines } from '@netprog/testbed/bad-command-lines';
import { describe, expect, it } from 'vitest';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const RUN = { timeoutMs: 40_000 };

const cases: BadCommandLine[] = [
  ['backoff-table.ts', ['8', '--attempts', '8'], 'backoff-table.ts takes no arguments, got "8"'],
  [
    'connect-timeout.ts',
    ['127.0.0.1', '8080', '--limit-ms', '-5', 'extra'],
    '--limit-ms must be a whole number from 1 to 600000, got "-5"',
  ],
  [
    'connect-timeout.ts',
    ['127.0.0.1', '8080', 'extra', '--bogus'],
    'unexpected argument "extra"; usage: connect-timeout.ts [host] [port] [--limit-ms N]',
  ],
  [
    'connect-timeout.ts',
    ['localhost', '80'],
    'host must be an IP address such as 127.0.0.1, got "localhost"',
  ],
  ['errno-table.ts', ['--linux'], 'errno-table.ts takes no arguments, got "--linux"'],
  [
    'fetch-deadline.ts',
    ['http://127.0.0.1/'],
    'fetch-deadline.ts takes no arguments, got "http://127.0.0.1/"',
  ],
  [
    'idle-timer-trap.ts',
    ['--limit-ms', '5'],
    'idle-timer-trap.ts takes no arguments, got "--limit-ms"',
  ],
  [
    'read-timeout.ts',
    ['--limit-ms=0', 'extra', '--bogus'],
    '--limit-ms must be a whole number from 1 to 600000, got "0"',
  ],
  ['retry-late-server.ts', ['-3'], 'retry-late-server.ts takes no arguments, got "-3"'],
  [
    'syn-retry-schedule.ts',
    ['--wait', 'extra'],
    'unknown option --wait; usage: syn-retry-schedule.ts [--wait-for-the-kernel]',
  ],
  ['three-modes.ts', ['blocking'], 'three-modes.ts takes no arguments, got "blocking"'],
];

testBadCommandLines(example, cases, { oneAtATime: true });

describe('a program whose job failed', () => {
  it('connect-timeout.ts exits 1 when the target the user gave refuses the connect', async () => {
    await using closed = await closedPort();
    const run = await runExample(
      example('connect-timeout.ts'),
      [closed.host, `${closed.port}`],
      RUN,
    );
    expect(run.stdout).toMatch(/failed after \d+ ms \(limit 500 ms\): ECONNREFUSED/);
    expect(run.code).toBe(1);
  }, 60_000);
});
