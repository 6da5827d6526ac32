// The vitest configuration of every lab (`@netprog/lab/vitest`). Graded tests import the
// student's code from '../exercises/…'; for `--solution` and `verify` the same tests must run
// against the reference solutions, so NETPROG_LAB_TARGET=solutions redirects that import to
// '../solutions/…'.
//
// JavaScript, not TypeScript, for one reason: each lab's vitest.config.ts imports this file by
// package name, and vitest loads a config's package imports with plain Node, which cannot run
// TypeScript on Node 20. Types: lab-vitest-config.d.mts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharedConfig } from '@netprog/testbed/vitest';
import { mergeConfig } from 'vitest/config';

/**
 * Reads NETPROG_LAB_TARGET; anything other than `solutions` grades the student's exercises.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {import('./lab-vitest-config.d.mts').LabTarget}
 */
export function labTargetFromEnv(env = process.env) {
  return env.NETPROG_LAB_TARGET === 'solutions' ? 'solutions' : 'exercises';
}

/**
 * @param {URL} labDir
 * @param {import('./lab-vitest-config.d.mts').LabTarget} [target]
 * @example
 * // labs/chapter3/vitest.config.ts
 * export default labVitestConfig(new URL('.', import.meta.url));
 */
export function labVitestConfig(labDir, target = labTargetFromEnv()) {
  const solutions = fileURLToPath(new URL('./solutions/', labDir));
  // Without this, every test would fail to import its solution, one confusing error per file.
  if (target === 'solutions' && !existsSync(solutions)) {
    throw new Error(
      `NETPROG_LAB_TARGET=solutions, but ${solutions} does not exist (a student copy of the course has no reference solutions): unset NETPROG_LAB_TARGET to run the tests on exercises/`,
    );
  }
  return mergeConfig(sharedConfig, {
    // Student code runs here: each test file gets a fresh process, so what one exercise's
    // module does (patch a global, keep state) cannot reach another file's tests.
    test: { include: ['tests/**/*.test.ts'], isolate: true },
    resolve: {
      alias: target === 'solutions' ? [{ find: /^\.\.\/exercises\//, replacement: solutions }] : [],
    },
  });
}
