// Grades one lab once: checks the protected test files, runs the graded tests, scores them.
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkTestIntegrity, protectedTestFiles } from '../manifest/hash.ts';
import { budgetOf, type Lab, timeoutOf } from '../manifest/types.ts';
import { stateDir } from '../state/progress.ts';
import { importGuardRequest, importViolations } from './check-imports.ts';
import { forfeit } from './forfeit.ts';
import type { IntegrityProblem } from './integrity.ts';
import { labTotals } from './merge-results.ts';
import { trimModuleCache } from './module-cache.ts';
import { runVitest } from './run-vitest.ts';
import { scoreExercise } from './score.ts';
import { testCountIntegrity, testCountProblem } from './test-count.ts';
import {
  eventsDelivered,
  GRADER_COURSE,
  watchDependencies,
  watchGradedFiles,
  watchGraderFiles,
} from './tripwire.ts';
import type { LabResult, RawError, Target } from './types.ts';
import { wireDirOf, wireFileName } from './wire-file.ts';

export interface GradeOptions {
  /** 'exercises' grades the student's files; 'solutions' the reference solutions. */
  readonly target: Target;
  /**
   * The environment the grading process starts from: the command's (Context's io.env), so that
   * a CLI run inside a test grades with the environment the test gave it, not the test's own.
   */
  readonly env: NodeJS.ProcessEnv;
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
  /**
   * Keep vitest's transformed modules on disk for the next grading (.lab/module-cache); default
   * true. Off for a grading for the record: see keepsModuleCache in module-cache.ts.
   */
  readonly moduleCache?: boolean;
  /** Test processes at a time (verify runs two gradings of one process each). */
  readonly maxWorkers?: number;
  /**
   * NETPROG_SEED for the fixtures that make random choices (loss, delay, dribbling); default a
   * fresh one per grading, reported in the result, so that `--seed N` replays a failure exactly.
   */
  readonly seed?: number;
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
 * const { result } = await gradeLab(lab, { target: 'exercises', env: context.io.env });
 * console.log(`${result.points}/${result.max}`);
 */
export async function gradeLab(lab: Lab, options: GradeOptions): Promise<Graded> {
  const started = performance.now();
  const exercises = lab.manifest.exercises.filter((e) => options.only?.includes(e.id) ?? true);
  const moduleCacheDir =
    options.substitutes || options.moduleCache === false
      ? undefined
      : join(stateDir(lab), 'module-cache');
  if (moduleCacheDir) await trimModuleCache(moduleCacheDir);
  const seed = options.seed ?? randomInt(MAX_DEFAULT_SEED);
  const wire = {
    dir: wireDirOf(stateDir(lab), options.target),
    referenceDir:
      options.target === 'exercises' ? wireDirOf(stateDir(lab), 'solutions') : undefined,
  };
  // `--wire` shows the last grading: an exercise graded now must not keep an older transcript.
  for (const exercise of exercises)
    rmSync(join(wire.dir, wireFileName(exercise.test)), { force: true });
  // Writes to a graded test, to the grader or to a package they run on while the grading runs,
  // which no hash before or after can see.
  const tripwire = watchGradedFiles(lab.dir, protectedTestFiles(lab));
  const graderTripwire = watchGraderFiles([GRADER_COURSE, dirname(dirname(lab.dir))]);
  const dependencyTripwire = watchDependencies(lab.dir);
  // The grading process first: it needs a second or so to start vitest, on the other core,
  // while this one hashes the test files.
  const running = runVitest({
    labDir: lab.dir,
    target: options.target,
    env: options.env,
    files: exercises.map((e) => ({
      testFile: e.test,
      timeoutMs: timeoutOf(e),
      budgetMs: budgetOf(e),
    })),
    graceMs: options.graceMs,
    moduleCacheDir,
    imports: importGuardRequest(lab, options.target),
    substitutes: options.substitutes,
    maxWorkers: options.maxWorkers,
    wire,
    seed,
    signal: options.signal,
  });
  const integrity = await checkTestIntegrity(lab);
  const violations = await importViolations(lab, exercises, options.target);
  const run = await running.finally(async () => {
    await eventsDelivered();
    tripwire.close();
    graderTripwire.close();
    dependencyTripwire.close();
  });
  const written = [
    ...tripwire.tripped().map(testWritten),
    ...[...graderTripwire.tripped(), ...dependencyTripwire.tripped()].map(graderWritten),
  ];
  const counts = exercises.map((exercise, index) => testCountProblem(exercise, run.modules[index]));
  const results = exercises.map((exercise, index) => {
    const scored = scoreExercise(exercise, run.modules[index], lab.dir, run.interrupted);
    const counted = forfeit(scored, counts[index], 'test count');
    return forfeit(counted, violations.get(exercise.id), 'bad import');
  });
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
    seed,
    integrity: [
      ...integrity,
      ...written,
      ...(run.tampered ? [resultRewritten(run.tampered)] : []),
      ...exercises.flatMap((exercise, index) => {
        const problem = counts[index];
        return problem === undefined ? [] : [testCountIntegrity(exercise.test, problem)];
      }),
    ],
    exercises: results,
  };
  return { result, notes, log: run.log };
}

/** A graded test (lab-relative) written to while its lab was graded. */
function testWritten(file: string): IntegrityProblem {
  return {
    file,
    kind: 'written',
    message: `${file} was written to while the lab was graded: exercise code changed a graded test during its grading, so the results cannot be trusted`,
  };
}

/**
 * A file of the grader or of a package it runs on (course-relative) written to while a lab was
 * graded; it stands against every later grading too until the file is restored (grade-all
 * carries it on).
 */
function graderWritten(file: string): IntegrityProblem {
  const installed = file.includes('node_modules/');
  const what = installed ? 'a package the grader runs on' : 'a file the grading runs on';
  const restore = installed
    ? 'reinstall the packages: `pnpm install --force`'
    : `restore it, e.g. \`git checkout -- ${file}\``;
  return {
    file,
    kind: 'grader',
    message: `${file}, ${what}, was written to while the labs were graded: exercise code changed it, so this grading and every later one cannot be trusted (${restore})`,
  };
}

/** The grading's result file, rewritten before the grader read it (sealed-result.ts). */
function resultRewritten(reason: string): IntegrityProblem {
  return {
    file: 'result.json',
    kind: 'result',
    message: `the grading's results (result.json) were rewritten before the grader read them (${reason}): a process the exercise code started was still running, so nothing this grading reported can be trusted`,
  };
}

// Seeds the grader picks itself are below 2^31, short enough to type back.
const MAX_DEFAULT_SEED = 2 ** 31;

// When the watchdog kills a test process, vitest's pool reports that the worker died; the
// exercise's own result already says so in plain words.
function isPoolNoise(error: RawError): boolean {
  return /^\[vitest-pool\]/.test(error.message);
}
