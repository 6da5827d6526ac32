// The grading process's on-disk module cache (see grading-config.ts): which gradings keep one,
// and how it is kept bounded.
//
// Only a grading whose result is the student's own feedback keeps one. No hash covers its
// entries, and exercise code runs with the rights to write them: in a grade-all, a lab graded
// earlier could write entries that a later lab's grading would load in place of its tests. So a
// grading for the record keeps none: --ci, a platform's document (--format gradescope or
// classroom), and every grade-all (what the class workflow and Gradescope's run_autograder run).
//
// The cache only ever grows: a new version of an exercise adds one entry, a change to the grader
// or the lab's configuration a whole new set (66 entries, 1 MB, for lab 3, for the exercises and
// again for the solutions). Nothing reads the old ones again, so past a bound the grader simply
// empties the folder; the next grading fills it again.
import { readdir, rm } from 'node:fs/promises';
import type { ResultFormat } from '../cli/command-types.ts';

/** How a grading was asked for, as far as the module cache is concerned. */
export interface CacheUse {
  readonly command: 'grade' | 'grade-all';
  readonly ci: boolean;
  /** --format (--json is --format json); undefined for the scoreboard. */
  readonly format?: ResultFormat;
}

/**
 * Whether a grading may keep vitest's transformed modules on disk (see the rule above).
 * @example
 * keepsModuleCache({ command: 'grade', ci: false }); // true: the student's own feedback
 * keepsModuleCache({ command: 'grade-all', ci: false, format: 'gradescope' }); // false
 */
export function keepsModuleCache({ command, ci, format }: CacheUse): boolean {
  const forThePlatform = format === 'gradescope' || format === 'classroom';
  return command === 'grade' && !ci && !forThePlatform;
}

/** Entries (one file per transformed module) past which the cache is emptied: about 25 MB. */
export const MAX_CACHE_ENTRIES = 2_000;

/**
 * Empties the cache folder when it holds more than `maxEntries` files; a missing folder is fine.
 * @returns whether it was emptied
 * @example
 * await trimModuleCache(join(stateDir(lab), 'module-cache'));
 */
export async function trimModuleCache(
  dir: string,
  maxEntries: number = MAX_CACHE_ENTRIES,
): Promise<boolean> {
  const entries = await readdir(dir).catch(() => []);
  if (entries.length <= maxEntries) return false;
  await rm(dir, { recursive: true, force: true });
  return true;
}
