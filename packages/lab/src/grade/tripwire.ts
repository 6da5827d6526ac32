// Watches a lab's graded test files while the lab is graded. The hashes in lab.json are checked
// when a grading starts; exercise code runs after that, and could write an easy test over another
// exercise's graded test file before vitest loads it, then put the original back before the
// grading ends, so that no hash ever differs. Nothing in a grading writes there (the module cache
// and the wire transcripts go to .lab/), so any write at all while it runs is reported: the
// grading's results cannot be trusted. Directories are watched, not files, so that a file
// replaced by a rename is seen too.
import { type FSWatcher, watch } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface Tripwire {
  /** The watched files written to (changed, replaced or deleted) so far, lab-relative, sorted. */
  tripped(): string[];
  /** Stops watching. */
  close(): void;
}

/**
 * Starts watching `files` (lab-relative, `/`-separated) of the lab in `labDir`. A folder that
 * cannot be watched (gone, or no file-system events here) is left unwatched.
 * @example
 * const tripwire = watchGradedFiles(lab.dir, ['tests/echo.test.ts']);
 * // … the grading …
 * tripwire.tripped(); // ['tests/echo.test.ts'] if anything wrote to it
 * tripwire.close();
 */
export function watchGradedFiles(labDir: string, files: readonly string[]): Tripwire {
  const wanted = new Set(files);
  const tripped = new Set<string>();
  const watchers: FSWatcher[] = [];
  for (const dir of new Set(files.map((file) => dirname(join(labDir, file))))) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null) return;
        const file = relative(labDir, join(dir, name.toString())).split(sep).join('/');
        if (wanted.has(file)) tripped.add(file);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Nothing to watch there: the hashes still speak for it.
    }
  }
  return {
    tripped: () => [...tripped].sort(),
    close: () => {
      for (const watcher of watchers) watcher.close();
    },
  };
}

/**
 * Resolves once the event loop has been through two more rounds, each polling for I/O: events
 * for writes made before the call have been delivered by then, even those queued while this
 * round's poll was already done.
 * @example
 * await eventsDelivered();
 */
export async function eventsDelivered(): Promise<void> {
  for (let round = 0; round < 2; round++) await new Promise((resolve) => setImmediate(resolve));
}
