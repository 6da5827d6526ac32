// Starts one server of the benchmark in a process of its own, as a reader would start it
// (node with @netprog/run-ts: file --port 0), and reads its URL from the first line it prints. A fresh
// process per measurement: a server that has already served other loads measures differently.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RUN_TS } from '@netprog/run-ts';

const CHAPTER = fileURLToPath(new URL('..', import.meta.url));

/** A running server process. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** CPU time (user + system) the process has used so far, in seconds; NaN without /proc. */
  cpuSeconds(): number;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100; // USER_HZ on every mainstream Linux
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process from /proc/PID/stat (fields 14 and 15, after the command name). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts `file` (relative to the chapter folder) with `--port 0` and waits for its URL.
 *
 * @example
 * const server = await startServerProcess('examples/event-loop-server.ts');
 * // ... load server.url ...
 * await server.stop();
 */
export async function startServerProcess(
  file: string,
  args: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...RUN_TS, file, '--port', '0', ...args], {
    cwd: CHAPTER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await firstUrl(child, file);
  const pid = child.pid ?? -1;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url,
    pid,
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function firstUrl(child: ChildProcess, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${file} ${why}\n${stdout}${stderr}`));
    };
    const timer = setTimeout(() => fail('printed no URL within 30 s'), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => fail(`exited (code ${code}) before printing its URL`));
  });
}
