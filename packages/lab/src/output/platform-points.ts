// What a teaching platform records for a graded lab. The scoreboard and --json show a lab whose
// graded tests were edited with its points and a warning (the student sees what they did), but a
// platform keeps the number as a grade: there, a lab with an integrity problem (integrity.ts)
// scores 0, with the files named. One rule for Gradescope and Classroom alike.
import { integrityList } from '../grade/integrity.ts';
import type { LabResult } from '../grade/types.ts';

/**
 * Why the platform formats give this lab 0 points, or undefined when its tests are the course's.
 * @example
 * tamperedReason(result); // 'protected files changed: tests/echo.test.ts (edited): 0 points for this lab (…)'
 */
export function tamperedReason(result: LabResult): string | undefined {
  if (result.integrity.length === 0) return undefined;
  return `${integrityList(result.integrity)}: 0 points for this lab (restore the course's files to be graded)`;
}

/**
 * An exercise's points as a platform records them.
 * @example
 * platformPoints(result, result.exercises[0]); // 10, or 0 when the lab's tests were edited
 */
export function platformPoints(result: LabResult, exercise: { readonly points: number }): number {
  return tamperedReason(result) === undefined ? exercise.points : 0;
}

/** A lab that could not be graded at all (grade-all goes on with the others). */
export interface UngradedLab {
  readonly id: string;
  readonly error: string;
}
