// An exercise that scores 0 whatever its tests said: a forbidden import (check-imports.ts), or
// another number of tests than lab.json records (test-count.ts). Pure.
import type { ExerciseResult } from './types.ts';

/**
 * The exercise's result once `problem` (one line) is found; as scored when there is none.
 * @param tag two words for the scoreboard's row: 'bad import', 'test count'
 * @example
 * forfeit(scored, violations.get(scored.id), 'bad import');
 */
export function forfeit(
  scored: ExerciseResult,
  problem: string | undefined,
  tag: string,
): ExerciseResult {
  if (problem === undefined) return scored;
  return {
    ...scored,
    points: 0,
    status: 'error',
    message: problem,
    failure: { summary: problem },
    forfeit: tag,
  };
}
