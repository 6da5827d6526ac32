import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SPIN_CPU_MS } from '../src/grade/limits.ts';
import { startWatchdog, stopReason, type Watchdog } from '../src/grade/watchdog.ts';
import type { Heartbeat } from '../src/grade/worker-setup.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netprog-watchdog-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const beat = (over: Partial<Heartbeat>): Heartbeat => ({
  pid: 4242,
  testPath: '/lab/tests/a.test.ts',
  phase: 'test',
  test: 'loops',
  since: 1_000,
  startedAt: 500,
  tick: 1_000,
  ...over,
});

const limits = { timeoutMs: 2000, budgetMs: 30_000 };

describe('stopReason', () => {
  test('a process whose event loop stopped ticking is blocked after the limit plus the grace', () => {
    expect(stopReason(beat({}), limits, 1000, 3_999, 3_000)).toBeUndefined();
    expect(stopReason(beat({}), limits, 1000, 4_001, 3_000)).toBe('blocked');
  });

  test('a silent process that burns CPU past its limit is blocked without waiting out the grace', () => {
    // Silent for 2.5 s of a 2 s limit: stuck if it spun SPIN_CPU_MS since, not if it sat idle (a
    // busy machine that did not let it run).
    expect(stopReason(beat({}), limits, 1000, 3_500, 2_500, SPIN_CPU_MS)).toBe('blocked');
    expect(stopReason(beat({}), limits, 1000, 3_500, 2_500, SPIN_CPU_MS - 10)).toBeUndefined();
    // Within its limit, however busy: a test may compute for as long as its limit allows.
    expect(stopReason(beat({}), limits, 1000, 2_900, 1_900, 5_000)).toBeUndefined();
  });

  test('a process that still ticks is only stopped far past its limit', () => {
    // backstop for 2000 ms: 3 × 2000 + 10 s = 16 s in one phase
    expect(stopReason(beat({ tick: 16_900 }), limits, 1000, 17_000, 16_000)).toBeUndefined();
    expect(stopReason(beat({ tick: 17_100 }), limits, 1000, 17_100, 16_000)).toBe('overdue');
  });

  test('a file that runs past its budget is stopped, however it spends the time', () => {
    const busy = beat({ since: 29_000, tick: 30_000 });
    expect(stopReason(busy, limits, 1000, 30_000, 29_999)).toBeUndefined();
    expect(stopReason(busy, limits, 1000, 30_000, 30_001)).toBe('budget');
  });
});

describe('watchdog', () => {
  // Kills are recorded: a process by its pid, a process group as minus its leader's pid.
  const start = (killed: number[]) =>
    startWatchdog({
      heartbeatDir: dir,
      limits: new Map([['/lab/tests/a.test.ts', limits]]),
      graceMs: 1000,
      pollMs: 60_000, // checks are driven by hand below
      kill: (pid) => killed.push(pid),
      killGroup: (pgid) => killed.push(-pgid),
      cpuMs: () => undefined, // as where there is no /proc: the grace alone decides
    });

  test('kills a blocked process once, and says where it was', async () => {
    const killed: number[] = [];
    const watchdog = start(killed);
    try {
      await writeFile(join(dir, '4242.json'), JSON.stringify(beat({})));
      watchdog.check(3_500);
      expect(killed).toEqual([]);
      watchdog.check(4_500);
      watchdog.check(9_000);
      expect(killed).toEqual([4242]);
      expect(watchdog.killed.get('/lab/tests/a.test.ts')).toEqual({
        reason: 'blocked',
        phase: 'test',
        test: 'loops',
        limitMs: 2000,
        budgetMs: 30_000,
        // From the first heartbeat the watchdog saw, by its own clock.
        afterMs: 1_000,
      });
    } finally {
      watchdog.stop();
    }
  });

  test('stops a file at its budget by its own clock, with the child processes it started', async () => {
    const killed: number[] = [];
    const watchdog = start(killed);
    try {
      // A process whose clock says nothing ever happens (Date.now = () => 0 in exercise code
      // would look like this if the heartbeat used it): only the budget, by the watchdog's own
      // clock, may stop it, and not as "blocked".
      const ticking = (now: number) => beat({ since: now - 100, tick: now, children: [5151] });
      await writeFile(join(dir, '4242.json'), JSON.stringify(ticking(1_000)));
      watchdog.check(1_000);
      await writeFile(join(dir, '4242.json'), JSON.stringify(ticking(30_900)));
      watchdog.check(30_900);
      expect(killed).toEqual([]);
      await writeFile(join(dir, '4242.json'), JSON.stringify(ticking(31_100)));
      watchdog.check(31_100);
      expect(killed).toEqual([4242, -5151]);
      expect(watchdog.killed.get('/lab/tests/a.test.ts')).toMatchObject({
        reason: 'budget',
        afterMs: 30_100,
      });
    } finally {
      watchdog.stop();
    }
  });

  test('at the end, kills what still runs a file, with its child processes', async () => {
    const killed: number[] = [];
    const watchdog = start(killed);
    try {
      await writeFile(join(dir, '4242.json'), JSON.stringify(beat({ children: [5151, 5252] })));
      watchdog.killAll();
      expect(killed).toEqual([4242, -5151, -5252]);
    } finally {
      watchdog.stop();
    }
  });

  test('leaves finished files alone', async () => {
    const killed: number[] = [];
    const watchdog = start(killed);
    try {
      await writeFile(join(dir, '4242.json'), JSON.stringify(beat({ phase: 'cleanup' })));
      watchdog.markEnded('/lab/tests/a.test.ts');
      watchdog.check(60_000);
      watchdog.killAll();
      expect(killed).toEqual([]);
    } finally {
      watchdog.stop();
    }
  });
});

