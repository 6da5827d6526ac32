// The recorded mutants of a lab: `mutants/<exercise id>/<mistake>.ts`, each the reference
// solution of that exercise with one real student mistake. verify grades every one in place of
// the exercise and expects it to lose points.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lab } from '../manifest/types.ts';

export interface RecordedMutant {
  /** The exercise it is a wrong solution of. */
  readonly exercise: string;
  /** The mistake, from the file name: `name-not-trimmed`. */
  readonly name: string;
  /** Relative to the lab folder: `mutants/getfqdn/name-not-trimmed.ts`. */
  readonly file: string;
}

export interface RecordedMutants {
  readonly mutants: readonly RecordedMutant[];
  /** Folders under mutants/ named after no exercise: their mutants would never be graded. */
  readonly strays: readonly string[];
}

/** The folder of a lab's mutants, relative to the lab folder. */
export const MUTANTS_DIR = 'mutants';

/**
 * Every recorded mutant, by exercise in the manifest's order, then by name.
 * @example
 * (await recordedMutants(lab)).mutants[0]; // { exercise: 'getfqdn', name: '…', file: 'mutants/getfqdn/….ts' }
 */
export async function recordedMutants(lab: Lab): Promise<RecordedMutants> {
  const entries = await readdir(join(lab.dir, MUTANTS_DIR), { withFileTypes: true }).catch(
    () => [],
  );
  const folders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  const mutants: RecordedMutant[] = [];
  for (const { id } of lab.manifest.exercises) {
    if (!folders.delete(id)) continue;
    const files = await readdir(join(lab.dir, MUTANTS_DIR, id));
    for (const file of files.filter((f) => f.endsWith('.ts')).sort()) {
      mutants.push({ exercise: id, name: file.slice(0, -3), file: `${MUTANTS_DIR}/${id}/${file}` });
    }
  }
  return { mutants, strays: [...folders].sort().map((f) => `${MUTANTS_DIR}/${f}`) };
}

/**
 * Packs mutants into gradings: a grading runs each exercise's test file once, so it can take one
 * mutant per exercise; exercises with many mutants set the number of gradings.
 * @example
 * mutantBatches([a1, a2, b1]); // [[a1, b1], [a2]]
 */
export function mutantBatches(mutants: readonly RecordedMutant[]): RecordedMutant[][] {
  const batches: RecordedMutant[][] = [];
  const next = new Map<string, number>();
  for (const mutant of mutants) {
    const index = next.get(mutant.exercise) ?? 0;
    next.set(mutant.exercise, index + 1);
    const batch = batches[index] ?? [];
    batch.push(mutant);
    batches[index] = batch;
  }
  return batches;
}
