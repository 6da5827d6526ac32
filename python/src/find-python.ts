// Finds a Python 3.10 or newer to run the twins with. Where there is none, the Python tests are
// skipped with one line saying why; in CI (CI=true) that is a failure instead, so a CI machine
// that lost its python3 cannot pass by skipping.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The oldest Python the programs support: from 3.10 on, a socket timeout IS TimeoutError, which they catch. */
export const MIN_PYTHON: readonly [number, number] = [3, 10];

export type PythonFound =
  | { readonly ok: true; readonly command: string; readonly version: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Whether a version string is at least MIN_PYTHON.
 *
 * @example
 * isSupported('3.11.2') // true
 * isSupported('3.9.18') // false
 */
export function isSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]);
}

/**
 * The first of python3, python on PATH that is new enough, or why there is none. The command
 * it returns is that Python's own executable (sys.executable), not the name on PATH: where PATH
 * holds a version manager's shim (pyenv's python3 is a bash script that runs pyenv), every start
 * through the name costs that script again, about 0.07 s of CPU, and the twins start dozens.
 */
export async function findPython(
  candidates: readonly string[] = ['python3', 'python'],
): Promise<PythonFound> {
  const seen: string[] = [];
  for (const command of candidates) {
    try {
      // A pyenv shim on a busy machine can take seconds to start.
      const { stdout } = await run(
        command,
        ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)'],
        {
          timeout: 30_000,
        },
      );
      const [version = '', executable = ''] = stdout.trim().split('\n');
      // sys.executable is empty where Python cannot tell (embedded): the name still works.
      if (isSupported(version)) return { ok: true, command: executable || command, version };
      seen.push(`${command} is ${version}`);
    } catch {
      seen.push(`no ${command}`);
    }
  }
  const wanted = `Python ${MIN_PYTHON.join('.')}+`;
  return {
    ok: false,
    reason: `${wanted} not found (${seen.join(', ')}); install python3 to run the Python twins`,
  };
}

/**
 * The Python command for a test file, or null after printing the one line that says why the
 * file's tests are skipped. In CI it throws instead: there, a missing Python is a failure.
 */
export async function pythonOrSkip(): Promise<string | null> {
  const found = await findPython();
  if (found.ok) return found.command;
  if (process.env.CI === 'true')
    throw new Error(`${found.reason} (CI=true: the Python twins must run in CI)`);
  console.log(`skipping the Python twins: ${found.reason}`);
  return null;
}
