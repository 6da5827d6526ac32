// The vitest configuration of every lab. Graded tests import the student's code from
// '../exercises/…'; for `--solution` and `verify` the same tests must run against the reference
// solutions, so NETPROG_LAB_TARGET=solutions redirects that import to '../solutions/…'.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type ViteUserConfig } from 'vitest/config';
import { sharedConfig } from '../../../vitest.shared.ts';

export type LabTarget = 'exercises' | 'solutions';

/** Reads NETPROG_LAB_TARGET; anything other than `solutions` grades the student's exercises. */
export function labTargetFromEnv(env: NodeJS.ProcessEnv = process.env): LabTarget {
  return env.NETPROG_LAB_TARGET === 'solutions' ? 'solutions' : 'exercises';
}

/**
 * @example
 * // labs/chapter3/vitest.config.ts
 * export default labVitestConfig(new URL('.', import.meta.url));
 */
export function labVitestConfig(
  labDir: URL,
  target: LabTarget = labTargetFromEnv(),
): ViteUserConfig {
  const solutions = fileURLToPath(new URL('./solutions/', labDir));
  // Without this, every test would fail to import its solution, one confusing error per file.
  if (target === 'solutions' && !existsSync(solutions)) {
    throw new Error(
      `NETPROG_LAB_TARGET=solutions, but ${solutions} does not exist (a student copy of the course has no reference solutions): unset NETPROG_LAB_TARGET to run the tests on exercises/`,
    );
  }
  return mergeConfig(sharedConfig, {
    test: { include: ['tests/**/*.test.ts'] },
    resolve: {
      alias: target === 'solutions' ? [{ find: /^\.\.\/exercises\//, replacement: solutions }] : [],
    },
  });
}
