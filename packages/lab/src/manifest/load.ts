// Reads labs/<id>/lab.json, validates it and checks that every file a student's grading needs
// exists (the starters and the graded tests), so grading never starts on a lab that cannot be
// graded. The reference solutions are checked only by what grades them (`--solution`, `verify`:
// labs/student-copy.ts), since a student copy of the course has none.
import { access, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { LabConfigError } from '../errors.ts';
import type { Lab } from './types.ts';
import { validateManifest } from './validate.ts';

/** Where an exercise's reference solution lives: same name as the starter, under solutions/. */
export function solutionFileOf(file: string): string {
  return file.replace(/^exercises\//, 'solutions/');
}

/**
 * Loads and validates one lab folder.
 * @throws LabConfigError naming the lab.json and every problem found
 * @example
 * const lab = await loadLab('/repo/labs/chapter3');
 * lab.manifest.exercises.length; // 4
 */
export async function loadLab(folder: string, root = folder): Promise<Lab> {
  // Absolute, because the grader matches test files by absolute path.
  const dir = resolve(folder);
  const path = join(dir, 'lab.json');
  const shown = relative(root, path) || path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new LabConfigError(`${shown}: cannot read the lab manifest (does the file exist?)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LabConfigError(`${shown}: not valid JSON: ${(error as Error).message}`);
  }
  const validation = validateManifest(json, basename(dir));
  if (!validation.ok) {
    throw new LabConfigError(`${shown}:\n  - ${validation.problems.join('\n  - ')}`);
  }
  const missing: string[] = [];
  for (const exercise of validation.manifest.exercises) {
    for (const file of [exercise.file, exercise.test]) {
      if (!(await exists(join(dir, file)))) missing.push(`${file} (exercise "${exercise.id}")`);
    }
  }
  if (missing.length > 0) {
    throw new LabConfigError(
      `${shown} names files that do not exist:\n  - ${missing.join('\n  - ')}`,
    );
  }
  return { dir, manifest: validation.manifest };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
