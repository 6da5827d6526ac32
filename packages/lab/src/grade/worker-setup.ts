// Loaded by vitest inside every test process, before the graded test file (a setupFile). It does
// the three jobs the grader cannot do from outside the process:
//  1. apply the exercise's own time limit (timeoutMs from lab.json) to its tests and hooks;
//  2. keep a heartbeat file saying what the process is doing, since when, and that its event loop
//     still turns (a tick every 200 ms), so the watchdog in the grader can stop a process whose
//     code never yields (an infinite loop blocks vitest's own timers, so only a kill from outside
//     helps) and say which test was running;
//  3. after the file's own cleanup, check that the student's code closed its sockets, and say
//     by each socket's state what was left open;
//  4. record what each test's fixtures saw on the wire (wire-capture.ts).
import { renameSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, vi } from 'vitest';
import { captureWire } from './wire-capture.ts';

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
  /** Date.now() when the phase began. */
  readonly since: number;
  /** Date.now() when this process began grading its file. */
  readonly startedAt: number;
  /** Date.now() at the last tick: it stops advancing when the event loop is blocked. */
  readonly tick: number;
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

const context = inject('netprogLab');
const testPath = expect.getState().testPath ?? '';
const startedAt = Date.now();
let current: Pick<Heartbeat, 'phase' | 'test' | 'since'> = { phase: 'load', since: startedAt };

if (context) {
  const limit = context.timeouts[testPath];
  if (limit !== undefined) vi.setConfig({ testTimeout: limit, hookTimeout: limit });
  const baseline = countSockets();

  beat('load');
  // unref: the ticker alone never keeps the process alive.
  setInterval(write, TICK_MS).unref();
  beforeAll(() => beat('hooks'));
  // fullTestName is "describe > test", the same as TestCase.fullName in the grader.
  beforeEach((context) => beat('test', context.task.fullTestName));
  afterEach(() => beat('hooks'));
  // Registered first, so vitest runs it last: after the test file's own afterAll has closed its
  // fixtures, whatever is still open belongs to the student's code.
  afterAll(async () => {
    beat('cleanup');
    const deadline = Date.now() + SETTLE_MS;
    let leaked = excess(baseline, countSockets());
    while (leaked.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      leaked = excess(baseline, countSockets());
    }
    if (leaked.length > 0) {
      const why = await explainLeaks();
      const error = new Error(
        `left ${leaked.join(' and ')} open after the tests ended: close every socket and server you open (await sock.close(), or \`await using\`)${why}`,
      );
      error.name = 'LabCleanupError'; // explain-failure.ts shows its message as it is
      throw error;
    }
  });
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
// (CLOSE_WAIT: the peer closed and you never did). Empty where /proc cannot tell.
async function explainLeaks(): Promise<string> {
  const { describeSockets, explainLeak } = await import('@netprog/testbed/wire');
  const sockets = (await describeSockets())?.filter((s) => s.state !== 'TIME_WAIT') ?? [];
  const said = sockets.map(explainLeak).join('; ');
  return said === '' ? '' : `. ${said.charAt(0).toUpperCase()}${said.slice(1)}`;
}

function beat(phase: Heartbeat['phase'], test?: string): void {
  current = { phase, test, since: Date.now() };
  write();
}

function write(): void {
  if (!context) return;
  const file = join(context.heartbeatDir, `${process.pid}.json`);
  const heartbeat: Heartbeat = {
    pid: process.pid,
    testPath,
    ...current,
    startedAt,
    tick: Date.now(),
  };
  // Write then rename, so the watchdog never reads half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(heartbeat));
  renameSync(`${file}.tmp`, file);
}

function countSockets(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
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
