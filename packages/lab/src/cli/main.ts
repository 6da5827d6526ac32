// `pnpm lab`: the lab runner and grader. This file only parses the command line, dispatches
// through the command table (commands.ts), and maps errors to exit codes: 0 every exercise
// passes, 1 something fails, 2 the command was wrong (one line on stderr, no stack trace). The
// work is in commands/.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../context.ts';
import { type ExplicitRoot, findRoot } from '../course/find-root.ts';
import { LabConfigError, UsageError } from '../errors.ts';
import { anyRow, type Command } from './commands.ts';
import { parseCommandLine } from './parse-args.ts';

/** A process that is still alive this long after its answer is written is stopped (a leaked handle must not hang CI). */
const EXIT_GRACE_MS = 3_000;
/** The conventional exit code after Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;

/**
 * Runs the CLI with the given arguments and returns the exit code.
 * @example
 * const code = await main(['chapter3', '--once'], context);
 */
export async function main(
  argv: readonly string[],
  io: Context['io'],
  signal?: AbortSignal,
): Promise<number> {
  try {
    const { command, root: explicit } = parseCommandLine(argv);
    const root = findRoot({ explicit: explicitRoot(explicit, io.env), from: io.cwd });
    const context: Context = { root, io, signal };
    if (command.kind === 'help') {
      const { helpText } = await import('./help.ts');
      io.stdout.write(helpText(command.topic));
      return 0;
    }
    return await dispatch(context, command);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pnpm lab: ${error.message}\n`);
      return 2;
    }
    if (error instanceof LabConfigError) {
      io.stderr.write(`pnpm lab: ${error.message}\n`);
      return 2;
    }
    // Anything else is a bug in the runner: keep the stack, it is for whoever fixes it.
    io.stderr.write(
      `pnpm lab: internal error (please report it): ${(error as Error).stack ?? error}\n`,
    );
    return 1;
  }
}

// Runs a command through its row of the command table: a lab-scoped one gets its lab, chosen
// from the labs found (once: the command reuses them).
async function dispatch(context: Context, command: Exclude<Command, { kind: 'help' }>) {
  const row = anyRow(command.kind);
  if (row.scope === 'course') return (await row.load())(context, command);
  if (!('lab' in command) || command.lab === undefined) {
    throw new Error(`the command table makes "${command.kind}" lab-scoped, but it names no lab`);
  }
  const { discoverLabs, selectLab } = await import('../course/discover.ts');
  const labs = await discoverLabs(context.root);
  const lab = selectLab(labs, command.lab);
  return (await row.load())(context, command, { lab, labs });
}

// --root wins over NETPROG_LAB_ROOT; an empty variable counts as unset.
function explicitRoot(flag: string | undefined, env: NodeJS.ProcessEnv): ExplicitRoot | undefined {
  if (flag !== undefined) return { path: flag, from: '--root' };
  const variable = env.NETPROG_LAB_ROOT;
  if (variable !== undefined && variable.trim() !== '') {
    return { path: variable, from: 'NETPROG_LAB_ROOT' };
  }
  return undefined;
}

/**
 * Runs the CLI on this process's arguments and streams, and sets its exit code: what
 * `pnpm lab` does (bin/lab.mjs calls it; so does `node --import @netprog/run-ts/register
 * src/cli/main.ts`).
 */
export async function runFromCommandLine(): Promise<void> {
  // The first Ctrl-C (or SIGTERM) asks every command to stop cleanly: grading kills its test
  // processes, watch mode returns. A second one exits at once (the 'exit' hook in
  // grade/run-vitest.ts still kills the grading processes).
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(INTERRUPTED);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
  const code = await main(process.argv.slice(2), io, interrupt.signal);
  process.exitCode = code;
  // Normally the process ends on its own once output is flushed; if something keeps it alive,
  // end it anyway (unref: this timer alone does not keep the process running).
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}

// Run only when executed (`node --import <run-ts register> src/cli/main.ts`), not when imported
// by a test.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runFromCommandLine();
}
