// --format gradescope: Gradescope's results.json (its autograder specification): one test per
// exercise, named "<lab> · <exercise>: <title>", with our points and, on a failure, the first
// failure in the scoreboard's words. For one lab (`pnpm lab <lab>`) or many (`grade-all`, and the
// autograder bundle's run_autograder). Pure: results in, document out.
import type { LabResult } from '../grade/types.ts';
import { platformPoints, tamperedReason, type UngradedLab } from './platform-points.ts';
import type { GradescopeResults } from './result-schemas.ts';
import { formatFailure } from './scoreboard.ts';
import { painter } from './style.ts';

export interface GradescopeOptions {
  /** The course version (root package.json), recorded in extra_data. */
  readonly version: string;
  /** Labs grade-all could not grade, named in the top-level output. */
  readonly ungraded?: readonly UngradedLab[];
  /** Labs whose exercise files the submission did not contain, said in the output. */
  readonly notes?: readonly string[];
}

/**
 * Gradescope's results.json for graded labs.
 * @example
 * JSON.stringify(toGradescopeResults([result], { version: '1.0.0' }));
 */
export function toGradescopeResults(
  results: readonly LabResult[],
  options: GradescopeOptions,
): GradescopeResults {
  const plain = painter(false);
  const tests = results.flatMap((result) => {
    const tampered = tamperedReason(result);
    return result.exercises.map((exercise) => {
      const score = platformPoints(result, exercise);
      const failure =
        exercise.status === 'pass'
          ? []
          : formatFailure(exercise, result, {
              paint: plain,
              command: `pnpm lab ${result.lab.id}`,
              hintCounts: {},
            });
      const output = [...(tampered ? [tampered] : []), ...failure].join('\n');
      return {
        name: `${result.lab.id} · ${exercise.id}: ${exercise.title}`,
        score,
        max_score: exercise.max,
        status: exercise.status === 'pass' && score === exercise.max ? 'passed' : 'failed',
        output,
        output_format: 'text',
        visibility: 'visible',
      } as const;
    });
  });
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const max = tests.reduce((sum, t) => sum + t.max_score, 0);
  const passed = tests.filter((t) => t.status === 'passed').length;
  const lines = [
    `Score ${score}/${max} · ${passed} of ${tests.length} exercises pass (netprog ${options.version})`,
    ...results.flatMap((r) => {
      const tampered = tamperedReason(r);
      return tampered ? [`${r.lab.id}: ${tampered}`] : [];
    }),
    ...(options.ungraded ?? []).map((u) => `${u.id}: could not be graded: ${u.error}`),
    ...(options.notes ?? []),
  ];
  return {
    score,
    execution_time: Math.round(results.reduce((sum, r) => sum + r.duration, 0) / 100) / 10,
    output: lines.join('\n'),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    extra_data: { course_version: options.version, labs: results.map((r) => r.lab.id) },
    tests,
  };
}
