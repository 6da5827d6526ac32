// The pre-fork server survives the death of a child: kill -9 one, and every request is still
// answered (the parent hands connections to the live children only), the parent says so, and a
// new child takes the dead one's place. The server runs as a reader runs it, in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RUN_TS } from '@netprog/run-ts';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { afterAll, expect, it } from 'vitest';

const CHAPTER = fileURLToPath(new URL('..', import.meta.url));
let server: ChildProcess | undefined;
let stderr = '';

afterAll(async () => {
  if (server === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, 'exit');
  server.kill('SIGTERM'); // the parent stops, and its children exit when their channels close
  await within(exited, 10_000, 'the pre-fork server to exit after SIGTERM');
});

/** Waits (bounded) until stderr has a line matching `pattern`; returns the match. */
function stderrLine(pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return within(
    new Promise<RegExpExecArray>((resolve) => {
      const check = () => {
        const match = pattern.exec(stderr);
        if (match === null) return;
        server?.stderr?.off('data', check);
        resolve(match);
      };
      server?.stderr?.on('data', check);
      check();
    }),
    30_000,
    what,
  );
}

/** The child processes of `pid` (Linux: /proc/PID/task/PID/children). */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/ +/)
    .filter((field) => field !== '')
    .map(Number);
}

/** `count` requests, one connection each (round-robin over the children); who answered each. */
async function askMany(url: string, count: number): Promise<string[]> {
  const answeredBy: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${url}primes?below=10`, {
      headers: { Connection: 'close' },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('4 primes below 10\n');
    answeredBy.push(response.headers.get('x-served-by') ?? '');
  }
  return answeredBy;
}

const linux = linuxOnly("a child's processes are read from /proc/PID/task/PID/children");
linux.describe('pre-fork server', () => {
  it('replaces a child killed with kill -9, logs it, and keeps answering', {
    timeout: 90_000,
  }, async () => {
    server = spawn(
      process.execPath,
      [...RUN_TS, 'examples/prefork-server.ts', '--port', '0', '--workers', '2'],
      { cwd: CHAPTER, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let stdout = '';
    const url = await within(
      new Promise<string>((resolve) => {
        server?.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
          if (match !== null) resolve(match[0]);
        });
      }),
      30_000,
      'the pre-fork server to print its URL',
    );
    const pid = server.pid ?? -1;
    const [victim, survivor] = childrenOf(pid);
    expect(victim).toBeGreaterThan(0);
    expect(survivor).toBeGreaterThan(0);
    expect(new Set(await askMany(url, 4))).toEqual(
      new Set([`process ${victim}`, `process ${survivor}`]),
    );

    process.kill(victim ?? -1, 'SIGKILL');
    await stderrLine(
      new RegExp(`child ${victim} died \\(SIGKILL\\); starting another`),
      'the parent to log the death',
    );
    // Before the new child is up, the survivor takes every connection.
    const during = await askMany(url, 6);
    expect(during.every((by) => by !== `process ${victim}`)).toBe(true);

    const [, fresh] = await stderrLine(
      new RegExp(`child (\\d+) replaces child ${victim}`),
      'the parent to log the new child',
    );
    expect(childrenOf(pid).sort()).toEqual([Number(fresh), survivor].sort());
    expect(new Set(await askMany(url, 4))).toEqual(
      new Set([`process ${fresh}`, `process ${survivor}`]),
    );
  });
});
