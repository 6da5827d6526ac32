// Loaded by vitest inside every test process, before the graded test file (a setupFile). It does
// the jobs the grader cannot do from outside the process:
//  1. apply the exercise's own time limit (timeoutMs from lab.json) to its tests and hooks;
//  2. keep a heartbeat file saying what the process is doing, since when, and that its event loop
//     still turns (a tick every 200 ms), so the watchdog in the grader can stop a process whose
//     code never yields (an infinite loop blocks vitest's own timers, so only a kill from outside
//     helps) and say which test was running;
//  3. after the file's own cleanup, check that the student's code closed its sockets (also those
//     it unref()'d) and that its child processes ended, killing those that did not, and say by
//     each socket's state what was left open;
//  4. record what each test's fixtures saw on the wire (wire-capture.ts).
// Its clock and timers are the ones it found when it loaded, before any exercise code
// (worker-clock.ts).
import { renameSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, vi } from 'vitest';
import { giveUpAfter } from './give-up-after.ts';
import { captureWire } from './wire-capture.ts';
import { graderClock, sleep } from './worker-clock.ts';
import { killChild, trackHandles } from './worker-handles.ts';

/** What the grader passes to every test process (vitest `provide` / `inject`). */
export interface WorkerContext {
  /** Folder where each process writes `<pid>.json`. */
  readonly heartbeatDir: string;
  /** Time limit per absolute test-file path, in milliseconds. */
  readonly timeouts: Readonly<Record<string, number>>;
  /** Where transcripts go, and where the reference solution's are (wire-capture.ts). */
  readonly wire?: {
    readonly labDir: string;
    readonly dir: string;
    readonly referenceDir?: string;
    readonly seed?: number;
  };
}

/** The heartbeat file's content. */
export interface Heartbeat {
  readonly pid: number;
  readonly testPath: string;
  readonly phase: 'load' | 'hooks' | 'test' | 'cleanup';
  readonly test?: string;
  /** The grader's clock (worker-clock.ts) when the phase began. */
  readonly since: number;
  /** The grader's clock when this process began grading its file. */
  readonly startedAt: number;
  /** The grader's clock at the last tick: it stops advancing when the event loop is blocked. */
  readonly tick: number;
  /** Child processes of the student's code still running: each leads its own process group. */
  readonly children?: readonly number[];
}

/** How often a test process proves its event loop is free. */
export const TICK_MS = 200;

declare module 'vitest' {
  interface ProvidedContext {
    netprogLab: WorkerContext;
  }
}

// Handle names from process.getActiveResourcesInfo() that are open network endpoints.
const SOCKET_KINDS: Readonly<Record<string, string>> = {
  TCPServerWrap: 'TCP server',
  TCPSocketWrap: 'TCP socket',
  UDPWrap: 'UDP socket',
};
// Closing is asynchronous (a FIN to deliver, a close callback to run): wait this long before
// calling a socket leaked.
const SETTLE_MS = 500;
/**
 * The most the leak check spends saying what each leaked socket is doing (about 50 ms on a quiet
 * machine; seconds on one shared with dozens of jobs). Its hook has a limit of its own, so a short
 * exercise limit never cuts the explanation, and the same code gets the same words.
 */
const LEAK_EXPLAIN_MS = 8_000;

const context = inject('netprogLab');
const testPath = expect.getState().testPath ?? '';
const startedAt = graderClock.now();
let current: Pick<Heartbeat, 'phase' | 'test' | 'since'> = { phase: 'load', since: startedAt };
const handles = context ? trackHandles(() => write()) : undefined;
// Whatever way this process ends without the cleanup below (a file that failed to load, a
// process.exit vitest let through), its children go with it; the watchdog covers a kill.
process.on('exit', () => {
  for (const child of handles?.runningChildren() ?? []) killChild(child);
});

