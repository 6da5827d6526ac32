// --json: the results for CI and teachers' scripts. The shape is result-schemas.ts's (written as
// schemas/lab-results.schema.json) and README.md ("Machine-readable results") describes it;
// `version` changes if it ever changes incompatibly.
import type { LabResult } from '../grade/types.ts';
import type { JsonReport } from './result-schemas.ts';

export type { JsonReport } from './result-schemas.ts';

/**
 * The --json document for a graded lab.
 * @example
 * process.stdout.write(`${JSON.stringify(toJsonReport(result), null, 2)}\n`);
 */
export function toJsonReport(result: LabResult): JsonReport {
  return {
    version: 1,
    lab: result.lab,
    target: result.target,
    status: result.passed === result.total ? 'pass' : 'fail',
    points: result.points,
    max: result.max,
    passed: result.passed,
    total: result.total,
    duration: result.duration,
    ...(result.seed === undefined ? {} : { seed: result.seed }),
    integrity: result.integrity.map((p) => ({ ...p })),
    exercises: result.exercises.map((e) => ({
      id: e.id,
      title: e.title,
      points: e.points,
      max: e.max,
      status: e.status,
      message: e.message,
      duration: e.duration,
      file: e.file,
      test: e.test,
      tests: e.tests.map((t) => ({
        name: t.name,
        status: t.status,
        duration: t.duration,
        message: t.failure ? t.failure.summary : null,
        ...(t.failure?.wire === undefined ? {} : { wire: t.failure.wire }),
      })),
      output: e.output,
    })),
  };
}
