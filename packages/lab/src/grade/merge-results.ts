// Watch mode re-grades only the exercises a save can have changed (watch/regrade.ts); the
// scoreboard still shows the whole lab. This puts a partial grading over the last full picture.
// Pure.
import type { ExerciseResult, LabResult } from './types.ts';

/**
 * The lab's totals over its exercises' results.
 * @example
 * labTotals(result.exercises); // { points: 35, max: 100, passed: 2, total: 5 }
 */
export function labTotals(
  exercises: readonly ExerciseResult[],
): Pick<LabResult, 'points' | 'max' | 'passed' | 'total'> {
  return {
    points: exercises.reduce((sum, e) => sum + e.points, 0),
    max: exercises.reduce((sum, e) => sum + e.max, 0),
    passed: exercises.filter((e) => e.status === 'pass').length,
    total: exercises.length,
  };
}

/**
 * `fresh` (some exercises, just graded) over `previous` (every exercise, graded earlier): each
 * exercise's newest result in the previous order, totals recomputed; the time, the target and
 * the protected-file check are the fresh grading's.
 * @example
 * const shown = mergeResults(last, (await gradeLab(lab, { target, env, only: ['connect-ex'] })).result);
 */
export function mergeResults(previous: LabResult, fresh: LabResult): LabResult {
  const now = new Map(fresh.exercises.map((e) => [e.id, e]));
  const exercises = previous.exercises.map((e) => now.get(e.id) ?? e);
  return { ...fresh, ...labTotals(exercises), exercises };
}
