// Runs the real CLI in a child process (`node --import <run-ts register> src/cli/main.ts …`), as a
// student would through `pnpm lab`, and collects what it printed and how it exited.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RUN_TS } from '@netprog/run-ts';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesRoot = fileURLToPath(new URL('../fixtures', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment the CLI gets: this test run's, minus what the outer vitest set (the inner
 * grading must not believe it is inside a test worker) and without colour.
 */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|TINYPOOL|FORCE_COLOR|NODE_OPTIONS|INIT_CWD|NETPROG_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Starts the CLI; the caller reads and ends it (watch mode). */
export function startCli(args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...RUN_TS, cli, ...args], {
    cwd: packageDir,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs the CLI to the end, killing it after `timeoutMs`.
 * @example
 * const { code, stdout } = await runCli(['--root', fixturesRoot, 'fair', '--once']);
 */
export function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return collect(startCli(args, options.env), `CLI ${args.join(' ')}`, options.timeoutMs);
}

/**
 * Collects what a child process prints until it exits, killing it after `timeoutMs`.
 * @example
 * const { code } = await collect(spawn(process.execPath, ['-e', '0']), 'node -e 0');
 */
export function collect(child: ChildProcess, label: string, timeoutMs = 60_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Resolves with everything printed so far once `predicate` holds for it.
 * @example
 * await waitForOutput(child, (out) => out.includes('Score'), 30_000);
 */
export function waitForOutput(
  child: ChildProcess,
  predicate: (stdout: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      if (predicate(stdout)) finish(() => resolve(stdout));
    };
    const onErr = (chunk: Buffer) => {
      stderr += chunk.toString();
    };
    const onClose = () =>
      finish(() =>
        reject(new Error(`CLI exited before the output appeared:\n${stdout}\n${stderr}`)),
      );
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`output did not appear in ${timeoutMs} ms:\n${stdout}\n${stderr}`)),
        ),
      timeoutMs,
    );
    function finish(settle: () => void) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('close', onClose);
      settle();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.on('close', onClose);
  });
}
