// Grades one lab once: checks the protected test files, runs the graded tests, scores them.
import { join } from 'node:path';
import { checkTestIntegrity } from '../manifest/hash.ts';
import { budgetOf, type Lab, timeoutOf } from '../manifest/types.ts';
import { stateDir } from '../state/progress.ts';
import { labTotals } from './merge-results.ts';
import { trimModuleCache } from './module-cache.ts';
import { runVitest } from './run-vitest.ts';
import { scoreExercise } from './score.ts';
import type { LabResult, RawError, Target } from './types.ts';

export interface GradeOptions {
  /** 'exercises' grades the student's files; 'solutions' the reference solutions. */
  readonly target: Target;
  readonly signal?: AbortSignal;
  /** Overrides the watchdog's grace period (tests use a short one). */
  readonly graceMs?: number;
  /** Grade only these exercises (ids), in the manifest's order; default every one. */
  readonly only?: readonly string[];
  /**
   * Files graded in place of exercise files, lab-relative (see GradingRequest). Such a grading
   * skips the module cache: its aliases make every cache key new, so the cache would only grow.
   */
  readonly substitutes?: Readonly<Record<string, string>>;
  /** Test processes at a time (verify runs two gradings of one process each). */
  readonly maxWorkers?: number;
}

export interface Graded {
  readonly result: LabResult;
  /** Grader-level notes for --verbose: errors vitest could not place, the run being cut short. */
  readonly notes: readonly string[];
  /** What vitest itself printed. */
  readonly log: string;
}

/**
 * Grades the exercises of a lab: every one, or the `only` ones.
 * @example
 * const { result } = await gradeLab(lab, { target: 'exercises' });
 * console.log(`${result.points}/${result.max}`);
 */
export async function gradeLab(lab: Lab, options: GradeOptions): Promise<Graded> {
  const started = performance.now();
  const exercises = lab.manifest.exercises.filter((e) => options.only?.includes(e.id) ?? true);
  const moduleCacheDir = options.substitutes ? undefined : join(stateDir(lab), 'module-cache');
  if (moduleCacheDir) await trimModuleCache(moduleCacheDir);
  // The grading process first: it needs a second or so to start vitest, on the other core,
  // while this one hashes the test files.
  const running = runVitest({
    labDir: lab.dir,
    target: options.target,
    files: exercises.map((e) => ({
      testFile: e.test,
      timeoutMs: timeoutOf(e),
      budgetMs: budgetOf(e),
    })),
    graceMs: options.graceMs,
    moduleCacheDir,
    substitutes: options.substitutes,
    maxWorkers: options.maxWorkers,
    signal: options.signal,
  });
  const integrity = await checkTestIntegrity(lab);
  const run = await running;
  const results = exercises.map((exercise, index) =>
    scoreExercise(exercise, run.modules[index], lab.dir, run.interrupted),
  );
  const anyStopped = run.modules.some((m) => m.killed || m.died);
  const notes = [
    ...(run.interrupted ? [run.interrupted] : []),
    ...run.unhandled.filter((e) => !(anyStopped && isPoolNoise(e))).map((e) => e.message),
  ];
  const result: LabResult = {
    lab: { id: lab.manifest.id, title: lab.manifest.title, chapter: lab.manifest.chapter },
    target: options.target,
    ...labTotals(results),
    duration: Math.round(performance.now() - started),
    integrity,
    exercises: results,
  };
  return { result, notes, log: run.log };
}

// When the watchdog kills a test process, vitest's pool reports that the worker died; the
// exercise's own result already says so in plain words.
function isPoolNoise(error: RawError): boolean {
  return /^\[vitest-pool\]/.test(error.message);
}
