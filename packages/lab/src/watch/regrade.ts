// What watch mode re-grades after a save: only the exercises whose grading reads a changed file
// (import-graph.ts), and every exercise when it cannot be sure. Pure: the changes, the import
// graph and what exists now in, a selection out.

/** Every exercise, or only some (possibly none), with the reason shown to the student. */
export type Selection =
  | { readonly all: true; readonly reason: string }
  | { readonly all: false; readonly ids: readonly string[]; readonly reason: string };

/**
 * Chooses what to re-grade after `changed` (lab-relative paths; `undefined` when the file system
 * did not say which file changed).
 * - Every exercise when a name is unknown, when a file under `tests/` changed (a graded test, or
 *   a helper the tests share), or when a file that no graded test imports changed and is still
 *   there: the import graph cannot place it (a new helper, a data file read some other way), so
 *   nothing is assumed.
 * - Otherwise the exercises whose grading reads a changed file, in the manifest's order. A file
 *   nobody reads that is gone again (an editor's temporary file: vim writes and deletes `4913`
 *   and `name.ts~` on every save) cannot change a grade and is left out; when that leaves
 *   nothing, nothing is re-graded.
 * @example
 * selectRegrade(['exercises/a.ts'], new Map([['a', new Set(['exercises/a.ts'])]]), ['a'], () => true);
 * // { all: false, ids: ['a'], reason: 'exercises/a.ts changed' }
 */
export function selectRegrade(
  changed: readonly (string | undefined)[],
  reads: ReadonlyMap<string, ReadonlySet<string>>,
  order: readonly string[],
  exists: (file: string) => boolean,
): Selection {
  const files = [...new Set(changed)];
  const named = files.filter((file): file is string => file !== undefined);
  if (named.length < files.length) return { all: true, reason: 'a file changed' };
  const test = named.find((file) => file.startsWith('tests/'));
  if (test) return { all: true, reason: `${test} changed: every exercise` };
  const ids = new Set<string>();
  const relevant: string[] = [];
  for (const file of named) {
    const readers = order.filter((id) => reads.get(id)?.has(file));
    if (readers.length === 0 && !exists(file)) continue;
    if (readers.length === 0) {
      return {
        all: true,
        reason: `${file} changed, and no graded test imports it: every exercise`,
      };
    }
    relevant.push(file);
    for (const id of readers) ids.add(id);
  }
  return {
    all: false,
    ids: order.filter((id) => ids.has(id)),
    reason: `${relevant.join(', ')} changed`,
  };
}
