// Watches, while a lab is graded, the files that decide its grade: the lab's graded tests, the
// code of the course's packages (the grader's, and socket-core, which graded tests import too),
// and the installed packages they run on (vitest, chai, …). The hashes in lab.json are checked
// when a grading starts; exercise code runs after that, and could write an easy test over
// another exercise's graded test file before vitest loads it, then put the original back before
// the grading ends, so that no hash ever differs; or rewrite a file of the grader, or of a
// package it runs on, that a test process, or the next lab's grading, loads later. Nothing in a
// grading writes to any of them (the module cache and the wire transcripts go to .lab/, vite's
// and run-ts's caches to node_modules/.vite* and node_modules/.cache, which are not watched), so
// any write at all while it runs is reported. Directories are watched, not files, so that a file
// replaced by a rename is seen too.
import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRADER_PACKAGES } from '../export/protected.ts';
import { dependencyFolders, foldersUnder } from './dependency-folders.ts';

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
 * Starts watching every file under the `src/` and `bin/` folders of every package in
 * `packages/` of each of `courses`: the grader's own (GRADER_PACKAGES) and the libraries the
 * graded tests import too (socket-core), in the grader's own course and in the one that holds
 * the labs when `--root` names another. Paths are reported relative to their course
 * (`packages/lab/src/cli/main.ts`).
 * @example
 * const tripwire = watchGraderFiles([course]);
 * tripwire.tripped(); // ['packages/testbed/src/fixtures/echo-server.ts'] if anything wrote to it
 */
export function watchGraderFiles(courses: readonly string[]): Tripwire {
  const tripwires = [...new Set(courses.map((course) => resolve(course)))].map((course) => {
    const dirs = packagesIn(course).flatMap((name) =>
      ['src', 'bin'].flatMap((top) => foldersUnder(join(course, 'packages', name, top))),
    );
    return watchDirs(course, dirs, () => true);
  });
  return joined(tripwires);
}

// The package folders in `course`/packages; none when there is no such folder.
function packagesIn(course: string): string[] {
  try {
    return readdirSync(join(course, 'packages'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

// One tripwire over several: every file any of them saw, once, sorted.
function joined(tripwires: readonly Tripwire[]): Tripwire {
  return {
    tripped: () => [...new Set(tripwires.flatMap((t) => t.tripped()))].sort(),
    close: () => {
      for (const tripwire of tripwires) tripwire.close();
    },
  };
}

/** The course this grader belongs to: the folder that holds its `packages/`. */
export const GRADER_COURSE = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Starts watching the installed packages a grading of the lab in `labDir` runs on: vitest and
 * vite as the grader starts them, what the grader's packages depend on, and what the lab's
 * package depends on (dependency-folders.ts). Paths are reported from the outermost
 * node_modules folder (`node_modules/.pnpm/chai@6.3.0/node_modules/chai/index.js`).
 * @example
 * const tripwire = watchDependencies(lab.dir);
 */
export function watchDependencies(labDir: string): Tripwire {
  const byRoot = new Map<string, string[]>();
  for (const folder of new Set([...graderDependencies(), ...labDependencies(labDir)])) {
    const root = folder.slice(0, folder.indexOf(`${sep}node_modules${sep}`));
    byRoot.set(root, [...(byRoot.get(root) ?? []), folder]);
  }
  return joined([...byRoot].map(([root, folders]) => watchDirs(root, folders, () => true)));
}

// Listed once per process: a grading does not install packages, and listing them costs about
// 50 ms (watching them, 2 ms).
let graderFolders: string[] | undefined;
const labFolders = new Map<string, string[]>();

function graderDependencies(): string[] {
  graderFolders ??= dependencyFolders(join(GRADER_COURSE, 'packages', 'lab'), [
    'vitest',
    'vite',
    ...GRADER_PACKAGES.map((name) => `@netprog/${name}`),
  ]);
  return graderFolders;
}

function labDependencies(labDir: string): string[] {
  const folders = labFolders.get(labDir) ?? dependencyFolders(labDir);
  labFolders.set(labDir, folders);
  return folders;
}

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