if (context) {
  const limit = context.timeouts[testPath];
  if (limit !== undefined) vi.setConfig({ testTimeout: limit, hookTimeout: limit });
  const baseline = countSockets();

  beat('load');
  // unref: the ticker alone never keeps the process alive.
  graderClock.setInterval(write, TICK_MS).unref();
  beforeAll(() => beat('hooks'));
  // fullTestName is "describe > test", the same as TestCase.fullName in the grader.
  beforeEach((context) => beat('test', context.task.fullTestName));
  afterEach(() => beat('hooks'));
  // Registered first, so vitest runs it last: after the test file's own afterAll has closed its
  // fixtures, whatever is still open belongs to the student's code.
  afterAll(
    async () => {
      beat('cleanup');
      const leaks = () => ({
        sockets: [
          ...excess(baseline, countSockets()),
          ...(handles?.openUnrefd() ?? []).map((what) => `a ${what} (unref'd)`),
        ],
        children: handles?.runningChildren() ?? [],
      });
      const deadline = graderClock.now() + SETTLE_MS;
      let leaked = leaks();
      while (leaked.sockets.length + leaked.children.length > 0 && graderClock.now() < deadline) {
        await sleep(10);
        leaked = leaks();
      }
      for (const child of leaked.children) killChild(child);
      const problems: string[] = [];
      if (leaked.sockets.length > 0) {
        const why = await explainLeaks();
        problems.push(
          `left ${leaked.sockets.join(' and ')} open after the tests ended: close every socket and server you open (await sock.close(), or \`await using\`; unref() does not close one)${why}`,
        );
      }
      if (leaked.children.length > 0) {
        const children = leaked.children.map(
          (c) => `child process ${c.pid} (${c.spawnargs.join(' ').slice(0, 80)})`,
        );
        problems.push(
          `left ${children.join(' and ')} running after the tests ended, so the grader killed it: end every process you start and wait for its exit (child.kill(), then await once(child, 'exit'))`,
        );
      }
      if (problems.length > 0) {
        const error = new Error(problems.join('; '));
        error.name = 'LabCleanupError'; // explain-failure.ts shows its message as it is
        throw error;
      }
    },
    SETTLE_MS + LEAK_EXPLAIN_MS + 2_000,
  );
  if (context.wire) {
    captureWire({
      wireDir: context.wire.dir,
      referenceDir: context.wire.referenceDir,
      testFile: relative(context.wire.labDir, testPath).split(sep).join('/'),
      seed: context.wire.seed,
    });
  }
}

// What each socket still open is doing, from the kernel's view: its state says who closed what
// (CLOSE_WAIT: the peer closed and you never did). Empty where /proc cannot tell, and on a machine
// so busy that finding out takes longer than LEAK_EXPLAIN_MS: the leak is reported either way.
async function explainLeaks(): Promise<string> {
  const explaining = (async () => {
    const { describeSockets, explainLeak } = await import('@netprog/testbed/wire/sockets');
    const sockets = (await describeSockets())?.filter((s) => s.state !== 'TIME_WAIT') ?? [];
    const said = sockets.map(explainLeak).join('; ');
    return said === '' ? '' : `. ${said.charAt(0).toUpperCase()}${said.slice(1)}`;
  })();
  return giveUpAfter(explaining, LEAK_EXPLAIN_MS, '');
}

function beat(phase: Heartbeat['phase'], test?: string): void {
  current = { phase, test, since: graderClock.now() };
  write();
}

function write(): void {
  if (!context) return;
  const file = join(context.heartbeatDir, `${process.pid}.json`);
  const children = handles?.runningChildren().flatMap((c) => (c.pid ? [c.pid] : [])) ?? [];
  const heartbeat: Heartbeat = {
    pid: process.pid,
    testPath,
    ...current,
    startedAt,
    tick: graderClock.now(),
    ...(children.length > 0 ? { children } : {}),
  };
  // Write then rename, so the watchdog never reads half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(heartbeat));
  renameSync(`${file}.tmp`, file);
}

function countSockets(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of graderClock.activeResources()) {
    if (kind in SOCKET_KINDS) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

function excess(before: Map<string, number>, now: Map<string, number>): string[] {
  const leaked: string[] = [];
  for (const [kind, count] of now) {
    const extra = count - (before.get(kind) ?? 0);
    if (extra > 0) leaked.push(`${extra} ${SOCKET_KINDS[kind]}${extra > 1 ? 's' : ''}`);
  }
  return leaked;
}
