// The repository's own source files: every JavaScript and TypeScript file outside node_modules
// and build output, found by walking the folders (so a file not yet committed is checked too).
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** File names whose imports the checks read. */
export const SOURCE = /\.(?:ts|mts|cts|mjs|cjs|js)$/;

/** Folders that hold no source of ours: installed packages, build output, caches, state. */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.turbo',
  'dist',
  'cache',
  '.lab',
  'coverage',
  '.stryker-tmp',
]);

/**
 * Every source file under `root` (or every file whose name `names` matches), as `/`-separated
 * paths relative to it, sorted.
 * @example
 * sourceFiles('/repo'); // ['chapters/01-resolution/examples/getaddrinfo.ts', …]
 * sourceFiles('/repo', /\.py$/); // ['python/connect_vs_connect_ex.py', …]
 */
export function sourceFiles(root: string, names: RegExp = SOURCE): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile() && names.test(entry.name)) {
        found.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}
