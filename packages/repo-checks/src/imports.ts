// What a module imports: every specifier of an import or export declaration (type-only ones
// too), a dynamic import() or a require() with a literal string, read by TypeScript's own
// scanner, so an import named in a comment or a string is not one.
import ts from 'typescript';

/**
 * The specifiers `source` imports, in order.
 * @example
 * importsOf("import { a } from './a.ts';\nconst b = await import('node:net');"); // ['./a.ts', 'node:net']
 */
export function importsOf(source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map((file) => file.fileName);
}

/** Whether a specifier is a path relative to the importing file (`./x`, `../y`). */
export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}
