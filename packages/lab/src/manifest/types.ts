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
 * The time limit of one exercise's tests.
 * @example
 * timeoutOf({ timeoutMs: 2000 }); // 2000
 */
export function timeoutOf(exercise: Pick<ExerciseManifest, 'timeoutMs'>): number {
  return exercise.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}
