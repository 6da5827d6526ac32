// A TypeScript program over a package's own source only: no lib and no @types are read, which
// keeps it fast. Enough to follow exports and read doc comments; not enough to type-check.
import ts from 'typescript';

/**
 * The program for `rootNames` and the files they import, without lib or @types.
 *
 * @example
 * const checker = ownSourceProgram(['src/index.ts']).getTypeChecker();
 */
export function ownSourceProgram(rootNames: readonly string[]): ts.Program {
  return ts.createProgram(rootNames, {
    noLib: true,
    types: [],
    allowImportingTsExtensions: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
}
