// The repository's packages as pnpm-workspace.yaml makes them (packages/*, chapters/*, labs/*,
// docs), plus the root: which package a file belongs to, and what file an import of a package
// by name reaches through its `exports`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface WorkspacePackage {
  /** `@netprog/lab`; the root is `(root)`. */
  readonly name: string;
  /** The folder, relative to the repository root (`packages/lab`); the root is `.`. */
  readonly dir: string;
  /** `exports` subpath → file relative to the repository root: `@netprog/lab/vitest` → `packages/lab/src/…`. */
  readonly exports: ReadonlyMap<string, string>;
}

/** The folders pnpm-workspace.yaml lists (kept in step with it by a test). */
export const WORKSPACE_GLOBS = ['packages/*', 'chapters/*', 'labs/*', 'docs', 'python'] as const;

/**
 * Every workspace package of the repository at `root`, the root itself last.
 * @example
 * workspacePackages('/repo').find((p) => p.name === '@netprog/lab')?.dir; // 'packages/lab'
 */
export function workspacePackages(root: string): WorkspacePackage[] {
  const dirs = WORKSPACE_GLOBS.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const parent = glob.slice(0, -2);
    return readdirSync(join(root, parent)).map((name) => `${parent}/${name}`);
  }).filter((dir) => existsSync(join(root, dir, 'package.json')));
  return [...dirs.sort(), '.'].map((dir) => {
    const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      name?: string;
      exports?: Record<string, string> | string;
    };
    const name = dir === '.' ? '(root)' : (json.name ?? dir);
    const entries = typeof json.exports === 'string' ? { '.': json.exports } : (json.exports ?? {});
    const exports = new Map(
      Object.entries(entries).map(([subpath, file]) => [
        posix.join(name, subpath),
        posix.join(dir, file),
      ]),
    );
    return { name, dir, exports };
  });
}

/**
 * The package a file belongs to: the one whose folder is the longest start of its path.
 * @example
 * packageOf('packages/lab/src/cli/main.ts', packages).name; // '@netprog/lab'
 */
export function packageOf(file: string, packages: readonly WorkspacePackage[]): WorkspacePackage {
  let best: WorkspacePackage | undefined;
  for (const candidate of packages) {
    const inside = candidate.dir === '.' || file.startsWith(`${candidate.dir}/`);
    if (inside && (!best || candidate.dir.length > best.dir.length)) best = candidate;
  }
  if (!best)
    throw new Error(`${file} belongs to no package, not even the root: is the root in the list?`);
  return best;
}
