// The repository root is the folder with pnpm-workspace.yaml; labs live in <root>/labs/*.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';

/** A root the user named, and where: the flag or the environment variable (for the message). */
export interface ExplicitRoot {
  readonly path: string;
  readonly from: '--root' | 'NETPROG_LAB_ROOT';
}

/**
 * Finds the folder whose labs/ the CLI grades: `explicit` (from --root or NETPROG_LAB_ROOT,
 * relative to `from`) if given, else the nearest folder above `from` with pnpm-workspace.yaml,
 * else the repository this file belongs to.
 * @throws UsageError when the named folder does not exist, is not a folder, or has no labs/
 * @example
 * findRoot({ from: process.cwd() }); // '/home/ada/netprog'
 */
export function findRoot(options: { explicit?: ExplicitRoot; from?: string } = {}): string {
  const from = options.from ?? process.cwd();
  if (options.explicit) return checkedRoot(options.explicit, from);
  const found = findUp(from);
  if (found) return found;
  return findUp(dirname(fileURLToPath(import.meta.url))) ?? process.cwd();
}

// A named root must be a course: otherwise every command would quietly find no labs there.
function checkedRoot({ path, from: source }: ExplicitRoot, cwd: string): string {
  const root = resolve(cwd, path);
  const named = `${source} ${path}`;
  const what = 'give the folder of the course (or a class copy of it), the one that holds labs/';
  const stat = statSync(root, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`${named}: ${root} does not exist: ${what}`);
  if (!stat.isDirectory()) throw new UsageError(`${named}: ${root} is not a folder: ${what}`);
  if (!existsSync(join(root, 'labs'))) {
    throw new UsageError(`${named}: ${root} has no labs/ folder: ${what}`);
  }
  return root;
}

function findUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
