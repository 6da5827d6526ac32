// The house rule for a user's mistake, as one assertion: the program printed exactly one line,
// on stderr, nothing on stdout, and exited 2. Every chapter's command-line tests use it, so the
// rule is written once. (Its own entry point, @netprog/testbed/expect-usage-line: it loads
// vitest, which examples importing testbed's fixtures must not.)
import { expect } from 'vitest';
import type { ExampleRun } from './run-example.ts';

/**
 * Asserts that `run` ended as a user's mistake must: exit code 2, `line` alone on stderr, and
 * nothing on stdout. A failure shows all three side by side.
 *
 * @example
 * const run = await runExample(file, ['--port', '-1']);
 * expectUsageLine(run, 'error: --port must be a whole number from 0 to 65535, got "-1"');
 */
export function expectUsageLine(
  run: Pick<ExampleRun, 'code' | 'stdout' | 'stderr'>,
  line: string,
): void {
  expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
    code: 2,
    stdout: '',
    stderr: `${line}\n`,
  });
}
