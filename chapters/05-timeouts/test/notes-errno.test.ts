// The Python notes print errno numbers from macOS (60, 35, 36) with Linux's meanings in brackets.
// The chapter says what each number really is on Linux and macOS and what Linux prints instead;
// this checks those claims on the machine running the tests, and against Python itself.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { errnoName, errnoNumber, errnoReference, errorcode, socket } from '@netprog/socket-core';
import { listenBlackhole } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const onLinux = linuxOnly("Linux's own numbers are checked on Linux");
const silentPort = linuxOnly("testbed's blackhole is a full accept queue, whose SYNs Linux drops");
/** A number from the reference table, never written out here. */
const reference = (name: string, column: 'linux' | 'darwin') =>
  errnoReference.find((row) => row.name === name)?.[column];

describe("the notes' numbers", () => {
  // The notes' own numbers, as printed there: what the table's macOS column must say.
  it('are macOS numbers: 60, 35 and 36 are ETIMEDOUT, EAGAIN and EINPROGRESS there', () => {
    const names = ['ETIMEDOUT', 'EAGAIN', 'EINPROGRESS'];
    expect(names.map((name) => reference(name, 'darwin'))).toEqual([60, 35, 36]);
  });

  onLinux.it('mean something else on Linux, which prints 110, 11 and 115 instead', () => {
    const names = ['ETIMEDOUT', 'EAGAIN', 'EINPROGRESS'];
    expect(names.map(errnoNumber)).toEqual(names.map((name) => reference(name, 'linux')));
    // The notes' bracketed meanings are Linux's meanings of the macOS numbers.
    const [timedOut = 0, again = 0] = ['ETIMEDOUT', 'EAGAIN'].map((n) => reference(n, 'darwin'));
    expect([errorcode[timedOut], errorcode[again]]).toEqual(['ENOSTR', 'EDEADLK']);
    expect([os.constants.errno.ENOSTR, os.constants.errno.EDEADLK]).toEqual([timedOut, again]);
    expect(errnoName(os.constants.errno.ETIMEDOUT)).toBe('ETIMEDOUT');
  });
});

/** What Python's connect_ex returns for `address` in the given mode, or null without python3. */
async function pythonConnectEx(
  [host, port]: readonly [string, number],
  mode: 'non-blocking' | 'timeout 0.3 s',
): Promise<number | null> {
  const setup = mode === 'non-blocking' ? 's.setblocking(False)' : 's.settimeout(0.3)';
  const script = `import socket\ns = socket.socket()\n${setup}\nprint(s.connect_ex((${JSON.stringify(host)}, ${port})))\ns.close()`;
  try {
    return Number((await run('python3', ['-c', script], { timeout: 10_000 })).stdout.trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

silentPort.describe("connectEx returns what Python's connect_ex returns", () => {
  it('on a timeout: EAGAIN, not ETIMEDOUT', async (context) => {
    await using hole = await listenBlackhole();
    const python = await pythonConnectEx(hole.address, 'timeout 0.3 s');
    if (python === null) return context.skip('python3 is not installed');
    await using s = socket();
    s.settimeout(300);
    expect(await s.connectEx(hole.address)).toBe(python);
    expect(errnoName(python)).toBe('EAGAIN');
  });

  it('on a non-blocking socket: EINPROGRESS', async (context) => {
    await using hole = await listenBlackhole();
    const python = await pythonConnectEx(hole.address, 'non-blocking');
    if (python === null) return context.skip('python3 is not installed');
    await using s = socket();
    s.setblocking(false);
    expect(await s.connectEx(hole.address)).toBe(python);
    expect(errnoName(python)).toBe('EINPROGRESS');
  });
});
