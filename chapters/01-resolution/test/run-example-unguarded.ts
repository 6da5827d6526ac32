// Running an example WITHOUT the loopback guard, for the one case where the guard is stricter
// than it needs to be: socket-methods.ts resolving this machine's own name, which glibc answers
// from /etc/hosts alone (see own-name.ts). Everything else runs under testbed's runExample.
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import type { ExampleRun } from '@netprog/testbed';

/**
 * Runs `file` with tsx in its own folder, as testbed's runExample does but without loading the
 * loopback guard. Never rejects: a failed run is part of the result. Killed after `timeoutMs`.
 *
 * @example
 * if ((await whyOwnNameIsNotLocal(hostname())) === null) run = await runExampleUnguarded(file);
 */
export function runExampleUnguarded(file: string, timeoutMs: number): Promise<ExampleRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file],
      {
        cwd: dirname(file),
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
      (error, stdout, stderr) => {
        const exit = error as (NodeJS.ErrnoException & { signal?: NodeJS.Signals }) | null;
        const code = exit === null ? 0 : typeof exit.code === 'number' ? exit.code : null;
        const durationMs = performance.now() - started;
        resolve({ stdout, stderr, code, signal: exit?.signal ?? null, durationMs });
      },
    );
  });
}
