// The installed packages a grading runs on: vitest, vite and everything they load, and what the
// grader's packages and the lab's tests import from node_modules. Every test process loads them
// from disk when it starts, so exercise code that rewrote one (chai's `expect`, say) while a lab
// is graded would decide the tests that start after it, and every lab after it in one grade-all.
// The tripwire watches their folders (tripwire.ts). Reads package.json files and folder
// listings; writes nothing.
import { type Dirent, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * The real folders, and every folder below each (nested node_modules left out), of the installed
 * packages the package in `from` depends on, of those `names` resolve to from there, and of
 * everything those depend on, transitively. Workspace packages (whose real folder is outside any
 * node_modules) are followed for their dependencies but not listed: the tripwire watches their
 * `src/` and `bin/` itself (watchGraderFiles).
 * @example
 * dependencyFolders('/course/packages/lab', ['vitest']);
 * // ['/course/node_modules/.pnpm/vitest@4…/node_modules/vitest', '…/vitest/dist', …, '…/chai/lib', …]
 */
export function dependencyFolders(from: string, names: readonly string[] = []): string[] {
  const packages = new Set<string>();
  const visit = (dir: string | undefined) => {
    if (dir === undefined || packages.has(dir)) return;
    packages.add(dir);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    } catch {
      return;
    }
    const deps = {
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
      ...manifest.peerDependencies,
    };
    for (const name of Object.keys(deps)) visit(packageFolder(name, dir));
  };
  visit(from);
  for (const name of names) visit(packageFolder(name, from));
  const installed = [...packages].filter((dir) => dir.includes(`${sep}node_modules${sep}`));
  return installed.flatMap((dir) => foldersUnder(dir));
}

/** The real folder of package `name` as Node finds it from `from` (up the node_modules folders). */
function packageFolder(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      return realpathSync(join(dir, 'node_modules', name));
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/**
 * `dir` and every folder below it, nested node_modules left out; none when it cannot be read.
 * @example
 * foldersUnder('/course/packages/lab/src'); // ['/course/packages/lab/src', '…/src/cli', …]
 */
export function foldersUnder(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return [
    dir,
    ...entries
      .filter((e) => e.isDirectory() && e.name !== 'node_modules')
      .flatMap((e) => foldersUnder(join(dir, e.name))),
  ];
}
