import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_TS } from '@netprog/run-ts';

// Loaded into every example process, so an example run by a test is held to loopback too.
const loopbackGuardSetup = fileURLToPath(new URL('../loopback-guard/setup.ts', import.meta.url));
const fakePlatformSetup = fileURLToPath(new URL('./fake-platform.ts', import.meta.url));

/** What one run of an example printed, and how it ended. */
export interface ExampleRun {
  stdout: string;
  stderr: string;
  /** The exit code, or null when the run was killed (see `signal`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
}

export interface RunExampleOptions {
  /** Kill the example after this long (default 15 s): a hung example must fail, not hang the suite. */
  timeoutMs?: number;
  /** Extra environment variables; NO_COLOR is always set so outputs are plain text. */
  env?: Record<string, string>;
  /**
   * The platform the example believes it runs on (its process.platform), to see on Linux what a
   * Linux-only example prints elsewhere. The guard is loaded before the platform changes.
   */
  platform?: string;
}

/**
 * Runs a TypeScript example in a fresh Node process, as a reader would with `pnpm tsx <file>`,
 * and resolves with everything it printed. It never rejects because the example failed: a
 * non-zero exit is part of the result, so tests can check error paths too.
 *
 * The process loads the TypeScript through @netprog/run-ts (tsx's transform, without its start-up
 * cost), runs in the example's folder, and has the loopback guard loaded, so an example under
 * test cannot reach past this machine either.
 *
 * @example
 * const run = await runExample(new URL('../examples/port-scan.ts', import.meta.url).pathname);
 * expect(run.code).toBe(0);
 */
export function runExample(
  file: string,
  args: readonly string[] = [],
  options: RunExampleOptions = {},
): Promise<ExampleRun> {
  const { timeoutMs = 15_000, env = {}, platform } = options;
  const faking = platform === undefined ? [] : ['--import', fakePlatformSetup];
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...RUN_TS, '--import', loopbackGuardSetup, ...faking, file, ...args],
      {
        cwd: dirname(file),
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: {
          ...process.env,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          ...env,
          ...(platform === undefined ? {} : { NETPROG_FAKE_PLATFORM: platform }),
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const durationMs = performance.now() - started;
        // execFile reports a non-zero exit as an error; for us it is just part of the result.
        const exit = error as
          | (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals })
          | null;
        const code = exit === null ? 0 : typeof exit.code === 'number' ? exit.code : null;
        resolve({ stdout, stderr, code, signal: exit?.signal ?? null, durationMs });
      },
    );
  });
}
