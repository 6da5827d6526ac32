// Stops test processes whose code never gives control back. vitest's per-test timeout runs on
// the test process's own event loop, so an infinite loop (`while (true) {}`) silences it; the
// only cure is a kill from outside. The watchdog reads the heartbeat files written by
// worker-setup.ts and SIGKILLs a process when
//  - its event loop has not ticked for longer than the limit plus a grace period: it is blocked
//    (the grace lets vitest's own, gentler timeout fire first when it can, and spares a process
//    that a busy machine has not let run); or
//  - its event loop has not ticked for longer than the limit and, since then, it has burned
//    SPIN_CPU_MS of CPU (read from /proc, where there is one): silent and busy is a loop that never
//    yields, with no need to wait out the grace; or
//  - it has stayed in one phase far longer than any limit allows although it still ticks (an
//    import that awaits forever: vitest has no timeout for that). This backstop is generous, so
//    that a slow but working process on a loaded machine is never killed; or
//  - its file has run longer than the exercise's budget (`budgetMs`) in all, however its time
//    went: twelve tests that each wait out their limit cost the budget, not twelve limits.
// Time is this process's own clock, from when it first saw the file's heartbeat: the test
// process's clock belongs to the student's code, which may have replaced Date.now.
// A killed process's child processes (each in its own process group, worker-setup.ts) are
// killed with it: nothing else would end them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradedFile } from './grading-request.ts';
import { backstopMs, SPIN_CPU_MS } from './limits.ts';
import { processCpuMs } from './process-cpu.ts';
import type { StopReport } from './types.ts';
import type { Heartbeat } from './worker-setup.ts';

/** The time rules of one file. */
export type FileLimits = Pick<GradedFile, 'timeoutMs' | 'budgetMs'>;

export interface WatchdogOptions {
  readonly heartbeatDir: string;
  /** Time rules per absolute test-file path. */
  readonly limits: ReadonlyMap<string, FileLimits>;
  /** Extra time past the limit before killing. */
  readonly graceMs: number;
  readonly pollMs?: number;
  /** Injected for tests; defaults to SIGKILL. */
  readonly kill?: (pid: number) => void;
  /** Kills a process group (a child process of the student's); injected for tests. */
  readonly killGroup?: (pgid: number) => void;
  /** Told about every kill (for --verbose). */
  readonly onKill?: (testPath: string, report: StopReport) => void;
  /** CPU time a process has used, in ms, or undefined where unknown; injected for tests. */
  readonly cpuMs?: (pid: number) => number | undefined;
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
 * Why a process should be stopped now, or undefined if it should not. `runningMs`: how long its
 * file has been running, by the watchdog's clock; `spunMs`: the CPU time it has used since it was
 * first seen silent past its limit (0 when unknown).
 * @example
 * stopReason({ since: 0, tick: 0 } as Heartbeat, { timeoutMs: 5000, budgetMs: 30000 }, 1500, 7000, 7000); // 'blocked'
 */
export function stopReason(
  beat: Heartbeat,
  limits: FileLimits,
  graceMs: number,
  now: number,
  runningMs: number,
  spunMs = 0,
): StopReport['reason'] | undefined {
  const silentMs = now - beat.tick;
  if (silentMs > limits.timeoutMs + graceMs) return 'blocked';
  if (silentMs > limits.timeoutMs && spunMs >= SPIN_CPU_MS) return 'blocked';
  if (runningMs > limits.budgetMs) return 'budget';
  if (now - beat.since > backstopMs(limits.timeoutMs)) return 'overdue';
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
  /** When this watchdog first saw each file's heartbeat, by its own clock. */
  const firstSeen = new Map<string, number>();
  /**
   * Per file, the CPU time of its process when the watchdog first saw it silent past its limit,
   * for the tick it was silent since (a new tick starts over).
   */
  const silentFrom = new Map<string, { tick: number; cpuMs: number }>();
  const cpuMs = options.cpuMs ?? processCpuMs;
  const kill = options.kill ?? ((pid: number) => process.kill(pid, 'SIGKILL'));
  const killGroup = options.killGroup ?? ((pgid: number) => process.kill(-pgid, 'SIGKILL'));
  const stopProcess = (beat: Heartbeat) => {
    for (const pid of [beat.pid, ...(beat.children ?? []).map((c) => -c)]) {
      try {
        if (pid > 0) kill(pid);
        else killGroup(-pid);
      } catch {
        // Already gone (ESRCH).
      }
    }
  };

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
      if (!firstSeen.has(beat.testPath)) firstSeen.set(beat.testPath, now);
      if (ended.has(beat.testPath) || killed.has(beat.testPath)) continue;
      const limits = options.limits.get(beat.testPath);
      if (limits === undefined) continue;
      const runningMs = now - (firstSeen.get(beat.testPath) ?? now);
      const spunMs = cpuSinceSilent(beat, limits, now);
      const reason = stopReason(beat, limits, options.graceMs, now, runningMs, spunMs);
      if (!reason) continue;
      const report: StopReport = {
        reason,
        phase: beat.phase,
        test: beat.test,
        limitMs: limits.timeoutMs,
        budgetMs: limits.budgetMs,
        afterMs: runningMs,
      };
      killed.set(beat.testPath, report);
      options.onKill?.(beat.testPath, report);
      stopProcess(beat);
    }
  }

  // CPU time used since the process was first seen silent past its limit; 0 while it is not, or
  // where CPU time cannot be read.
  function cpuSinceSilent(beat: Heartbeat, limits: FileLimits, now: number): number {
    if (now - beat.tick <= limits.timeoutMs) return 0;
    const used = cpuMs(beat.pid);
    if (used === undefined) return 0;
    const from = silentFrom.get(beat.testPath);
    if (from === undefined || from.tick !== beat.tick) {
      silentFrom.set(beat.testPath, { tick: beat.tick, cpuMs: used });
      return 0;
    }
    return used - from.cpuMs;
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
        if (!ended.has(beat.testPath)) stopProcess(beat);
      }
    },
    stop: () => clearInterval(timer),
  };
}
