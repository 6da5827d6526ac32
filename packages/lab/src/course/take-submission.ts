// `grade-all --submission DIR`: puts a student's exercise files in place before grading (the plan
// is submission-plan.ts). Lists regular .ts files only: symbolic links (which could point at the
// bundle's tests), node_modules/ and .git/ are never followed.
import { copyFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UsageError } from '../errors.ts';
import type { Lab } from '../manifest/types.ts';
import { planSubmission } from './submission-plan.ts';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.lab']);

/**
 * Copies the submission's exercise files over the labs' and returns the notes for the student.
 * @throws UsageError when DIR cannot be read
 * @example
 * const notes = await takeSubmission('/autograder/submission', root, labs);
 */
export async function takeSubmission(
  dir: string,
  root: string,
  labs: readonly Lab[],
): Promise<readonly string[]> {
  let files: string[];
  try {
    files = await listTs(dir, dir);
  } catch (error) {
    throw new UsageError(
      `--submission ${dir}: cannot read it (${(error as NodeJS.ErrnoException).code}): give the folder that holds the student's files`,
    );
  }
  const plan = planSubmission(
    files,
    labs.map((lab) => ({
      folder: relative(join(root, 'labs'), lab.dir),
      files: lab.manifest.exercises.map((e) => e.file),
    })),
  );
  for (const { from, to } of plan.copies) await copyFile(join(dir, from), join(root, to));
  return plan.notes;
}

async function listTs(dir: string, top: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
      found.push(...(await listTs(path, top)));
    } else if (entry.isFile() && entry.name.endsWith('.ts')) {
      found.push(relative(top, path).split(sep).join('/'));
    }
  }
  return found;
}
