#!/usr/bin/env tsx
// `pnpm lab`: the lab runner and grader. This file only parses the command line, dispatches, and
// maps errors to exit codes: 0 every exercise passes, 1 something fails, 2 the command was wrong
// (one line on stderr, no stack trace). The work is in commands/.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../context.ts';
import { findRoot } from '../course/find-root.ts';
import { LabConfigError, UsageError } from '../errors.ts';
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
    const root = findRoot({ explicit: explicit ?? io.env.NETPROG_LAB_ROOT, from: io.cwd });
    const context: Context = { root, io, signal };
    switch (command.kind) {
      case 'help': {
        const { helpText } = await import('./help.ts');
        io.stdout.write(helpText(command.topic));
        return 0;
      }
      case 'list': {
        const { listCommand } = await import('../commands/list.ts');
        return await listCommand(context);
      }
      case 'verify': {
        const { verifyCommand } = await import('../commands/verify.ts');
        return await verifyCommand(context, command.lab, command.verbose);
      }
      case 'rehash': {
        const { rehashCommand } = await import('../commands/rehash.ts');
        return await rehashCommand(context, command.lab);
      }
      case 'check': {
        const { checkCommand } = await import('../commands/check.ts');
        return await checkCommand(context, command.lab);
      }
      case 'grade-all': {
        const { gradeAllCommand } = await import('../commands/grade-all.ts');
        return await gradeAllCommand(context, command);
      }
      case 'export': {
        const { exportCommand } = await import('../commands/export.ts');
        return await exportCommand(context, command);
      }
      default: {
        const { discoverLabs, selectLab } = await import('../course/discover.ts');
        const lab = selectLab(await discoverLabs(root), command.lab);
        if (command.kind === 'hint') {
          const { hintCommand } = await import('../commands/hint.ts');
          return await hintCommand(context, lab, command.exercise);
        }
        if (command.kind === 'reset') {
          const { resetCommand } = await import('../commands/reset.ts');
          return await resetCommand(context, lab, command.exercise, command.yes);
        }
        const { gradeCommand } = await import('../commands/grade.ts');
        return await gradeCommand(context, lab, command.flags);
      }
    }
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

/**
 * Runs the CLI on this process's arguments and streams, and sets its exit code: what
 * `pnpm lab` does (bin/lab.mjs calls it; so does `node --import tsx src/cli/main.ts`).
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

// Run only when executed (`node --import tsx src/cli/main.ts`), not when imported by a test.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runFromCommandLine();
}