describe('watchdog, told the CPU time of each process', () => {
  /**
   * Runs `steps` on a watchdog over heartbeat 4242, silent since 1000 on a 2000 ms limit (so past
   * it from 3000 on), whose process has used `cpu.ms` of CPU. Checks are driven by hand.
   */
  async function watchSilent(
    steps: (watchdog: Watchdog, killed: number[], cpu: { ms: number }) => Promise<void> | void,
  ): Promise<void> {
    const killed: number[] = [];
    const cpu = { ms: 5_000 };
    const watchdog = startWatchdog({
      heartbeatDir: dir,
      limits: new Map([['/lab/tests/a.test.ts', limits]]),
      graceMs: 1000,
      pollMs: 60_000,
      kill: (pid) => killed.push(pid),
      cpuMs: () => cpu.ms,
    });
    try {
      await writeFile(join(dir, '4242.json'), JSON.stringify(beat({})));
      await steps(watchdog, killed, cpu);
    } finally {
      watchdog.stop();
    }
  }

  test('kills a silent process once it has spun SPIN_CPU_MS past its limit', () =>
    watchSilent((watchdog, killed, cpu) => {
      // CPU before the limit counts for nothing: a test may compute for as long as it allows.
      watchdog.check(2_900);
      cpu.ms = 5_900;
      watchdog.check(3_100); // first seen silent past the limit: CPU counted from here
      cpu.ms = 5_900 + SPIN_CPU_MS - 10;
      watchdog.check(3_350);
      expect(killed).toEqual([]);
      cpu.ms = 5_900 + SPIN_CPU_MS;
      watchdog.check(3_400);
      expect(killed).toEqual([4242]);
      expect(watchdog.killed.get('/lab/tests/a.test.ts')).toMatchObject({ reason: 'blocked' });
    }));

  test('leaves a silent but idle process (a busy machine) until the grace, and starts over on a tick', () =>
    watchSilent(async (watchdog, killed, cpu) => {
      watchdog.check(3_100);
      cpu.ms = 5_100; // idle-ish: 100 ms of CPU in 800 ms
      watchdog.check(3_900);
      expect(killed).toEqual([]);
      // It ticked: the CPU it used while silent before is forgiven.
      await writeFile(join(dir, '4242.json'), JSON.stringify(beat({ tick: 3_950 })));
      cpu.ms = 5_500;
      watchdog.check(5_960); // silent past the limit again, from here
      cpu.ms = 5_500 + SPIN_CPU_MS - 10;
      watchdog.check(6_900);
      expect(killed).toEqual([]);
      watchdog.check(6_951); // the limit plus the grace
      expect(killed).toEqual([4242]);
    }));
});

// The real thing on Linux: a process in `while (true) {}` and a heartbeat that stopped, watched with
// a grace far longer than the test, so only the CPU it burns can get it stopped in time.
const linux = linuxOnly("a process's CPU time is read from /proc/<pid>/stat");
linux.it(
  'stops a real process spinning past its limit long before the grace, by its CPU time',
  async () => {
    const child = spawn(process.execPath, ['-e', 'while (true) {}'], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    const pid = child.pid ?? 0;
    const testPath = '/lab/tests/spin.test.ts';
    const watchdog = startWatchdog({
      heartbeatDir: dir,
      limits: new Map([[testPath, { timeoutMs: 100, budgetMs: 600_000 }]]),
      graceMs: 600_000,
      pollMs: 20,
    });
    try {
      const now = Date.now();
      await writeFile(
        join(dir, `${pid}.json`),
        JSON.stringify(beat({ pid, testPath, since: now, startedAt: now, tick: now })),
      );
      await exited;
      expect(watchdog.killed.get(testPath)).toMatchObject({ reason: 'blocked' });
    } finally {
      watchdog.stop();
      child.kill('SIGKILL');
    }
  },
  30_000,
);
