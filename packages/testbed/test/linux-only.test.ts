// The Linux-only helpers, tested on Linux by faking the platform: the one line an example prints,
// how it exits, and what vitest makes of a Linux-only suite and test on macOS (skipped, with the
// reason, the suite's tests still counted, nothing in them run, hooks included).

import { fileURLToPath } from 'node:url';
import type { RunnerTask, RunnerTestSuite } from 'vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExample } from '../src/examples/run-example.ts';
import { exitUnlessLinux, onLinuxOrSay } from '../src/linux-only/examples.ts';
import { linuxOnlyNote, linuxOnlyReason } from '../src/linux-only/reason.ts';
import { linuxOnly } from '../src/linux-only/tests.ts';
import { straceUnavailable } from '../src/strace/index.ts';
import { fakeDnsSandboxUnavailable } from '../src/tools/index.ts';

describe('linuxOnlyReason', () => {
  it('says what needs Linux, why, and where it was skipped', () => {
    expect(linuxOnlyReason('netstat-scene.ts', 'it reads /proc/net and runs ss', 'darwin')).toBe(
      'netstat-scene.ts needs Linux (it reads /proc/net and runs ss); skipped on darwin',
    );
    expect(linuxOnlyNote('getent is glibc', 'win32')).toBe(
      'needs Linux (getent is glibc); skipped on win32',
    );
  });

  it('says nothing on Linux', () => {
    expect(linuxOnlyReason('netstat-scene.ts', 'it reads /proc/net', 'linux')).toBeUndefined();
    expect(linuxOnlyNote('it reads /proc/net', 'linux')).toBeUndefined();
  });
});

/** A fake shell: what was printed and with which code the example exited. */
function fakeShell(platform: string) {
  const printed: string[] = [];
  const exits: number[] = [];
  return {
    printed,
    exits,
    options: {
      platform,
      print: (line: string) => printed.push(line),
      exit: (code: number) => exits.push(code),
    },
  };
}

describe('exitUnlessLinux', () => {
  it('elsewhere prints one line and exits 0, or the code the example documents', () => {
    const mac = fakeShell('darwin');
    exitUnlessLinux('backlog.ts', 'ss shows the accept queue', mac.options);
    expect(mac.printed).toEqual([
      'backlog.ts needs Linux (ss shows the accept queue); skipped on darwin',
    ]);
    expect(mac.exits).toEqual([0]);
    const windows = fakeShell('win32');
    exitUnlessLinux('backlog.ts', 'ss', { ...windows.options, exitCode: 3 });
    expect(windows.exits).toEqual([3]);
  });

  it('on Linux prints nothing and goes on', () => {
    const linux = fakeShell('linux');
    exitUnlessLinux('backlog.ts', 'ss shows the accept queue', linux.options);
    expect([linux.printed, linux.exits]).toEqual([[], []]);
  });
});

describe('onLinuxOrSay', () => {
  it('runs the part on Linux, and elsewhere says in one line why not', () => {
    const linux = fakeShell('linux');
    expect(onLinuxOrSay("the kernel's tables", 'it reads /proc/net', linux.options)).toBe(true);
    expect(linux.printed).toEqual([]);
    const mac = fakeShell('darwin');
    expect(onLinuxOrSay("the kernel's tables", 'it reads /proc/net', mac.options)).toBe(false);
    expect(mac.printed).toEqual([
      "the kernel's tables needs Linux (it reads /proc/net); skipped on darwin",
    ]);
    expect(mac.exits).toEqual([]);
  });
});

describe('a Linux-only example, run as macOS would run it', () => {
  const example = fileURLToPath(new URL('./fixtures/linux-only-example.ts', import.meta.url));

  it('prints its lines and exits 0 (runExample({ platform }) fakes process.platform)', async () => {
    const [onMacOs, onLinux] = await Promise.all([
      runExample(example, [], { platform: 'darwin' }),
      runExample(example, [], { platform: 'linux' }),
    ]);
    expect([onMacOs.stdout, onMacOs.stderr, onMacOs.code]).toEqual([
      'a part needs Linux (it reads /proc/net); skipped on darwin\n' +
        'linux-only-example.ts needs Linux (it reads /proc/net); skipped on darwin\n',
      '',
      0,
    ]);
    expect([onLinux.stdout, onLinux.code]).toEqual(['the part ran\nran on Linux\n', 0]);
  });
});

describe("testbed's Linux-only tools off Linux", () => {
  it('say so in the same words, without trying to run strace or unshare', async () => {
    expect(await straceUnavailable('darwin')).toBe(
      'strace needs Linux (strace traces Linux system calls); skipped on darwin',
    );
    expect(await fakeDnsSandboxUnavailable('win32')).toBe(
      'the fake-DNS sandbox needs Linux (a private network namespace: unshare -rnm, ip); skipped on win32',
    );
  });
});

// A Linux-only suite and test as vitest collects them on macOS; the last test below reads back
// what became of them. Nothing inside them may run.
const ran: string[] = [];
const onMac = linuxOnly('it reads /proc/net', 'darwin');
onMac.describe('a Linux-only suite', () => {
  beforeAll(() => {
    ran.push('beforeAll');
  });
  it('first', () => {
    ran.push('first');
  });
  it('second', () => {
    ran.push('second');
  });
});
onMac.it('a Linux-only test', { timeout: 1_000 }, () => {
  ran.push('a Linux-only test');
});
const onLinux = linuxOnly('it reads /proc/net', 'linux');
onLinux.describe('a suite on Linux', () => {
  it('runs', () => {
    ran.push('runs');
  });
});
onLinux.it('a test on Linux', () => {
  ran.push('a test on Linux');
});

/** Every task of the file by name, suites and tests. */
function byName(tasks: readonly RunnerTask[], found = new Map<string, RunnerTask>()) {
  for (const task of tasks) {
    found.set(task.name, task);
    if (task.type === 'suite') byName((task as RunnerTestSuite).tasks, found);
  }
  return found;
}

describe('linuxOnly', () => {
  it('knows the note only off Linux', () => {
    expect(onMac.skipped).toBe('needs Linux (it reads /proc/net); skipped on darwin');
    expect(onLinux.skipped).toBeUndefined();
  });

  it('on macOS skips a suite with the note in its name, keeping its tests; on Linux runs them', (context) => {
    const tasks = byName(context.task.file.tasks);
    const suite = tasks.get(
      'a Linux-only suite [needs Linux (it reads /proc/net); skipped on darwin]',
    ) as RunnerTestSuite;
    expect(suite.mode).toBe('skip');
    // Still two tests: a graded file runs the count lab.json records on every platform.
    expect(suite.tasks.map((t) => [t.name, t.result?.state ?? t.mode])).toEqual([
      ['first', 'skip'],
      ['second', 'skip'],
    ]);
    const test = tasks.get('a Linux-only test');
    // The runner keeps context.skip's note on the result (the reporter prints it beside the
    // test), but vitest's TaskResult type does not list it.
    const note = (test?.result as { note?: string } | undefined)?.note;
    expect([test?.result?.state, note]).toEqual([
      'skip',
      'needs Linux (it reads /proc/net); skipped on darwin',
    ]);
    expect(ran).toEqual(['runs', 'a test on Linux']);
  });
});
