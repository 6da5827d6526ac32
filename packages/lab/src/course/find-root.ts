// The repository root is the folder with pnpm-workspace.yaml; labs live in <root>/labs/*.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the folder whose labs/ the CLI grades: `explicit` (from --root or NETPROG_LAB_ROOT) if
 * given, else the nearest folder above `from` with pnpm-workspace.yaml, else the repository this
 * file belongs to.
 * @example
 * findRoot({ from: process.cwd() }); // '/home/ada/netprog'
 */
export function findRoot(options: { explicit?: string; from?: string } = {}): string {
  if (options.explicit) return resolve(options.explicit);
  const found = findUp(options.from ?? process.cwd());
  if (found) return found;
  return findUp(dirname(fileURLToPath(import.meta.url))) ?? process.cwd();
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
