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

describe('stopReason', () => {
  test('a process whose event loop stopped ticking is blocked after the limit plus the grace', () => {
    expect(stopReason(beat({}), 2000, 1000, 3_999)).toBeUndefined();
    expect(stopReason(beat({}), 2000, 1000, 4_001)).toBe('blocked');
  });

  test('a process that still ticks is only stopped far past its limit', () => {
    // backstop for 2000 ms: 3 × 2000 + 10 s = 16 s in one phase
    expect(stopReason(beat({ tick: 16_900 }), 2000, 1000, 17_000)).toBeUndefined();
    expect(stopReason(beat({ tick: 17_100 }), 2000, 1000, 17_100)).toBe('overdue');
  });
});

describe('watchdog', () => {
  const start = (killed: number[]) =>
    startWatchdog({
      heartbeatDir: dir,
      limits: new Map([['/lab/tests/a.test.ts', 2000]]),
      graceMs: 1000,
      pollMs: 60_000, // checks are driven by hand below
      kill: (pid) => killed.push(pid),
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
        afterMs: 4_000,
      });
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
