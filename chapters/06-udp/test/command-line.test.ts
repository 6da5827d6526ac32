// Every program of the chapter, run once as a reader would with a bad command line: one line on
// stderr naming the argument (the usage line derived from the program's declaration where it
// helps) and exit code 2, before anything else is printed. The parser's every rule is tested in
// packages/cli; here each program shows it is wired to it (the chapter's own refusals, such as a
// loss of 2 or a server given by name, are in examples.test.ts). Then the exit code of a program
// whose job failed: a pinger that got no reply. The runs go in parallel: each is a fresh Node
// process.
import { fileURLToPath } from 'node:url';
import { closedUdpPort, runExample } from '@netprog/testbed';
import { type BadCommandLine, testBadCommandLines } from '@netprog/testbed/bad-command-lines';
import { describe, expect, it } from 'vitest';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const RUN = { timeoutMs: 40_000 };

const cases: BadCommandLine[] = [
  ['boundaries.ts', ['tcp', '--bogus'], 'boundaries.ts takes no arguments, got "tcp"'],
  ['connected-udp.ts', ['--port', '9'], 'connected-udp.ts takes no arguments, got "--port"'],
  ['datagram-size.ts', ['65508'], 'datagram-size.ts takes no arguments, got "65508"'],
  [
    'dig.ts',
    ['web.test', 'A', 'extra', '--bogus'],
    'unexpected argument "extra"; usage: dig.ts [name] [type] [@host:port]',
  ],
  [
    'pinger.ts',
    ['--timeout', '-5', '5', '6'],
    '--timeout must be a whole number from 1 to 10000, got "-5"',
  ],
  [
    'pinger.ts',
    ['5', '6', '--bogus'],
    'unexpected argument "6"; usage: pinger.ts [count] [@host:port] [--seed N] [--loss P] [--timeout MS]',
  ],
  ['udp-echo.ts', ['hello', '--bogus'], 'unknown option --bogus; usage: udp-echo.ts [message ...]'],
];

testBadCommandLines(example, cases);

describe('a program whose job failed', () => {
  it('pinger.ts exits 1, as ping does, when no ping got a reply', async () => {
    await using closed = await closedUdpPort();
    const [host, port] = closed.address;
    const run = await runExample(
      example('pinger.ts'),
      ['2', '--timeout', '200', `@${host}:${port}`],
      RUN,
    );
    expect(run.code).toBe(1);
  }, 60_000);
});
