// Running a whole test suite under strace once, so that a check at its end can read where every
// process of the run connected and sent (chapter 1's stays-on-loopback test). The alternative, a
// test that runs the suite again under strace, ran every test twice: about 12 s of CPU each
// `pnpm test` on a 2-core machine. The I/O shell of `netprog-traced` (bin/traced.mjs).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { straceUnavailable, TRACED_SYSCALLS } from './trace-command.ts';

/** Set for a command already under strace (strace cannot nest): `pnpm loopback:trace`, or ours. */
export const TRACED_ENV = 'NETPROG_TRACED';
/** Where the trace of the running command goes, while it runs: set by runTraced. */
export const TRACE_FILE_ENV = 'NETPROG_TRACE_FILE';

/**
 * Runs `command args` with this process's stdio under `strace -f` (every child process and thread,
 * only the syscalls that name a destination), with TRACE_FILE_ENV naming the trace file, which is
 * deleted afterwards. Where it cannot trace (no strace, ptrace forbidden, not Linux) or the
 * command is traced already, it runs the command plainly. Resolves with the command's exit code.
 *
 * @example
 * process.exitCode = await runTraced('vitest', ['run']);
 */
export async function runTraced(command: string, args: readonly string[]): Promise<number> {
  if (process.env[TRACED_ENV] !== undefined || (await straceUnavailable()) !== undefined) {
    return run(command, args, process.env);
  }
  const folder = await mkdtemp(join(tmpdir(), 'netprog-traced-'));
  const file = join(folder, 'trace.txt');
  try {
    const strace = ['-f', '--seccomp-bpf', '-qq', '-o', file, '-e', `trace=${TRACED_SYSCALLS}`];
    return await run('strace', [...strace, '--', command, ...args], {
      ...process.env,
      [TRACED_ENV]: '1',
      [TRACE_FILE_ENV]: file,
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs a command with this process's stdio; Ctrl-C and kill reach it, its exit code comes back. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      // Killed by a signal: the shell's convention, 128 + its number.
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}
