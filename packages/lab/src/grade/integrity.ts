// Why a grading cannot be trusted: a protected file (a graded test, a helper lab.json hashes, or
// a file of the grader) that is not what the course shipped, or that exercise code wrote to while
// the lab was graded. The scoreboard shows each problem's message; the platforms give the lab 0
// points and `--ci` fails, each naming the files in the one short form below. Pure.

/** Every kind of problem, and how it reads after the file's name in a list. */
export const INTEGRITY_KINDS = {
  /** Its hash differs from lab.json's (manifest/hash.ts). */
  changed: 'edited',
  missing: 'missing',
  /** lab.json has no hash for it, so nothing protects it (authors forgot `rehash`). */
  unhashed: 'not hashed in lab.json',
  /** It ran another number of tests than lab.json records (test-count.ts). */
  count: 'ran another number of tests',
  /** A graded test written to during its own grading (tripwire.ts). */
  written: 'written while graded',
  /** A file of the grader written to during a grading; it counts against every later lab too. */
  grader: 'grader file, written while graded',
  /** The grading's results rewritten before the grader read them (sealed-result.ts). */
  result: 'results rewritten before the grader read them',
} as const;

export type IntegrityKind = keyof typeof INTEGRITY_KINDS;

/** One protected file that cannot be trusted. */
export interface IntegrityProblem {
  /** Lab-relative; course-relative for `grader`. */
  readonly file: string;
  readonly kind: IntegrityKind;
  /** One sentence for the student or teacher: what happened and what to do. */
  readonly message: string;
}

/** What every short form starts with. */
export const INTEGRITY_HEADLINE = 'protected files changed';

/**
 * The problems as one line, for a table cell, a platform's message or `--ci`.
 * @example
 * integrityList([{ file: 'tests/a.test.ts', kind: 'changed', message: '…' }])
 * // 'protected files changed: tests/a.test.ts (edited)'
 */
export function integrityList(problems: readonly IntegrityProblem[]): string {
  const files = problems.map((p) => `${p.file} (${INTEGRITY_KINDS[p.kind]})`);
  return `${INTEGRITY_HEADLINE}: ${files.join(', ')}`;
}
