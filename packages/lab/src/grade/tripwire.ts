// Watches, while a lab is graded, the files that decide its grade: the lab's graded tests, and
// the grader's own code. The hashes in lab.json are checked when a grading starts; exercise code
// runs after that, and could write an easy test over another exercise's graded test file before
// vitest loads it, then put the original back before the grading ends, so that no hash ever
// differs; or rewrite a file of the grader that a test process, or the next lab's grading, loads
// later. Nothing in a grading writes to either (the module cache and the wire transcripts go to
// .lab/, vite's and run-ts's caches to node_modules/), so any write at all while it runs is
// reported. Directories are watched, not files, so that a file replaced by a rename is seen too.
import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRADER_PACKAGES } from '../export/protected.ts';

export interface Tripwire {
  /**
   * The watched files written to (changed, replaced or deleted) so far, relative to the folder
   * they were named from (the lab, or the course), sorted.
   */
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
  const dirs = new Set(files.map((file) => dirname(join(labDir, file))));
  return watchDirs(labDir, dirs, (file) => wanted.has(file));
}

/**
 * Starts watching every file under the `src/` and `bin/` folders of the grader's packages
 * (GRADER_PACKAGES, which a class copy protects) in each of `courses` (folders that hold
 * `packages/`): the grader's own course, and the one that holds the labs when `--root` names
 * another. Paths are reported relative to their course (`packages/lab/src/cli/main.ts`).
 * @example
 * const tripwire = watchGraderFiles([course]);
 * tripwire.tripped(); // ['packages/testbed/src/fixtures/echo-server.ts'] if anything wrote to it
 */
export function watchGraderFiles(courses: readonly string[]): Tripwire {
  const tripwires = [...new Set(courses.map((course) => resolve(course)))].map((course) => {
    const dirs = GRADER_PACKAGES.flatMap((name) =>
      ['src', 'bin'].flatMap((top) => foldersUnder(join(course, 'packages', name, top))),
    );
    return watchDirs(course, dirs, () => true);
  });
  return {
    tripped: () => [...new Set(tripwires.flatMap((t) => t.tripped()))].sort(),
    close: () => {
      for (const tripwire of tripwires) tripwire.close();
    },
  };
}

/** The course this grader belongs to: the folder that holds its `packages/`. */
export const GRADER_COURSE = fileURLToPath(new URL('../../../../', import.meta.url));

// Watches `dirs` (non-recursively), reporting the files `wanted` accepts, relative to `root`.
function watchDirs(
  root: string,
  dirs: Iterable<string>,
  wanted: (file: string) => boolean,
): Tripwire {
  const tripped = new Set<string>();
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null) return;
        const file = relative(root, join(dir, name.toString())).split(sep).join('/');
        if (wanted(file)) tripped.add(file);
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

// `dir` and every folder below it; none when it does not exist.
function foldersUnder(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return [
    dir,
    ...entries.filter((e) => e.isDirectory()).flatMap((e) => foldersUnder(join(dir, e.name))),
  ];
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
