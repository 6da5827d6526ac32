// What a class copy protects: the files that decide a grade (the graded tests and lab.json, the
// labs' configs, the grader and the packages it runs on, the workspace and lockfile, the
// workflow).
// Export records their hashes in netprog-class.json; the class workflow puts back everything but
// labs/*/exercises/ from the commit that wrote that file, then checks these hashes, before it
// grades (templates/grade.yml). Pure.
import { createHash } from 'node:crypto';

/**
 * The grader, the fixtures the tests use, and what both run on: run-ts loads the grader's
 * TypeScript (bin/lab.mjs), proc-net tells the fixtures whose connection is whose. Their own tests
 * decide nothing. (The grader also watches their code while it grades: grade/tripwire.ts.)
 */
export const GRADER_PACKAGES = ['lab', 'testbed', 'run-ts', 'proc-net'] as const;

const PROTECTED = [
  /^labs\/[^/]+\/(?:tests\/|lab\.json$|vitest\.config\.ts$|package\.json$|tsconfig\.json$)/,
  new RegExp(`^packages/(?:${GRADER_PACKAGES.join('|')})/(?!test/)`),
  /^(?:package\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|tsconfig\.base\.json)$/,
  /^\.github\/workflows\/grade\.yml$/,
];

/** What the class workflow puts back before grading: every path but the students' own. */
export const RESTORE_EXCLUDE = 'labs/*/exercises/*';

/**
 * Whether a path of the copy decides grades.
 * @example
 * isProtected('labs/chapter3/tests/port-spec.test.ts'); // true
 * isProtected('labs/chapter3/exercises/port-spec.ts'); // false
 */
export function isProtected(path: string): boolean {
  return PROTECTED.some((pattern) => pattern.test(path));
}

/**
 * `sha256-<hex>` of the exact bytes of every protected file, by path, sorted: what
 * `sha256sum --check` confirms in the class workflow.
 * @example
 * protectedHashes([{ path: 'labs/a/lab.json', content }]); // { 'labs/a/lab.json': 'sha256-…' }
 */
export function protectedHashes(
  files: readonly { readonly path: string; readonly content: Buffer }[],
): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!isProtected(file.path)) continue;
    hashes[file.path] = `sha256-${createHash('sha256').update(file.content).digest('hex')}`;
  }
  return hashes;
}
