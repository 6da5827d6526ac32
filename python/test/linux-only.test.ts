// The Python twins say what is Linux-only in the words the TypeScript ones use, and run as macOS
// would run them here: sys.platform set to 'darwin' before the program loads.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pythonOrSkip } from '../src/find-python.ts';
import { PYTHON_DIR } from '../src/run-program.ts';

const run = promisify(execFile);
const python = await pythonOrSkip();

/** Runs `script` with python/ as the folder it starts in; stdout, or the failed run's error. */
async function pythonSays(script: string): Promise<{ stdout: string; stderr: string }> {
  return run(python!, ['-c', script], {
    cwd: PYTHON_DIR,
    timeout: 30_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
}

/** Runs python/<file> as if on `platform`: sys.platform is set before anything imports it. */
const asIfOn = (platform: string, file: string) =>
  [
    'import runpy, sys',
    `sys.platform = ${JSON.stringify(platform)}`,
    'sys.path.insert(0, ".")',
    `sys.argv = [${JSON.stringify(file)}]`,
    `runpy.run_path(${JSON.stringify(file)}, run_name="__main__")`,
  ].join('\n');

describe.skipIf(python === null)('netprog.linux_only', () => {
  it('words the line as testbed does, and says nothing on Linux', async () => {
    const { stdout } = await pythonSays(
      [
        'from netprog.linux_only import linux_only_reason as r',
        'print(r("lifecycle.py", "it reads /proc/net/tcp", "darwin"))',
        'print(r("lifecycle.py", "it reads /proc/net/tcp", "linux"))',
      ].join('\n'),
    );
    expect(stdout).toBe(
      'lifecycle.py needs Linux (it reads /proc/net/tcp); skipped on darwin\nNone\n',
    );
  });

  it('lifecycle.py off Linux: one line, exit 0, as its TypeScript twin', async () => {
    const { stdout, stderr } = await pythonSays(asIfOn('darwin', 'lifecycle.py'));
    expect([stdout, stderr]).toEqual([
      "lifecycle.py needs Linux (the kernel's view of each socket is read from /proc/net/tcp); skipped on darwin\n",
      '',
    ]);
  });

  it('tcp_entries() off Linux: one line naming /proc/net/tcp, not a FileNotFoundError', async () => {
    const failed = await pythonSays(
      [
        'import sys',
        'sys.platform = "darwin"',
        'from netprog.cli import EnvironmentProblem',
        'from netprog.proc_net import tcp_entries',
        'try: tcp_entries()',
        'except EnvironmentProblem as e: print(e)',
      ].join('\n'),
    );
    expect(failed.stdout).toBe(
      "tcp_entries() reads Linux's /proc/net/tcp; darwin has no /proc: it works on Linux only\n",
    );
  });
});
