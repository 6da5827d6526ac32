// The grading process's on-disk module cache (see grading-config.ts) only ever grows: a new
// version of an exercise adds one entry, a change to the grader or the lab's configuration a
// whole new set (66 entries, 1 MB, for lab 3, for the exercises and again for the solutions).
// Nothing reads the old ones again, so past a bound the grader simply empties the folder; the
// next grading fills it again.
import { readdir, rm } from 'node:fs/promises';

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
