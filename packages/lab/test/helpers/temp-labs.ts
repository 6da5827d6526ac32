// Copies fixture labs into a fresh folder, so tests can edit files, tamper with tests and write
// `.lab/` state without touching the fixtures. The copy gets a node_modules link to this
// package's, so the labs' tests still resolve `vitest`.
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fixturesRoot, packageDir } from './run-cli.ts';

export interface TempRoot extends AsyncDisposable {
  /** Use as --root: it holds labs/<name>. */
  readonly root: string;
  labDir(name: string): string;
}

/**
 * A temporary root holding copies of the named fixture labs; removed on dispose.
 * @param from the fixture root whose labs/ holds them (default test/fixtures; watch mode's own
 *   lab is in test/fixtures/watch, out of the way of the tests that list test/fixtures)
 * @example
 * await using temp = await copyFixtureLabs(['fair']);
 */
export async function copyFixtureLabs(
  names: readonly string[],
  from: string = fixturesRoot,
): Promise<TempRoot> {
  const root = await mkdtemp(join(tmpdir(), 'netprog-lab-test-'));
  await mkdir(join(root, 'labs'));
  await symlink(join(packageDir, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const name of names) {
    await cp(join(from, 'labs', name), join(root, 'labs', name), {
      recursive: true,
      filter: (source) => !source.includes(`${sep}.lab`),
    });
  }
  return {
    root,
    labDir: (name) => join(root, 'labs', name),
    [Symbol.asyncDispose]: () => rm(root, { recursive: true, force: true }),
  };
}
