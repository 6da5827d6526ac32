// Runs a lab's graded test files in a separate grading process: `vitest run` with
// grading-config.ts, in its own process group. Three reasons for a separate process:
//  - speed: under a TypeScript loader's hooks (the CLI runs on @netprog/run-ts) every module
//    vitest imports passes through the loader thread; under tsx's, that cost about four times the
//    CPU of a plain `node` import (measured: 2.3 s against 0.6 s);
//  - a last line of defence: whatever goes wrong inside vitest, the grader can kill the whole
//    process group (vitest and every test process) and still report;
//  - the grader's own process stays clean (no exit code, no handles left by vitest).
// Inside, the watchdog (reporter.ts, watchdog.ts) stops test processes that hang; this file only
// guards against the grading process itself stalling, and cancels on request.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killMarked } from './escaped-processes.ts';
import { gradingMark, killGroup, startGradingProcess, takeEarly } from './grading-process.mjs';
import type { GradedFile, GradingRequest } from './grading-request.ts';
import type { ImportGuardRequest } from './import-guard.ts';
import { KILL_GRACE_MS } from './limits.ts';
import { newResultKey, type Unsealed, unsealResult } from './sealed-result.ts';
import type { RawModule, RawRun, Target } from './types.ts';

/**
 * With no sign of life from the grading process for this long, the grader stops it. Its reporter
 * says it is alive every 5 s (ALIVE_MS in reporter.ts), however long a test takes, so silence
 * means vitest itself is stuck. A last resort: generous, because a loaded machine can be slow.
 */
const STALL_MS = 30_000;

/** Grading processes still running, killed if the CLI exits first (Ctrl-C, a crash). */
const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) killGroup(pid);
});

export interface RunRequest {
  /** The lab folder. */
  readonly labDir: string;
  readonly target: Target;
  /** The environment the grading process starts from (see GradeOptions). */
  readonly env: NodeJS.ProcessEnv;
  /** Graded test files relative to the lab folder, each with its limits. */
  readonly files: readonly GradedFile[];
  readonly graceMs?: number;
  /** Where transformed modules are cached between runs (see GradingRequest); none if undefined. */
  readonly moduleCacheDir?: string;
  /** The lab's import rules (import-guard.ts); none enforced while grading when undefined. */
  readonly imports?: ImportGuardRequest;
  /** Files graded in place of exercise files (see GradingRequest). */
  readonly substitutes?: Readonly<Record<string, string>>;
  /** Test processes at a time (see GradingRequest). */
  readonly maxWorkers?: number;
  /** Where transcripts go (see GradingRequest). */
  readonly wire?: GradingRequest['wire'];
  /** The fixtures' seed (see GradingRequest). */
  readonly seed?: number;
  /** Cancels the run: the grading process and every test process are killed. */
  readonly signal?: AbortSignal;
}

export interface RunOutcome extends RawRun {
  /** Set when the run was cut short (stall or cancel): why. */
  readonly interrupted?: string;
  /** Set when the result file's seal did not hold (sealed-result.ts): why. No result is kept. */
  readonly tampered?: string;
  /** Everything the grading process printed: vitest's own output and the reporter's trace. */
  readonly log: string;
}

/**
 * Runs the given test files once and reports what each did.
 * @example
 * const run = await runVitest({ labDir, target: 'exercises', env: process.env,
 *   files: [{ testFile: 'tests/connect.test.ts', timeoutMs: 5000 }] });
 * run.modules[0].tests.map((t) => t.state); // ['passed', 'failed']
 */
export async function runVitest(run: RunRequest): Promise<RunOutcome> {
  const workDir = mkdtempSync(join(tmpdir(), 'netprog-lab-'));
  const request: GradingRequest = {
    labDir: resolve(run.labDir),
    target: run.target,
    files: run.files,
    graceMs: run.graceMs ?? KILL_GRACE_MS,
    heartbeatDir: join(workDir, 'heartbeats'),
    resultFile: join(workDir, 'result.json'),
    resultKey: newResultKey(),
    moduleCacheDir: run.moduleCacheDir,
    imports: run.imports,
    substitutes: run.substitutes,
    maxWorkers: run.maxWorkers,
    wire: run.wire,
    seed: run.seed,
  };
  mkdirSync(request.heartbeatDir);
  try {
    const { log, interrupted } = await runGradingProcess(request, run.env, run.signal);
    const read = readResult(request.resultFile, request.resultKey);
    if (read?.ok) return { ...read.run, interrupted, log };
    // A process this grader stopped may have left half a file; otherwise a file that fails its
    // seal was written by something else.
    const tampered = read?.ok === false && interrupted === undefined ? read.reason : undefined;
    const reason =
      interrupted ??
      (tampered
        ? `the grading's results were rewritten before the grader read them (${tampered}), so none is trusted`
        : 'the grading process ended without results (run with --verbose to see why)');
    return {
      modules: run.files.map(({ testFile }) => notRun(testFile)),
      unhandled: [],
      interrupted: reason,
      tampered,
      log,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function runGradingProcess(
  request: GradingRequest,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<{ log: string; interrupted?: string }> {
  return new Promise((done) => {
    let interrupted: string | undefined;
    let lastSignOfLife = Date.now();
    // A spare started before the request, if any: by bin/lab.mjs while the CLI was loading, or
    // by watch mode after the last grading (grading-process.mjs). Spares start from this
    // process's environment, so a grading asked to start from another one does not take it.
    const early = env === process.env ? takeEarly() : undefined;
    const child = early ?? startGradingProcess(env);
    let log = early ? 'grading process: a spare started before the request\n' : '';
    // A process that died before reading it: its 'close' below says so.
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(request));
    const pid = child.pid;
    if (pid !== undefined) live.add(pid);
    const collect = (chunk: Buffer) => {
      log += chunk.toString();
      lastSignOfLife = Date.now();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const stop = (reason: string) => {
      interrupted ??= reason;
      if (pid !== undefined) killGroup(pid);
    };
    const stallGuard = setInterval(() => {
      if (Date.now() - lastSignOfLife > STALL_MS) {
        stop('grading stalled: the grading process stopped reporting, so the grader stopped it');
      }
    }, 500);
    const onAbort = () => stop('grading was cancelled');
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      log += `could not start vitest: ${error.message}\n`;
    });
    child.on('close', () => {
      clearInterval(stallGuard);
      signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) {
        // Test processes the watchdog could not reach (none expected) go with the group.
        killGroup(pid);
        live.delete(pid);
      }
      // And processes that left the group, still marked as this grading's.
      const escaped = killMarked(gradingMark(child));
      if (escaped.length > 0) {
        log += `killed ${escaped.length} process(es) the grading started outside its process group: ${escaped.join(', ')}\n`;
      }
      done({ log, interrupted });
    });
  });
}

/** The sealed results in `file`; undefined when there is no file (the process died first). */
function readResult(file: string, key: string): Unsealed | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return unsealResult(text, key);
}

function notRun(testFile: string): RawModule {
  return { testFile, state: 'pending', duration: 0, errors: [], tests: [], output: '' };
}
