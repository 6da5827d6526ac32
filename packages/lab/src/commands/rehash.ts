// `pnpm lab rehash [lab]`: the maintainer command that records the hashes of the graded tests
// and the starters in lab.json (testHashes, starterHashes). Run it on the original starters,
// after changing a test or a starter, and commit lab.json with the change.
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Context } from '../context.ts';
import { discoverLabs, selectLab } from '../course/discover.ts';
import { isStudentCopy, STUDENT_COPY_MARKER } from '../course/student-copy.ts';
import { UsageError } from '../errors.ts';
import { computeHashes } from '../manifest/hash.ts';
import type { Lab } from '../manifest/types.ts';

/**
 * Rewrites the hashes of one lab or all; exits 0. Refuses in a student copy: there the hashes
 * are the teacher's record of the graded tests, and rewriting them would bless an edited test.
 * @example
 * await rehashCommand(context, 'chapter3');
 */
export async function rehashCommand(
  context: Context,
  selector: string | undefined,
): Promise<number> {
  if (await isStudentCopy(context.root)) {
    throw new UsageError(
      `this is a student copy of the course (${STUDENT_COPY_MARKER}): the graded tests and their hashes are the teacher's, so rehash runs only in the course repository; to undo an edit: git checkout -- 'labs/*/tests' 'labs/*/lab.json'`,
    );
  }
  const found = await discoverLabs(context.root);
  const labs: Lab[] = selector
    ? [selectLab(found, selector)]
    : found.flatMap((f) => (f.lab ? [f.lab] : []));
  for (const broken of selector ? [] : found.filter((f) => f.error)) {
    context.io.stderr.write(`skipped ${broken.id}: ${broken.error?.message}\n`);
  }
  for (const lab of labs) {
    const path = join(lab.dir, 'lab.json');
    const raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const { testHashes, starterHashes } = await computeHashes(lab);
    const changed = [
      ...diff(lab.manifest.testHashes, testHashes),
      ...diff(lab.manifest.starterHashes ?? {}, starterHashes),
    ];
    raw.testHashes = testHashes;
    raw.starterHashes = starterHashes;
    await writeFile(path, `${JSON.stringify(raw, null, 2)}\n`);
    const what = changed.length === 0 ? 'already up to date' : `updated ${changed.join(', ')}`;
    context.io.stdout.write(`${lab.manifest.id}: ${what} (${relative(context.root, path)})\n`);
  }
  return 0;
}

function diff(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): string[] {
  return Object.keys(after).filter((file) => before[file] !== after[file]);
}
