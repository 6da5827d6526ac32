// What an exercise may import, in one place: node's built-in modules, the packages its lab.json
// allows (`allowedImports`, e.g. @netprog/socket-core) and files of its own in exercises/. Not the
// reference solution, a chapter's code, another exercise, a test, a recorded mutant, the test
// runner or the grader: each would let code score points it did not earn. Pure: the grader
// applies it to the import graph before scoring (check-imports.ts) and, while grading, to every
// import the test process asks for, dynamic ones included (import-guard.ts).
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

export interface ImportRules {
  /** The folder the graded code lives in: `exercises` (or `solutions` when grading those). */
  readonly folder: 'exercises' | 'solutions';
  /** Packages lab.json allows beside node's built-ins (`allowedImports`). */
  readonly allowed: readonly string[];
  /** The exercises' files, lab-relative (`exercises/port-spec.ts`), and their ids. */
  readonly exerciseFiles: ReadonlyMap<string, string>;
}

const BUILTINS = new Set(builtinModules);

/**
 * Every module specifier in a source: static imports and re-exports, `import()` and `require()`
 * with a literal. A regular expression over the source without its comments, and with the text
 * of its quoted strings set aside, so that no import mentioned in a comment, none written inside a
 * string (`"a greeting from 'Ada'"`) and no method such as `Buffer.from('…')` counts. Not a
 * parser: a regular expression literal with a quote in it can hide an import from it;
 * import-guard.ts refuses that import while grading all the same, as it does computed specifiers.
 * @example
 * importSpecifiers("export * from '../solutions/a.ts'; // from 'x'"); // ['../solutions/a.ts']
 */
export function importSpecifiers(source: string): string[] {
  const strings: string[] = [];
  const code = source.replace(TOKENS, (token) => {
    if (token.startsWith('/')) return ' '; // a comment
    if (token.startsWith('`')) return token; // a template literal keeps its text: `${import(…)}`
    strings.push(token.slice(1, -1));
    return `\0${strings.length - 1}\0`;
  });
  const found = new Set<string>();
  // `from '…'` and `import '…'`, `import('…')` and `require('…')`, none after a `.`: the `from`
  // of `Buffer.from('…')` is a method. A template literal counts only without `${…}`.
  const pattern =
    /(?<![.\w$])(?:(?:from|import)\s*|(?:import|require)\s*\(\s*)(?:\0(\d+)\0|`([^`\n$]+)`)/g;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1] === undefined ? match[2] : strings[Number(match[1])];
    if (specifier) found.add(specifier);
  }
  return [...found];
}

// Quoted strings and template literals (whole, escapes included), then line and block comments:
// whichever starts first wins, so a `//` inside a URL string is not a comment.
const TOKENS = /(['"`])(?:\\[\s\S]|(?!\1)[^\\])*\1|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

/**
 * Why `importer` (lab-relative, in the graded folder) may not import `specifier`, or undefined
 * when it may. The reason names what the import reaches, for a one-line message.
 * @example
 * importProblem('exercises/a.ts', '../solutions/a.ts', rules); // 'the reference solution'
 * importProblem('exercises/a.ts', 'node:net', rules); // undefined
 */
export function importProblem(
  importer: string,
  specifier: string,
  rules: ImportRules,
): string | undefined {
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || BUILTINS.has(bare)) return undefined;
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) {
    return fileProblem(importer, specifier, rules);
  }
  const name = packageName(specifier);
  if (name === 'vitest' || name.startsWith('@vitest/') || name === '@netprog/lab') {
    return 'the test runner: exercise code must not reach the grading';
  }
  if (rules.allowed.includes(name)) return undefined;
  if (/^@netprog\/ch\d/.test(name)) return "a chapter's code: write the exercise yourself";
  return rules.allowed.length > 0
    ? `a package this lab does not allow (only ${rules.allowed.join(', ')})`
    : 'a package this lab does not allow';
}

function fileProblem(importer: string, specifier: string, rules: ImportRules): string | undefined {
  if (!specifier.startsWith('.')) return 'a file by absolute path: import by a relative path';
  const file = posix.normalize(posix.join(posix.dirname(importer), specifier));
  if (file.startsWith('../')) {
    return /(^|\/)chapters\//.test(file)
      ? "a chapter's code: write the exercise yourself"
      : 'a file outside the lab';
  }
  const [top] = file.split('/');
  if (top !== rules.folder) {
    if (top === 'solutions') return 'the reference solution';
    if (top === 'tests') return 'a graded test';
    if (top === 'mutants') return 'a recorded mutant';
    return `a file outside ${rules.folder}/`;
  }
  const own = exerciseOf(importer, rules);
  const other = exerciseOf(file, rules);
  if (other !== undefined && other !== own) return `another exercise, "${other}"`;
  return undefined;
}

// The exercise a graded file belongs to (its starter's path, whatever the folder), if any.
function exerciseOf(file: string, rules: ImportRules): string | undefined {
  const asExercise = file.replace(/^[^/]+\//, 'exercises/');
  for (const candidate of [asExercise, `${asExercise}.ts`, asExercise.replace(/\.js$/, '.ts')]) {
    const id = rules.exerciseFiles.get(candidate);
    if (id !== undefined) return id;
  }
  return undefined;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * The one-line message of an import an exercise may not make.
 * @example
 * importMessage('exercises/a.ts', '../solutions/a.ts', 'the reference solution', ['@netprog/socket-core']);
 */
export function importMessage(
  importer: string,
  specifier: string,
  problem: string,
  allowed: readonly string[],
): string {
  const kinds = ['node built-ins', ...allowed];
  const may = `${kinds.join(', ')} and its own files`;
  return `${importer} imports '${specifier}' (${problem}): an exercise may import only ${may}`;
}
