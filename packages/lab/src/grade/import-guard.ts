// The import rules while grading, for what no reading of the source can see: an `import()` whose
// name is computed. A vite plugin of the grading process: every module a test process loads is
// loaded here first, so a module no grading of the exercises ever needs (a reference solution, a
// recorded mutant, a chapter's code) is replaced by one that reports the import to the test
// process's guard (guard-setup.ts: the whole file scores 0, even when the exercise caught the
// error) and throws. Limit: the server is shared by every test process, so an import of another
// exercise's file, which that exercise's own grading needs, is seen only by check-imports.ts.
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import type { ImportRules } from './import-rules.ts';

/** What the grader sends the grading process about imports (GradingRequest.imports). */
export interface ImportGuardRequest {
  readonly folder: ImportRules['folder'];
  readonly allowed: readonly string[];
  /** [lab-relative starter path, exercise id] pairs. */
  readonly exerciseFiles: readonly (readonly [string, string])[];
}

/** Where guard-setup.ts puts the function a refused module calls (on globalThis). */
export const REFUSE_KEY = 'netprog.lab.refuse';

/**
 * The folders no grading of `folder` loads from, each with what it holds.
 * @example
 * forbiddenFolders('/course/labs/chapter3', 'exercises')[0]; // ['/course/labs/chapter3/solutions/', 'the reference solution']
 */
export function forbiddenFolders(
  labDir: string,
  folder: ImportRules['folder'],
): (readonly [string, string])[] {
  return [
    ...(folder === 'exercises'
      ? [[join(labDir, 'solutions') + sep, 'the reference solution'] as const]
      : []),
    [join(labDir, 'mutants') + sep, 'a recorded mutant'],
    [resolve(labDir, '..', '..', 'chapters') + sep, "a chapter's code"],
  ];
}

/**
 * The plugin for one grading of the lab in `labDir`.
 * @example
 * plugins: [importGuard(request.labDir, request.imports, request.substitutes)]
 */
export function importGuard(
  labDir: string,
  request: ImportGuardRequest,
  substitutes: Readonly<Record<string, string>> = {},
): Plugin {
  const forbidden = forbiddenFolders(labDir, request.folder);
  // The files graded in place of exercises (verify's mutants) are the code under test: refusing
  // them would make every mutant "lose points" without a single test telling it apart.
  const graded = new Set(Object.values(substitutes).map((file) => resolve(labDir, file)));
  return {
    name: 'netprog-lab-import-guard',
    enforce: 'pre',
    load(id) {
      const file = id.replace(/[?#].*$/, '');
      if (graded.has(file)) return null;
      const hit = forbidden.find(([dir]) => file.startsWith(dir));
      if (!hit) return null;
      const shown = relative(labDir, file).split(sep).join('/');
      const what = `imported ${shown} (${hit[1]})`;
      const message = `${what} while grading: an exercise may import only node built-ins, ${[...request.allowed, 'its own files'].join(', ')}`;
      return [
        `globalThis[Symbol.for(${JSON.stringify(REFUSE_KEY)})]?.(${JSON.stringify(what)});`,
        `throw new Error(${JSON.stringify(message)});`,
        '',
      ].join('\n');
    },
  };
}
