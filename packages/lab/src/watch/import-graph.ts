// Which files of a lab each exercise's grading reads: its graded test file and everything that
// file imports from the lab folder, followed import by import (the student's exercise, a helper
// it imports, another exercise a test borrows). Watch mode re-grades an exercise when one of its
// files changes (regrade.ts). Only relative imports are followed: packages are not the
// student's, and watch mode does not watch them.
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Target } from '../grade/types.ts';
import type { Lab } from '../manifest/types.ts';

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`. A regular
// expression, not a parser: an import mentioned in a comment counts too, which can only make
// watch mode re-grade more, never less.
const IMPORT = /\b(?:from|import)\s*\(?\s*(['"])(\.{1,2}\/[^'"]+)\1/g;

/**
 * The relative specifiers a module imports, in order, each once.
 * @example
 * relativeImports("import { a } from './a.ts';\nimport 'node:net';"); // ['./a.ts']
 */
export function relativeImports(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(IMPORT)) if (match[2]) found.add(match[2]);
  return [...found];
}

/**
 * The lab-relative files an import may name, in the order vitest would try them when grading
 * `target` (lab-vitest-config.mjs: for the solutions, `../exercises/…` means `../solutions/…`):
 * the path as written, then what a student may leave out (`.ts`, a `.js` that means `.ts`,
 * `/index.ts`). Empty when it leaves the lab folder.
 * @example
 * importCandidates('tests/a.test.ts', '../exercises/a.ts', 'solutions')[0]; // 'solutions/a.ts'
 */
export function importCandidates(importer: string, specifier: string, target: Target): string[] {
  const joined =
    target === 'solutions' && specifier.startsWith('../exercises/')
      ? `solutions/${specifier.slice('../exercises/'.length)}`
      : posix.join(posix.dirname(importer), specifier);
  const file = posix.normalize(joined);
  if (file.startsWith('../') || posix.isAbsolute(file)) return [];
  return [...new Set([file, `${file}.ts`, file.replace(/\.js$/, '.ts'), `${file}/index.ts`])];
}

/**
 * For each exercise id, the lab files its grading reads (lab-relative, `/`-separated), found by
 * reading the files now: a save that adds an import counts from that save on. An import that
 * names no file yet counts as its first candidate, so creating that file is seen too.
 * @example
 * const reads = await filesReadByExercise(lab, 'exercises');
 * reads.get('http-get'); // Set { 'tests/http-get.test.ts', 'exercises/http-get.ts' }
 */
export async function filesReadByExercise(
  lab: Lab,
  target: Target,
): Promise<Map<string, Set<string>>> {
  const sources = new Map<string, Promise<string | undefined>>();
  const read = (file: string) => {
    let source = sources.get(file);
    if (!source) {
      source = readFile(join(lab.dir, ...file.split('/')), 'utf8').catch(() => undefined);
      sources.set(file, source);
    }
    return source;
  };
  const reads = new Map<string, Set<string>>();
  for (const exercise of lab.manifest.exercises) {
    const seen = new Set<string>();
    const queue = [exercise.test];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (seen.has(file)) continue;
      seen.add(file);
      const source = await read(file);
      if (source === undefined) continue; // missing: grading will say so; its name still counts
      for (const specifier of relativeImports(source)) {
        const candidates = importCandidates(file, specifier, target);
        const texts = await Promise.all(candidates.map(read));
        const found = candidates.find((_, index) => texts[index] !== undefined) ?? candidates[0];
        if (found) queue.push(found);
      }
    }
    reads.set(exercise.id, seen);
  }
  return reads;
}
