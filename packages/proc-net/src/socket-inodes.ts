// Which socket belongs to which process. /proc/net/tcp lists every TCP socket in the network
// namespace with an inode number but no owner; each process's /proc/<pid>/fd/ holds one symlink per
// open file descriptor, and a socket's link reads `socket:[<inode>]`. Joining the two on the inode
// is exactly what `netstat -p`, `ss -p` and `lsof -i` do.

import { readdir, readFile, readlink } from 'node:fs/promises';

/** A process holding a socket open, through one of its file descriptors. */
export interface SocketOwner {
  pid: number;
  fd: number;
  /** The process's short name from /proc/<pid>/comm (e.g. 'node'), when it could be read. */
  command?: string;
}

/**
 * Extracts the inode from a /proc/<pid>/fd link target, or null when the fd is not a socket
 * (a file, a pipe, an eventpoll...).
 *
 * @example
 * parseSocketLink('socket:[13043]') // 13043
 * parseSocketLink('pipe:[13556]')   // null
 */
export function parseSocketLink(target: string): number | null {
  const match = /^socket:\[(\d+)\]$/.exec(target);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * A call that reads /proc where there is none (macOS, Windows): one line naming the call, the
 * Linux file it reads and what to use instead, not an ENOENT with a stack.
 *
 * @example
 * await socketOwners('darwin').catch((e) => console.log(e.message));
 * // "socketOwners() reads Linux's /proc/<pid>/fd; darwin has no /proc. ..."
 */
export class ProcUnavailableError extends Error {
  /** The code socket-core's UnsupportedError has: nothing failed in a kernel, the call cannot work here. */
  readonly code = 'ERR_NETPROG_UNSUPPORTED';
  readonly platform: string;
  constructor(call: string, platform: string) {
    super(
      `${call} reads Linux's /proc/<pid>/fd; ${platform} has no /proc. ` +
        'It works on Linux only; on macOS `lsof -nP -i` shows which process holds which socket.',
    );
    this.name = 'ProcUnavailableError';
    this.platform = platform;
  }
}

/** Error codes that mean "this fd or process went away, or is not ours to look at": skip it. */
const VANISHED_OR_FORBIDDEN = new Set(['ENOENT', 'ESRCH', 'EACCES', 'EPERM', 'ENOTDIR']);

function isSkippable(error: unknown): boolean {
  return VANISHED_OR_FORBIDDEN.has((error as NodeJS.ErrnoException).code ?? '');
}

/**
 * Maps each socket inode held by one process to the fd that holds it, by reading
 * /proc/<pid>/fd. Linux only: elsewhere rejects with ProcUnavailableError (`platform`, default
 * process.platform, is there to see that). Fds that close while we look are skipped (the
 * directory listing itself briefly opens one). When one socket sits behind several fds, the
 * lowest fd is kept.
 *
 * @example
 * const mine = await socketInodesOf('self'); // Map { 13039 => 19, 13040 => 20, ... }
 */
export async function socketInodesOf(
  pid: number | 'self' = 'self',
  platform: string = process.platform,
): Promise<Map<number, number>> {
  if (platform !== 'linux') throw new ProcUnavailableError('socketInodesOf()', platform);
  const dir = `/proc/${pid}/fd`;
  const names = await readdir(dir);
  const fds = names
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => a - b);
  const byInode = new Map<number, number>();
  for (const fd of fds) {
    let target: string;
    try {
      target = await readlink(`${dir}/${fd}`);
    } catch (error) {
      if (isSkippable(error)) continue;
      throw error;
    }
    const inode = parseSocketLink(target);
    if (inode !== null && !byInode.has(inode)) byInode.set(inode, fd);
  }
  return byInode;
}

/**
 * Maps each socket inode to a process holding it, looking at every process this user may inspect
 * (like `ss -p`: without privileges, other users' processes are invisible and are skipped, so
 * their sockets simply have no owner). Linux only: elsewhere rejects with ProcUnavailableError.
 *
 * @example
 * const owners = await socketOwners(); // Map { 13039 => { pid: 7107, fd: 19, command: 'node' }, ... }
 */
export async function socketOwners(
  platform: string = process.platform,
): Promise<Map<number, SocketOwner>> {
  if (platform !== 'linux') throw new ProcUnavailableError('socketOwners()', platform);
  const pids = (await readdir('/proc'))
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
  const owners = new Map<number, SocketOwner>();
  for (const pid of pids) {
    let inodes: Map<number, number>;
    try {
      inodes = await socketInodesOf(pid);
    } catch (error) {
      if (isSkippable(error)) continue;
      throw error;
    }
    if (inodes.size === 0) continue;
    const command = await readFile(`/proc/${pid}/comm`, 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    );
    for (const [inode, fd] of inodes) {
      if (owners.has(inode)) continue;
      owners.set(inode, command === undefined ? { pid, fd } : { pid, fd, command });
    }
  }
  return owners;
}
