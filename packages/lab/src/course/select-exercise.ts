// Picks an exercise from what the user typed: its id, or a unique start of it.
import { UsageError } from '../errors.ts';
import type { ExerciseManifest, Lab } from '../manifest/types.ts';

/**
 * The exercise `typed` names in `lab`.
 * @throws UsageError naming the lab's exercises when nothing (or more than one) matches
 * @example
 * selectExercise(lab, 'conn').id; // 'connect'
 */
export function selectExercise(lab: Lab, typed: string): ExerciseManifest {
  const wanted = typed.toLowerCase();
  const { exercises } = lab.manifest;
  const exact = exercises.find((e) => e.id === wanted);
  if (exact) return exact;
  const starts = exercises.filter((e) => e.id.startsWith(wanted));
  if (starts.length === 1 && starts[0]) return starts[0];
  const ids = exercises.map((e) => e.id).join(', ');
  if (starts.length > 1) {
    throw new UsageError(
      `"${typed}" matches several exercises of ${lab.manifest.id} (${starts.map((e) => e.id).join(', ')}): type more of it`,
    );
  }
  throw new UsageError(`unknown exercise "${typed}" in ${lab.manifest.id}: choose one of ${ids}`);
}
