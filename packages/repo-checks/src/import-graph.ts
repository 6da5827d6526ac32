// Which of the repository's files each file imports: relative imports, and imports of a
// workspace package by name through its `exports` (so a cycle through two packages is seen).
// Anything else (node: built-ins, installed packages) is outside the graph. Pure.
import { posix } from 'node:path';
import { isRelative } from './imports.ts';
import type { WorkspacePackage } from './workspace.ts';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The graph over `files`: for each file, the files of the repository it imports.
 * @param exists whether a repository-relative path is a file (injected for tests)
 * @example
 * importGraph(new Map([['a.ts', ['./b.ts']], ['b.ts', []]]), [], (f) => f === 'b.ts').get('a.ts'); // ['b.ts']
 */
export function importGraph(
  imports: ReadonlyMap<string, readonly string[]>,
  packages: readonly WorkspacePackage[],
  exists: (file: string) => boolean,
): ImportGraph {
  const exported = new Map<string, string>();
  for (const pkg of packages) for (const [name, file] of pkg.exports) exported.set(name, file);
  const graph = new Map<string, string[]>();
  for (const [file, specifiers] of imports) {
    const targets = new Set<string>();
    for (const specifier of specifiers) {
      const target = isRelative(specifier)
        ? resolveRelative(file, specifier, exists)
        : exported.get(specifier);
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

// The file a relative import names: as written, or with what TypeScript lets one leave out.
function resolveRelative(
  file: string,
  specifier: string,
  exists: (file: string) => boolean,
): string | undefined {
  const path = posix.normalize(posix.join(posix.dirname(file), specifier));
  const candidates = [path, `${path}.ts`, path.replace(/\.js$/, '.ts'), `${path}/index.ts`];
  return candidates.find(exists);
}
