// Reading git's machine output: `git ls-tree -r -z` (what a commit holds) and
// `git cat-file --batch` (the content of many objects in one process). Pure: bytes in, data out.

/** One entry of a commit's tree. */
export interface TreeEntry {
  /** `100644` a file, `100755` an executable, `120000` a symbolic link, `160000` a submodule. */
  readonly mode: string;
  readonly type: 'blob' | 'commit' | 'tree';
  /** The object id (hex). */
  readonly object: string;
  /** Relative to the folder the tree was listed from, with `/`. */
  readonly path: string;
}

/**
 * Parses `git ls-tree -r -z`: `<mode> <type> <object>\t<path>\0` per entry.
 * @throws Error on a line that is not in that shape (git changed, or this is not ls-tree output)
 * @example
 * parseLsTree('100644 blob 3b18e5…\tREADME.md\0'); // [{ mode: '100644', type: 'blob', object: '3b18e5…', path: 'README.md' }]
 */
export function parseLsTree(output: string): TreeEntry[] {
  return output
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(\d{6}) (blob|commit|tree) ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (!match) throw new Error(`unexpected line from git ls-tree: ${JSON.stringify(line)}`);
      // The groups are there whenever the expression matched.
      const [, mode = '', type = 'blob', object = '', path = ''] = match;
      return { mode, type: type as TreeEntry['type'], object, path };
    });
}

/**
 * Parses `git cat-file --batch`: for each object `<object> <type> <size>\n<content>\n`, or
 * `<object> missing\n`.
 * @throws Error for a missing object or output cut short
 * @example
 * parseCatFileBatch(Buffer.from('ab12 blob 3\nhi\n\n')).get('ab12')?.toString(); // 'hi\n'
 */
export function parseCatFileBatch(output: Buffer): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  let at = 0;
  while (at < output.length) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) throw new Error('git cat-file output ends in the middle of a header');
    const header = output.subarray(at, end).toString();
    const match = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
    if (!match) throw new Error(`git cat-file could not read an object: ${header}`);
    const [, object = '', , size = '0'] = match;
    const start = end + 1;
    const stop = start + Number(size);
    if (stop > output.length) throw new Error(`git cat-file output is cut short in ${object}`);
    objects.set(object, output.subarray(start, stop));
    at = stop + 1; // the newline after the content
  }
  return objects;
}

/**
 * The paths `git status --porcelain -z` reports (a rename's old path left out).
 * @example
 * parseStatusZ(' M README.md\0R  new.ts\0old.ts\0'); // ['README.md', 'new.ts']
 */
export function parseStatusZ(output: string): string[] {
  const tokens = output.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token.length < 4) continue;
    paths.push(token.slice(3));
    // A rename or copy is followed by its old path, as a token of its own.
    if (token[0] === 'R' || token[0] === 'C') i++;
  }
  return paths;
}
