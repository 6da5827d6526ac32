// The shape of lab.json, the one manifest per lab. packages/lab/README.md documents every field
// for teachers; lab.schema.json describes the same shape for editors.

/** One exercise: a starter the student edits, its reference solution and its graded test file. */
export interface ExerciseManifest {
  /** Short kebab-case name used on the command line: `pnpm lab chapter3 hint connect`. */
  readonly id: string;
  readonly title: string;
  /** The starter, relative to the lab folder: `exercises/connect.ts`. The solution has the same name under `solutions/`. */
  readonly file: string;
  /** The graded test file, relative to the lab folder: `tests/connect.test.ts`. */
  readonly test: string;
  /** Points for the whole exercise, split evenly across the tests in `test`. */
  readonly points: number;
  /** Most milliseconds any one test (with its hooks) may take. Default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Shown one at a time by `pnpm lab <lab> hint <exercise>`, from gentle to explicit. */
  readonly hints: readonly string[];
}

export interface LabManifest {
  readonly $schema?: string;
  /** Equal to the lab's folder name: `chapter3`. */
  readonly id: string;
  readonly chapter: number;
  readonly title: string;
  /** Other names that select this lab on the command line: `["3", "client"]`. */
  readonly aliases: readonly string[];
  readonly exercises: readonly ExerciseManifest[];
  /** `{ "tests/connect.test.ts": "sha256-<hex>" }`: the graded files as the author wrote them. */
  readonly testHashes: Readonly<Record<string, string>>;
  /** `{ "exercises/connect.ts": "sha256-<hex>" }`: the starters, so `reset` and `verify` can recognise them. */
  readonly starterHashes?: Readonly<Record<string, string>>;
}

/** A lab found on disk: its folder (absolute) and its validated manifest. */
export interface Lab {
  readonly dir: string;
  readonly manifest: LabManifest;
}

/** What a test may take when lab.json says nothing: the same 5 s as every other test in the repo. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The time limit of one exercise's tests.
 * @example
 * timeoutOf({ timeoutMs: 2000 } as ExerciseManifest); // 2000
 */
export function timeoutOf(exercise: Pick<ExerciseManifest, 'timeoutMs'>): number {
  return exercise.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}
