// @netprog/repo-checks: checks of the repository as a whole (see README.md).
export { boundaryCrossings, type Crossing, formatCrossing } from './boundaries.ts';
export { importCycles } from './cycles.ts';
export { type ImportGraph, importGraph } from './import-graph.ts';
export { importsOf, isRelative } from './imports.ts';
export {
  nodeBinaryPackage,
  type RunTotals,
  readSummary,
  TESTED_MAJORS,
  versionLine,
} from './node-versions.ts';
export { packageDependencyGraph } from './package-graph.ts';
export { type Repository, readRepository, repositoryRoot } from './repository.ts';
export { sourceFiles } from './source-files.ts';
export { packageOf, type WorkspacePackage, workspacePackages } from './workspace.ts';
