// Graded tests are protected by hashes recorded in lab.json: a student who edits a test (by
// mistake or to pass) is told so, and `--ci` fails the run. Line endings are normalised first so
// a Windows checkout (CRLF) hashes the same as the author's LF file.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntegrityProblem } from '../grade/integrity.ts';
import type { Lab } from './types.ts';

/**
 * `sha256-<hex>` of a text with CRLF turned into LF.
 * @example
 * hashText('a\r\nb\n') === hashText('a\nb\n'); // true
 */
export function hashText(text: string | Buffer): string {
  const normalised = text.toString().replaceAll('\r\n', '\n');
  return `sha256-${createHash('sha256').update(normalised).digest('hex')}`;
}

/**
 * Hash of a file inside a lab, or `undefined` when the file does not exist.
 * @example
 * await hashFile('/repo/labs/chapter3', 'tests/connect.test.ts'); // 'sha256-9f…'
 */
export async function hashFile(labDir: string, file: string): Promise<string | undefined> {
  try {
    return hashText(await readFile(join(labDir, file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The files of a lab that lab.json protects: every graded test file and every other file it
 * lists in testHashes (a support module the tests import), lab-relative.
 * @example
 * protectedTestFiles(lab); // ['tests/connect.test.ts', …, 'tests/support.ts']
 */
export function protectedTestFiles(lab: Lab): string[] {
  const { exercises, testHashes } = lab.manifest;
  return [...new Set([...exercises.map((e) => e.test), ...Object.keys(testHashes)])];
}

/**
 * Compares every graded test file (and any other file listed in testHashes) with its recorded hash.
 * @example
 * const problems = await checkTestIntegrity(lab);
 * for (const p of problems) console.warn(p.message);
 */
export async function checkTestIntegrity(lab: Lab): Promise<IntegrityProblem[]> {
  const { testHashes } = lab.manifest;
  const problems: IntegrityProblem[] = [];
  for (const file of protectedTestFiles(lab)) {
    const expected = testHashes[file];
    const actual = await hashFile(lab.dir, file);
    if (actual === undefined) {
      problems.push({ file, kind: 'missing', message: `${file} is missing` });
    } else if (expected === undefined) {
      problems.push({
        file,
        kind: 'unhashed',
        message: `${file} has no hash in lab.json, so it is not protected (authors: run \`pnpm lab ${lab.manifest.id} rehash\`)`,
      });
    } else if (actual !== expected) {
      problems.push({
        file,
        kind: 'changed',
        message: `${file} was changed: it no longer matches lab.json, so its results cannot be trusted (restore it, e.g. \`git checkout -- labs/${lab.manifest.id}/${file}\`)`,
      });
    }
  }
  return problems;
}

/**
 * The hashes `rehash` writes: every graded test (plus files already listed) and every starter.
 * @example
 * const { testHashes, starterHashes } = await computeHashes(lab);
 */
export async function computeHashes(
  lab: Lab,
): Promise<{ testHashes: Record<string, string>; starterHashes: Record<string, string> }> {
  const testFiles = [
    ...new Set([
      ...lab.manifest.exercises.map((e) => e.test),
      ...Object.keys(lab.manifest.testHashes),
    ]),
  ].sort();
  const testHashes: Record<string, string> = {};
  for (const file of testFiles) {
    const hash = await hashFile(lab.dir, file);
    if (hash) testHashes[file] = hash;
  }
  const starterHashes: Record<string, string> = {};
  for (const exercise of lab.manifest.exercises) {
    const hash = await hashFile(lab.dir, exercise.file);
    if (hash) starterHashes[exercise.file] = hash;
  }
  return { testHashes, starterHashes };
}
