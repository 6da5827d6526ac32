// Packages talk through their `exports`, never through `../../` paths into one another: a
// relative import must stay inside the package of the file that makes it. Pure: the imports and
// the packages in, the crossings out.
import { posix } from 'node:path';
import { isRelative } from './imports.ts';
import { packageOf, type WorkspacePackage } from './workspace.ts';

export interface Crossing {
  /** The importing file, relative to the repository root. */
  readonly file: string;
  readonly specifier: string;
  /** The package the file belongs to, and the one the import reaches (or "outside the repository"). */
  readonly from: string;
  readonly to: string;
}

/**
 * Every relative import that leaves its file's package.
 * @example
 * boundaryCrossings(new Map([['labs/a/x.ts', ['../../packages/lab/src/y.ts']]]), packages);
 * // [{ file: 'labs/a/x.ts', specifier: '../../packages/lab/src/y.ts', from: '@netprog/lab-a', to: '@netprog/lab' }]
 */
export function boundaryCrossings(
  imports: ReadonlyMap<string, readonly string[]>,
  packages: readonly WorkspacePackage[],
): Crossing[] {
  const crossings: Crossing[] = [];
  for (const [file, specifiers] of imports) {
    const from = packageOf(file, packages);
    for (const specifier of specifiers.filter(isRelative)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const to = target.startsWith('../') ? undefined : packageOf(target, packages);
      if (to === from) continue;
      crossings.push({
        file,
        specifier,
        from: from.name,
        to: to?.name ?? 'outside the repository',
      });
    }
  }
  return crossings;
}

/**
 * One line per crossing, saying what to do instead.
 * @example
 * formatCrossing(crossing); // "labs/a/x.ts imports '../../packages/lab/src/y.ts' (@netprog/lab-a → @netprog/lab): …"
 */
export function formatCrossing(crossing: Crossing): string {
  return `${crossing.file} imports '${crossing.specifier}' (${crossing.from} → ${crossing.to}): import the package by name, from what its package.json exports`;
}
