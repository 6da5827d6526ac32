// Which workspace package depends on which, read from each package.json's dependencies and
// devDependencies (a test dependency orders turbo's tasks as much as a runtime one). Shaped like
// the import graph, so importCycles() finds package cycles too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportGraph } from './import-graph.ts';
import { workspacePackages } from './workspace.ts';

/**
 * Package name → the workspace packages it depends on, for the repository at `root`.
 * @example
 * packageDependencyGraph('/repo').get('@netprog/testbed'); // ['@netprog/proc-net']
 */
export function packageDependencyGraph(root: string): ImportGraph {
  const packages = workspacePackages(root).filter((pkg) => pkg.dir !== '.');
  const names = new Set(packages.map((pkg) => pkg.name));
  return new Map(
    packages.map((pkg) => {
      const json = JSON.parse(readFileSync(join(root, pkg.dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const all = { ...json.dependencies, ...json.devDependencies };
      return [pkg.name, Object.keys(all).filter((name) => names.has(name))];
    }),
  );
}
