// What `pnpm lab export` reads from git: the files of the last commit (not the working tree, so
// the copy is exactly the commit it names, whatever is being edited), their content, and which
// tracked files have changes that are not committed (to say they are not exported).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../errors.ts';
import { parseCatFileBatch, parseLsTree, parseStatusZ, type TreeEntry } from './git-parse.ts';

const run = promisify(execFile);
/** Each git command is bounded: a repository this size answers in well under a second. */
const GIT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 512 * 1024 * 1024;

export interface CommittedTree {
  /** The commit exported (HEAD), full hex id. */
  readonly commit: string;
  /** Every entry of that commit under the root folder, paths relative to it. */
  readonly entries: readonly TreeEntry[];
}

async function git(root: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', root, ...args], {
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: MAX_OUTPUT,
    });
    return stdout;
  } catch (error) {
    throw explainGitError(root, args, error as NodeJS.ErrnoException & { stderr?: string });
  }
}

function explainGitError(
  root: string,
  args: readonly string[],
  error: NodeJS.ErrnoException & { stderr?: string },
): Error {
  if (error.code === 'ENOENT') {
    return new UsageError(
      'export copies the files git tracks, but git is not installed (or not on PATH)',
    );
  }
  const said = (error.stderr ?? '').trim();
  if (/not a git repository/i.test(said)) {
    return new UsageError(
      `export copies the files git tracks, but ${root} is not in a git repository: run it in a clone of the course`,
    );
  }
  return new Error(`git ${args.join(' ')} failed in ${root}: ${said || error.message}`);
}

/**
 * The last commit's files under `root`.
 * @throws UsageError when root is not in a git repository or has no commit
 * @example
 * const { commit, entries } = await committedTree('/home/ada/netprog');
 */
export async function committedTree(root: string): Promise<CommittedTree> {
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  let commit: string;
  try {
    commit = (await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${root} has no commit yet: export copies the last commit, so commit first`,
    );
  }
  // `HEAD:<prefix>` is the tree of the root folder when the course is a folder of a bigger repository.
  const tree = prefix === '' ? commit : `${commit}:${prefix}`;
  const entries = parseLsTree(await git(root, ['ls-tree', '-r', '-z', tree]));
  return { commit, entries };
}

/**
 * The tracked files under `root` whose working copy differs from the last commit.
 * @example
 * await uncommittedChanges(root); // ['chapters/03-client/src/cli.ts']
 */
export async function uncommittedChanges(root: string): Promise<string[]> {
  return parseStatusZ(
    await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--', '.']),
  );
}

/**
 * The content of many objects, read by one `git cat-file --batch`.
 * @example
 * const blobs = await readObjects(root, entries.map((e) => e.object));
 */
export function readObjects(
  root: string,
  objects: readonly string[],
): Promise<Map<string, Buffer>> {
  const unique = [...new Set(objects)];
  if (unique.length === 0) return Promise.resolve(new Map());
  const child = spawn('git', ['-C', root, 'cat-file', '--batch'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`git cat-file did not finish within ${GIT_TIMEOUT_MS} ms in ${root}`));
    }, GIT_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(explainGitError(root, ['cat-file', '--batch'], error));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`git cat-file --batch exited with ${code} in ${root}: ${stderr.trim()}`));
        return;
      }
      try {
        resolve(parseCatFileBatch(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    // If git dies early, writing fails with EPIPE; its exit code says why, in 'close' above.
    child.stdin.on('error', () => {});
    child.stdin.end(`${unique.join('\n')}\n`);
  });
}
