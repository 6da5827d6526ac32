// --json: the results for CI and teachers' scripts. The shape is documented in README.md
// ("Machine-readable results"); `version` changes if it ever changes incompatibly.
import type { LabResult } from '../grade/types.ts';

/** The --json document. */
export interface JsonReport {
  readonly version: 1;
  readonly lab: { readonly id: string; readonly title: string; readonly chapter: number };
  /** 'exercises' (the student's files) or 'solutions' (with --solution). */
  readonly target: string;
  readonly status: 'pass' | 'fail';
  readonly points: number;
  readonly max: number;
  readonly passed: number;
  readonly total: number;
  /** Milliseconds. */
  readonly duration: number;
  /** The seed the test fixtures drew their random choices from: `--seed` replays it. */
  readonly seed?: number;
  readonly integrity: readonly { file: string; kind: string; message: string }[];
  readonly exercises: readonly {
    readonly id: string;
    readonly title: string;
    readonly points: number;
    readonly max: number;
    readonly status: 'pass' | 'fail' | 'timeout' | 'error';
    readonly message: string | null;
    readonly duration: number;
    readonly file: string;
    readonly test: string;
    readonly tests: readonly {
      readonly name: string;
      readonly status: 'pass' | 'fail' | 'skip';
      readonly duration: number;
      readonly message: string | null;
      /** What went over the wire in a failing test (and, after a timeout, what the code waited on). */
      readonly wire?: string;
    }[];
    readonly output: string;
  }[];
}

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
    integrity: result.integrity,
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
