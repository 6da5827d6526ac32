// Types of lab-vitest-config.mjs (JavaScript because each lab's vitest.config.ts imports it by
// package name, and vitest loads those imports with plain Node: see there).
import type { ViteUserConfig } from 'vitest/config';

/** What a lab's graded tests import: the student's exercises, or the reference solutions. */
export type LabTarget = 'exercises' | 'solutions';

/** Reads NETPROG_LAB_TARGET; anything other than `solutions` grades the student's exercises. */
export function labTargetFromEnv(env?: NodeJS.ProcessEnv): LabTarget;

/** The vitest configuration of the lab in `labDir` (a file: URL ending in `/`). */
export function labVitestConfig(labDir: URL, target?: LabTarget): ViteUserConfig;
