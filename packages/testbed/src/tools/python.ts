// Asking Python: the course checks its claims about Python's socket module against python3 on
// the same machine. One place that finds python3, checks its version and runs a script, bounded.
import { execFile } from 'node:child_process';

/** The oldest Python whose socket module the course describes (3.10: socket.timeout became an alias of TimeoutError). */
export const PYTHON_MINIMUM: readonly [number, number] = [3, 10];

/** A pyenv shim can take seconds to start on a busy machine. */
const PYTHON_TIMEOUT_MS = 30_000;

let checked: Promise<string | undefined> | undefined;

/**
 * Why Python cannot be asked here (python3 missing, or older than PYTHON_MINIMUM), or undefined
 * when it can. Checked once per process.
 *
 * @example
 * const missing = await pythonUnavailable(); // 'python3 is not installed' or undefined
 */
export function pythonUnavailable(): Promise<string | undefined> {
  checked ??= runPython('import sys; print("%d.%d" % sys.version_info[:2])').then(
    (printed) => {
      const [major = 0, minor = 0] = printed.trim().split('.').map(Number);
      const [wantMajor, wantMinor] = PYTHON_MINIMUM;
      if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return undefined;
      return `python3 is ${major}.${minor}; these checks need ${wantMajor}.${wantMinor} or newer`;
    },
    (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT'
        ? 'python3 is not installed'
        : `python3 does not run: ${error.message}`,
  );
  return checked;
}

/**
 * Runs a Python script (`python3 -c script args...`) and resolves with what it printed; rejects
 * when it fails or runs past 30 s.
 *
 * @example
 * await runPython('import socket; print(socket.SOMAXCONN)') // '4096\n' on Linux
 */
export function runPython(script: string, args: readonly string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      ['-c', script, ...args],
      { timeout: PYTHON_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(error);
        else reject(new Error(`python3 failed: ${stderr.trim() || error.message}`));
      },
    );
  });
}
