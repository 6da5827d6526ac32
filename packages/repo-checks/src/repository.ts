// The thin shell over the file system: the repository's root, its packages, and what each of
// its source files imports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importsOf } from './imports.ts';
import { sourceFiles } from './source-files.ts';
import { type WorkspacePackage, workspacePackages } from './workspace.ts';

/** The repository this package belongs to. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface Repository {
  readonly root: string;
  readonly packages: readonly WorkspacePackage[];
  /** Each source file (relative to the root) with the specifiers it imports. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  /** Whether a root-relative path is an existing file. */
  exists(file: string): boolean;
}

/**
 * Reads the repository at `root`.
 * @example
 * const { imports } = readRepository(repositoryRoot);
 */
export function readRepository(root: string = repositoryRoot): Repository {
  const files = sourceFiles(root);
  const imports = new Map(
    files.map((file) => [file, importsOf(readFileSync(join(root, file), 'utf8'))]),
  );
  const known = new Set(files);
  return {
    root,
    packages: workspacePackages(root),
    imports,
    exists: (file) => known.has(file) || existsSync(join(root, file)),
  };
}
