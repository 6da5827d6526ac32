// Before scoring: the imports of each graded exercise, followed file by file through its own
// files (the import graph watch mode also follows: watch/import-graph.ts), checked against the
// lab's rules (import-rules.ts). An exercise that imports what it may not scores 0, with the
// first such import in one line.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExerciseManifest, Lab } from '../manifest/types.ts';
import { importCandidates } from '../watch/import-graph.ts';
import type { ImportGuardRequest } from './import-guard.ts';
import {
  type ImportRules,
  importMessage,
  importProblem,
  importSpecifiers,
} from './import-rules.ts';
import type { ExerciseResult, Target } from './types.ts';

/**
 * The rules of a lab for a grading of `target`.
 * @example
 * importRulesOf(lab, 'exercises').allowed; // ['@netprog/socket-core']
 */
export function importRulesOf(lab: Lab, target: Target): ImportRules {
  return {
    folder: target,
    allowed: lab.manifest.allowedImports ?? [],
    exerciseFiles: new Map(lab.manifest.exercises.map((e) => [e.file, e.id])),
  };
}

/**
 * For each exercise that imports something it may not, the one-line reason.
 * @example
 * (await importViolations(lab, lab.manifest.exercises, 'exercises')).get('addrinfo');
 * // "exercises/addrinfo.ts imports '../solutions/addrinfo.ts' (the reference solution): …"
 */
export async function importViolations(
  lab: Lab,
  exercises: readonly ExerciseManifest[],
  target: Target,
): Promise<Map<string, string>> {
  const rules = importRulesOf(lab, target);
  const read = (file: string) =>
    readFile(join(lab.dir, ...file.split('/')), 'utf8').catch(() => undefined);
  const violations = new Map<string, string>();
  for (const exercise of exercises) {
    const start = exercise.file.replace(/^exercises\//, `${target}/`);
    const seen = new Set<string>();
    const queue = [start];
    search: for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (seen.has(file)) continue;
      seen.add(file);
      const source = await read(file);
      if (source === undefined) continue; // a missing file fails to load: grading says so
      for (const specifier of importSpecifiers(source)) {
        const problem = importProblem(file, specifier, rules);
        if (problem !== undefined) {
          violations.set(exercise.id, importMessage(file, specifier, problem, rules.allowed));
          break search;
        }
        if (specifier.startsWith('.')) {
          // Its own file: follow it (the first candidate that exists, as vitest would).
          const candidates = importCandidates(file, specifier, 'exercises');
          const texts = await Promise.all(candidates.map(read));
          const found = candidates.find((_, index) => texts[index] !== undefined);
          if (found) queue.push(found);
        }
      }
    }
  }
  return violations;
}

/**
 * An exercise's result once a forbidden import is found: 0 points, the import as its message,
 * whatever its tests said (they ran code that was not the student's own).
 * @example
 * const result = withImportViolation(scored, violations.get(scored.id));
 */
export function withImportViolation(
  scored: ExerciseResult,
  violation: string | undefined,
): ExerciseResult {
  if (violation === undefined) return scored;
  return {
    ...scored,
    points: 0,
    status: 'error',
    message: violation,
    failure: { summary: violation },
  };
}

/**
 * What the grading process needs to enforce the rules (import-guard.ts, guard-setup.ts).
 * @example
 * runVitest({ …, imports: importGuardRequest(lab, 'exercises') });
 */
export function importGuardRequest(lab: Lab, target: Target): ImportGuardRequest {
  const rules = importRulesOf(lab, target);
  return { folder: rules.folder, allowed: rules.allowed, exerciseFiles: [...rules.exerciseFiles] };
}
