// Runs the CLI's main() inside the test's own process, as runCli runs it in a child process: for
// tests whose subject is what a command grades and prints, not the process around it. The
// process itself (bin/lab.mjs, the run-ts loader, exit codes, signals, a hung CLI killed) is
// the subject of cli-args, early-start and the watch tests, which start real ones.
//
// Why: each CLI process costs about 0.3 s of CPU before it does anything, and the lab tests ran
// about sixty of them. The grading still happens where it always does, in a grading process of
// its own, started from the environment cliEnv() gives, exactly as from a child CLI.
import { main } from '../../src/cli/main.ts';
import { fakeIo } from './fake-io.ts';
import { type CliRun, cliEnv, packageDir } from './run-cli.ts';

/**
 * Runs `pnpm lab <args>` in this process, as if typed in `cwd` (default: this package). After
 * `timeoutMs` the command is cancelled (its grading process killed, as Ctrl-C would) and the run
 * fails with what it had printed.
 * @example
 * const { code, stdout } = await runCliInProcess(['--root', fixturesRoot, 'fair', '--json']);
 */
export async function runCliInProcess(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<CliRun> {
  const { timeoutMs = 60_000, cwd = packageDir } = options;
  const io = fakeIo();
  const cancel = new AbortController();
  const timer = setTimeout(() => cancel.abort(), timeoutMs);
  try {
    const code = await main(args, { ...io, env: cliEnv(options.env), cwd }, cancel.signal);
    if (cancel.signal.aborted) {
      throw new Error(
        `CLI ${args.join(' ')} did not finish in ${timeoutMs} ms\n${io.out()}\n${io.err()}`,
      );
    }
    return { code, signal: null, stdout: io.out(), stderr: io.err() };
  } finally {
    clearTimeout(timer);
  }
}
