// The nmap comparison is a command, not a test (its numbers describe a machine); what is tested
// here is that it treats a user's mistakes like every other command of the course.
import { fileURLToPath } from 'node:url';
import { runExample } from '@netprog/testbed';
import { expectUsageLine } from '@netprog/testbed/bad-command-lines';
import { describe, expect, it } from 'vitest';

const bench = fileURLToPath(new URL('../bench/scan-vs-nmap.ts', import.meta.url));
const RUN = { timeoutMs: 60_000 };

describe('the bench command', () => {
  it.concurrent.each([
    [['--runs', '-1', '--bogus'], 'error: --runs must be a whole number from 1 to 20, got "-1"'],
    [['--record', 'now'], 'error: unexpected argument "now"; usage: bench [--runs N] [--record]'],
    // pnpm passes the `--` of `pnpm bench -- --record` along: it is not an argument.
    [['--', '--bogus'], 'error: unknown option --bogus; usage: bench [--runs N] [--record]'],
  ])(
    'explains a bad command line %j in one line and exits 2',
    async (args, line) => {
      const run = await runExample(bench, args, RUN);
      expectUsageLine(run, line);
    },
    90_000,
  );

  it('says how to install nmap when it is missing, and exits 2', async () => {
    const run = await runExample(bench, [], { ...RUN, env: { PATH: '/nonexistent' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: nmap is not installed. Install it with `sudo apt-get install nmap` (Debian, Ubuntu) or `brew install nmap` (macOS), then run the benchmark again.\n',
    );
  }, 90_000);
});
