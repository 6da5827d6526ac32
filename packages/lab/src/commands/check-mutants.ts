// verify's last check: every recorded mutant (mutants/<exercise>/<mistake>.ts) loses points.
// A mutant that keeps full points is a wrong solution the graded tests cannot tell from the
// reference one: a student with that bug would get full marks.
//
// Speed: one grading takes one mutant per exercise (mutantBatches), and two gradings run at a
// time with one test process each. That keeps both cores busy, and no busier than a student's
// grading (two test processes), also at the end, when only the exercise with the most mutants is
// left and a two-process grading would leave one core idle.
import type { Context } from '../context.ts';
import { gradeLab } from '../grade/grade-lab.ts';
import type { ExerciseResult } from '../grade/types.ts';
import type { Lab } from '../manifest/types.ts';
import {
  MUTANTS_DIR,
  mutantBatches,
  type RecordedMutant,
  recordedMutants,
} from '../mutants/recorded.ts';
import type { Check } from './lab-checks.ts';

/** Gradings at a time, one test process each: one per core of the 2-core machines we target. */
const PARALLEL_GRADINGS = 2;

export interface MutantsCheck extends Check {
  /** Milliseconds the gradings took. */
  readonly duration: number;
}

/**
 * Grades every recorded mutant in place of its exercise and lists those that keep full points.
 * @example
 * const check = await checkMutants(context, lab); // check.problems: [] when every mutant loses points
 */
export async function checkMutants(
  context: Context,
  lab: Lab,
  onGraded?: (mutant: RecordedMutant, result: ExerciseResult) => void,
): Promise<MutantsCheck> {
  const started = performance.now();
  const { mutants, strays } = await recordedMutants(lab);
  const problems = strays.map(
    (folder) =>
      `${folder}/ is named after no exercise of lab.json, so its mutants are never graded: rename it to an exercise id or remove it`,
  );
  if (mutants.length === 0 && problems.length === 0) {
    return {
      label: `mutants: none recorded (${MUTANTS_DIR}/<exercise>/<mistake>.ts)`,
      problems,
      duration: 0,
    };
  }
  const exercises = new Map(lab.manifest.exercises.map((e) => [e.id, e]));
  const graded = new Map<RecordedMutant, ExerciseResult>();
  const queue = mutantBatches(mutants);
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      if (context.signal?.aborted) return;
      const { result } = await gradeLab(lab, {
        target: 'solutions',
        env: context.io.env,
        only: batch.map((m) => m.exercise),
        substitutes: Object.fromEntries(
          batch.map((m) => [exercises.get(m.exercise)?.file ?? '', m.file]),
        ),
        maxWorkers: 1,
        signal: context.signal,
      });
      for (const mutant of batch) {
        const exercise = result.exercises.find((e) => e.id === mutant.exercise);
        if (!exercise) continue;
        graded.set(mutant, exercise);
        onGraded?.(mutant, exercise);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_GRADINGS }, worker));
  let points = 0;
  let max = 0;
  // In the order they were recorded, whatever order the gradings ended in.
  for (const mutant of mutants) {
    const result = graded.get(mutant);
    if (!result) continue;
    points += result.points;
    max += result.max;
    if (result.points >= result.max) {
      problems.push(
        `${mutant.file} keeps full points (${result.points}/${result.max}): ${exercises.get(mutant.exercise)?.test} cannot tell this mistake from the solution; add a test that fails on it`,
      );
    }
  }
  const count = `${mutants.length} recorded mutant${mutants.length === 1 ? '' : 's'}`;
  return {
    label:
      problems.length === 0
        ? `mutants: ${count}, each loses points (${points}/${max} points in all)`
        : `mutants: ${count}; each must lose points`,
    problems,
    duration: Math.round(performance.now() - started),
  };
}
