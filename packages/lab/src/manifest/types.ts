// The types of lab.json, derived from its one schema (schema.ts): a field added there is here
// too. packages/lab/README.md documents every field for teachers.
import type * as z from 'zod';
import type { exerciseSchema, labManifestSchema } from './schema.ts';

/** One exercise: a starter the student edits, its reference solution and its graded test file. */
export type ExerciseManifest = Readonly<z.output<typeof exerciseSchema>>;

/** A validated lab.json, defaults filled in (`aliases: []`, `testHashes: {}`). */
export type LabManifest = Readonly<z.output<typeof labManifestSchema>>;

/** A lab found on disk: its folder (absolute) and its validated manifest. */
export interface Lab {
  readonly dir: string;
  readonly manifest: LabManifest;
}

/**
 * What one test may take when lab.json gives no `timeoutMs`: 5 s, a quarter of the 20 s the
 * repository's own tests get (@netprog/testbed/vitest). Graded tests talk to loopback fixtures and
 * take milliseconds; a student's code that waits for something that never comes should fail in
 * seconds, not hold the scoreboard for twenty.
 */
export const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * What one exercise's whole test file may take when lab.json gives no `budgetMs`: 30 s. Graded
 * files take 0.5 to 4 s on a 2-core machine (measured with a load average near 40: lab 6's
 * fragments, the slowest, 4.1 s), so only code that never settles reaches it, and then a
 * grading costs at most this, not one time limit per test.
 */
export const DEFAULT_BUDGET_MS = 30_000;

/**
 * The time budget of one exercise's whole test file.
 * @example
 * budgetOf({}); // 30000
 */
export function budgetOf(exercise: Pick<ExerciseManifest, 'budgetMs'>): number {
  return exercise.budgetMs ?? DEFAULT_BUDGET_MS;
}

/**
 * The time limit of one exercise's tests.
 * @example
 * timeoutOf({ timeoutMs: 2000 }); // 2000
 */
export function timeoutOf(exercise: Pick<ExerciseManifest, 'timeoutMs'>): number {
  return exercise.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}
