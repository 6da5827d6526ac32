// The house rule for a user's mistake, checked on real processes: a program started with a bad
// command line prints exactly one line, on stderr, nothing on stdout, and exits 2. Every chapter's
// command-line tests use these, so the rule is written once. (Their own entry point,
// @netprog/testbed/bad-command-lines: they load vitest, which examples importing testbed's
// fixtures must not.)
import { describe, expect, it } from 'vitest';
import { type ExampleRun, runExample } from './run-example.ts';

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

/** A program (as the test file names it), a bad command line for it, and the line it must print. */
export type BadCommandLine = readonly [file: string, args: readonly string[], line: string];

export interface BadCommandLineOptions {
  /**
   * Run the cases one at a time rather than all at once: for a chapter whose timing tests run
   * beside them, which a burst of process starts would make late. Default false.
   */
  readonly oneAtATime?: boolean;
  /** Kill a run after this long (default 40 s: a fresh Node process on a busy 2-core machine). */
  readonly timeoutMs?: number;
}

/**
 * Declares the tests "each program given a bad command line": one per case, which runs the
 * program with `runExample` (`resolve` turns the case's name into a path) and checks it with
 * expectUsageLine. Call it at the top level of a test file.
 *
 * @example
 * testBadCommandLines((name) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url)), [
 *   ['lifecycle.ts', ['8080'], 'lifecycle.ts takes no arguments, got "8080"'],
 * ]);
 */
export function testBadCommandLines(
  resolve: (file: string) => string,
  cases: readonly BadCommandLine[],
  options: BadCommandLineOptions = {},
): void {
  const { oneAtATime = false, timeoutMs = 40_000 } = options;
  const test = oneAtATime ? it : it.concurrent;
  describe('each program given a bad command line', () => {
    test.each([...cases])(
      '%s %j: one line, exit 2',
      async (file, args, line) => {
        expectUsageLine(await runExample(resolve(file), args, { timeoutMs }), line);
      },
      timeoutMs + 20_000,
    );
  });
}
