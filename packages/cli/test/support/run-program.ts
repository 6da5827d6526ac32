// Runs a TypeScript program in a fresh Node process (through @netprog/run-ts, as `pnpm tsx` would) and resolves
// with what it printed and how it ended. testbed's runExample does the same for the chapters; this
// package cannot use it, because testbed's own example runs on this package.
import { execFile } from 'node:child_process';
import { RUN_TS } from '@netprog/run-ts';

export interface ProgramRun {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code, or null when the run was killed. */
  readonly code: number | null;
}

/** Kills the program after `timeoutMs`: a hung program fails its test instead of hanging it. */
export function runProgram(
  file: string,
  args: readonly string[] = [],
  timeoutMs = 25_000,
): Promise<ProgramRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...RUN_TS, file, ...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ stdout, stderr, code });
      },
    );
  });
}
