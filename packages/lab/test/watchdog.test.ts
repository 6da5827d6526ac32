import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startWatchdog, stopReason } from '../src/grade/watchdog.ts';
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
