// Stops test processes whose code never gives control back. vitest's per-test timeout runs on
// the test process's own event loop, so an infinite loop (`while (true) {}`) silences it; the
// only cure is a kill from outside. The watchdog reads the heartbeat files written by
// worker-setup.ts and SIGKILLs a process when
//  - its event loop has not ticked for longer than the limit plus a grace period: it is blocked
//    (the grace lets vitest's own, gentler timeout fire first when it can); or
//  - it has stayed in one phase far longer than any limit allows although it still ticks (an
//    import that awaits forever: vitest has no timeout for that). This backstop is generous, so
//    that a slow but working process on a loaded machine is never killed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backstopMs } from './limits.ts';
import type { StopReport } from './types.ts';
import type { Heartbeat } from './worker-setup.ts';

export interface WatchdogOptions {
  readonly heartbeatDir: string;
  /** Time limit per absolute test-file path, in milliseconds. */
  readonly limits: ReadonlyMap<string, number>;
  /** Extra time past the limit before killing. */
  readonly graceMs: number;
  readonly pollMs?: number;
  /** Injected for tests; defaults to SIGKILL. */
  readonly kill?: (pid: number) => void;
  /** Told about every kill (for --verbose). */
  readonly onKill?: (testPath: string, report: StopReport) => void;
}

export interface Watchdog {
  /** Test files whose process the watchdog killed, and why. */
  readonly killed: ReadonlyMap<string, StopReport>;
  /** The last heartbeat seen per test file: where a process was when it died. */
  readonly lastBeats: ReadonlyMap<string, Heartbeat>;
  /** Test files vitest reported finished. */
  readonly ended: ReadonlySet<string>;
  /** Call when vitest reports a file finished: its process is no longer watched. */
  markEnded(testPath: string): void;
  /** Reads the heartbeats once and kills what is overdue (also called by the timer). */
  check(now?: number): void;
  /** Kills every process still running a file (used when grading is cancelled). */
  killAll(): void;
  stop(): void;
}

/**
 * Why a process should be stopped now, or undefined if it should not.
 * @example
 * stopReason({ since: 0, tick: 0 } as Heartbeat, 5000, 1500, 7000); // 'blocked'
 */
export function stopReason(
  beat: Heartbeat,
  limitMs: number,
  graceMs: number,
  now: number,
): StopReport['reason'] | undefined {
  if (now - beat.tick > limitMs + graceMs) return 'blocked';
  if (now - beat.since > backstopMs(limitMs)) return 'overdue';
  return undefined;
}

/**
 * Starts polling the heartbeat folder.
 * @example
 * const watchdog = startWatchdog({ heartbeatDir, limits, graceMs: 1500 });
 * try { await vitest.start(); } finally { watchdog.stop(); }
 */
export function startWatchdog(options: WatchdogOptions): Watchdog {
  const killed = new Map<string, StopReport>();
  const lastBeats = new Map<string, Heartbeat>();
  const ended = new Set<string>();
  const kill = options.kill ?? ((pid: number) => process.kill(pid, 'SIGKILL'));

  function read(): Heartbeat[] {
    let names: string[];
    try {
      names = readdirSync(options.heartbeatDir).filter((name) => name.endsWith('.json'));
    } catch {
      return [];
    }
    const beats: Heartbeat[] = [];
    for (const name of names) {
      try {
        beats.push(JSON.parse(readFileSync(join(options.heartbeatDir, name), 'utf8')) as Heartbeat);
      } catch {
        // Replaced between readdir and read: the next poll sees the new one.
      }
    }
    return beats;
  }

  function check(now = Date.now()): void {
    for (const beat of read()) {
      lastBeats.set(beat.testPath, beat);
      if (ended.has(beat.testPath) || killed.has(beat.testPath)) continue;
      const limit = options.limits.get(beat.testPath);
      if (limit === undefined) continue;
      const reason = stopReason(beat, limit, options.graceMs, now);
      if (!reason) continue;
      const report: StopReport = {
        reason,
        phase: beat.phase,
        test: beat.test,
        limitMs: limit,
        afterMs: now - beat.startedAt,
      };
      killed.set(beat.testPath, report);
      options.onKill?.(beat.testPath, report);
      try {
        kill(beat.pid);
      } catch {
        // Already gone (ESRCH): it died on its own as we decided.
      }
    }
  }

  const timer = setInterval(() => check(), options.pollMs ?? 100);
  return {
    killed,
    lastBeats,
    ended,
    markEnded(testPath) {
      ended.add(testPath);
    },
    check,
    killAll() {
      for (const beat of read()) {
        if (ended.has(beat.testPath)) continue;
        try {
          kill(beat.pid);
        } catch {
          // Already gone.
        }
      }
    },
    stop: () => clearInterval(timer),
  };
}
