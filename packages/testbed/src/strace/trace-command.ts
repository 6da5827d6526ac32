// Running a command under strace and reading back where it tried to connect (the I/O shell of
// parse-trace.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linuxOnlyNote } from '../linux-only/reason.ts';
import { parseTrace, type TracedDestination } from './parse-trace.ts';

/** The syscalls that name a destination (connect, and the sends that carry one), and socket(), which says whether a descriptor is UDP. */
export const TRACED_SYSCALLS = 'socket,connect,sendto,sendmsg,sendmmsg';

export interface TraceOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command after this long (default 10 minutes). */
  timeoutMs?: number;
  /**
   * Make every connect fail with ENETUNREACH without performing it (strace's fault injection),
   * so that even a connect off the machine never happens: for checking what a program WOULD
   * reach. Loopback connects fail too, so only for programs that do not need them.
   */
  failConnects?: boolean;
  /** More syscalls to trace, e.g. a marker the program makes between steps (`access`). */
  alsoTrace?: readonly string[];
}

export interface TraceResult {
  destinations: TracedDestination[];
  /** strace's whole output, for splitting at markers. */
  trace: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Whether strace can trace here: on Linux (strace is a Linux tool), installed, and allowed to
 * (ptrace may be forbidden in a container). Resolves with the reason when it cannot.
 *
 * @example
 * const missing = await straceUnavailable(); if (missing) context.skip(missing);
 */
export async function straceUnavailable(
  platform: string = process.platform,
): Promise<string | undefined> {
  const notLinux = linuxOnlyNote('strace traces Linux system calls', platform);
  if (notLinux !== undefined) return `strace ${notLinux}`;
  return new Promise((resolve) => {
    execFile('strace', ['-qq', '-e', 'trace=none', 'true'], { timeout: 10_000 }, (error) => {
      if (error === null) resolve(undefined);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        resolve('strace is not installed');
      else resolve(`strace cannot trace here: ${error.message.split('\n')[0]}`);
    });
  });
}

/**
 * Runs `command args` under `strace -f` (following every child process and thread) and resolves
 * with every IPv4/IPv6 destination it or its children passed to connect or a send, plus how the
 * command ended. Never rejects because the command failed; rejects if strace cannot run.
 *
 * @example
 * const { destinations } = await traceCommand('python3', ['-c', 'import socket; socket.gethostbyname("localhost")']);
 */
export async function traceCommand(
  command: string,
  args: readonly string[],
  options: TraceOptions = {},
): Promise<TraceResult> {
  const { cwd, env, timeoutMs = 600_000, failConnects = false, alsoTrace = [] } = options;
  const syscalls = [TRACED_SYSCALLS, ...alsoTrace].join(',');
  const folder = await mkdtemp(join(tmpdir(), 'netprog-strace-'));
  const output = join(folder, 'trace.txt');
  const inject = failConnects ? ['-e', 'inject=connect:error=ENETUNREACH'] : [];
  try {
    const ended = await new Promise<Omit<TraceResult, 'destinations' | 'trace'>>(
      (resolve, reject) => {
        execFile(
          'strace',
          [
            '-f',
            '--seccomp-bpf',
            '-qq',
            '-o',
            output,
            '-e',
            `trace=${syscalls}`,
            ...inject,
            command,
            ...args,
          ],
          { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
              reject(new Error('strace is not installed (Debian: apt-get install strace)'));
              return;
            }
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
            resolve({ code, stdout, stderr });
          },
        );
      },
    );
    const trace = await readFile(output, 'utf8').catch(() => '');
    return { destinations: parseTrace(trace), trace, ...ended };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
