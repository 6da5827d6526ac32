// Runs a pair's Python program as a reader would (`python3 python/<file>`), and finds both sides'
// recordings: python/outputs/ and the chapter's outputs/ for the TypeScript twin.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExampleRun } from '@netprog/testbed';
import type { Twin } from './twins.ts';

/** python/, where the programs live. */
export const PYTHON_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Where a Python program's recorded output lives: python/outputs/<name>.txt. */
export function recordingOf(file: string): string {
  return fileURLToPath(new URL(`../outputs/${file.replace(/\.py$/, '')}.txt`, import.meta.url));
}

/**
 * Runs python/<file> with `python` and resolves with what it printed; never rejects for a
 * failing program (its exit code is part of the result). Killed after timeoutMs.
 */
export function runPython(
  python: string,
  file: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ExampleRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      python,
      [`${PYTHON_DIR}${file}`, ...args],
      {
        cwd: PYTHON_DIR,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        // No __pycache__ folders in the work tree from test runs.
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const exit = error as
          | (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals })
          | null;
        const code = exit === null ? 0 : typeof exit.code === 'number' ? exit.code : null;
        resolve({
          stdout,
          stderr,
          code,
          signal: exit?.signal ?? null,
          durationMs: performance.now() - started,
        });
      },
    );
  });
}

/** The twin's example file, found through its chapter package (a dependency of this one). */
export function twinPath(twin: Twin): string {
  const index = import.meta.resolve(twin.package); // the chapter's src/index.ts
  return fileURLToPath(new URL(`../examples/${twin.example}`, index));
}

/**
 * Runs async jobs with at most `limit` at once (the machine has 2 cores; most of a run is
 * waiting for a process to start), resolving with their results in order.
 */
export async function inParallel<T>(
  jobs: ReadonlyArray<() => Promise<T>>,
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** The twin's recorded output: the chapter's outputs/<example>.txt. */
export function twinRecordingPath(twin: Twin): string {
  return twinPath(twin).replace(/\/examples\/([^/]+)\.ts$/, '/outputs/$1.txt');
}
