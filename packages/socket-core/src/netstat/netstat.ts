// netstat(): the sockets of this process (or of the whole machine) as the kernel sees them.
// A thin shell over Linux's /proc: the parsing of /proc/net and the fd → socket
// join live in @netprog/proc-net. Node has no API for this (no getsockopt(TCP_INFO), no socket states), and
// macOS/Windows have no /proc, so there we refuse plainly instead of guessing.

import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import {
  type NetstatProto,
  type ProcNetEntry,
  parseProcNetTable,
  type SocketOwner,
  socketInodesOf,
  socketOwners,
} from '@netprog/proc-net';
import { UnsupportedError } from '../errors.ts';

/** One socket, with the process holding it when that is known. */
export interface NetstatEntry extends ProcNetEntry {
  /** The process holding the socket; absent for TIME_WAIT sockets (no process holds them any more) and for processes we may not inspect. */
  pid?: number;
  /** The file descriptor number in that process. */
  fd?: number;
  /** The process's short name, e.g. 'node'. */
  command?: string;
}

export interface NetstatOptions {
  /**
   * false (default): only sockets held by this process, found through /proc/self/fd.
   * true: every socket in this network namespace, like `ss -tuan`, with the owning process where
   * this user may see it (like `ss -p`).
   */
  all?: boolean;
  /** Which tables to read (default all four). */
  protocols?: readonly NetstatProto[];
  /** The platform to act as (default process.platform); pass another to see its refusal. */
  platform?: NodeJS.Platform;
}

/**
 * netstat() was called where there is no /proc/net to read. Like every UnsupportedError, it is
 * not an OS error (nothing failed in a kernel): the message says what to use instead.
 *
 * @example
 * await netstat({ platform: 'darwin' }).catch((e) => {
 *   if (e instanceof NetstatUnsupportedError) console.log(e.message); // 'netstat() is not supported on darwin: ...'
 * });
 */
export class NetstatUnsupportedError extends UnsupportedError {
  readonly syscall = 'netstat';
  readonly platform: string;
  constructor(platform: string) {
    super(
      `netstat() is not supported on ${platform}: it reads Linux's /proc/net/{tcp,tcp6,udp,udp6}. ` +
        'On macOS use `netstat -an -p tcp` or `lsof -nP -iTCP`; on Windows `netstat -ano`.',
    );
    this.name = 'NetstatUnsupportedError';
    this.platform = platform;
  }
}

export const NETSTAT_PROTOCOLS: readonly NetstatProto[] = ['tcp', 'tcp6', 'udp', 'udp6'];

async function readTable(proto: NetstatProto): Promise<string> {
  try {
    return await readFile(`/proc/net/${proto}`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A kernel without IPv6 simply has no tcp6/udp6 table: that means "no IPv6 sockets".
    if (code === 'ENOENT' && proto.endsWith('6')) return '';
    throw new Error(
      `netstat(): cannot read /proc/net/${proto} (${code ?? String(error)}); is /proc mounted?`,
      { cause: error },
    );
  }
}

/**
 * Lists TCP and UDP sockets with protocol, local and remote address, and state, read from
 * /proc/net on Linux. By default only this process's sockets; `{ all: true }` for every socket in
 * the network namespace. Throws NetstatUnsupportedError on any other platform.
 *
 * A snapshot: the tables are read one after the other, so a socket that changes state meanwhile
 * shows the state it had when its table was read.
 *
 * @example
 * const server = await createServer(['127.0.0.1', 0]);
 * for (const e of await netstat({ protocols: ['tcp'] })) console.log(e.state, e.local, e.remote);
 * // LISTEN [ '127.0.0.1', 41234 ] [ '0.0.0.0', 0 ]
 */
export async function netstat(options: NetstatOptions = {}): Promise<NetstatEntry[]> {
  const { all = false, protocols = NETSTAT_PROTOCOLS, platform = process.platform } = options;
  if (platform !== 'linux') throw new NetstatUnsupportedError(platform);
  const littleEndian = endianness() === 'LE';
  // Read the fds before the tables: a socket opened in between is missed rather than shown ownerless.
  let owners: Map<number, SocketOwner>;
  if (all) {
    owners = await socketOwners();
  } else {
    const command = await readFile('/proc/self/comm', 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    );
    owners = new Map();
    for (const [inode, fd] of await socketInodesOf('self')) {
      owners.set(
        inode,
        command === undefined ? { pid: process.pid, fd } : { pid: process.pid, fd, command },
      );
    }
  }
  // #region join
  const entries: NetstatEntry[] = [];
  for (const proto of protocols) {
    const table = parseProcNetTable(await readTable(proto), proto, littleEndian);
    for (const entry of oncePerSocket(table)) {
      // inode 0 = no process holds it (TIME_WAIT, or a connection not yet accept()ed).
      const owner = entry.inode === 0 ? undefined : owners.get(entry.inode);
      if (owner !== undefined) entries.push({ ...entry, ...owner });
      else if (all) entries.push(entry);
    }
  }
  // #endregion join
  return entries;
}

/**
 * The entries of one table with each socket once. The kernel writes /proc/net/tcp a page at a
 * time, so a socket that moves in its hash table between two reads (other sockets opening and
 * closing) can be written twice, or not at all; a busy machine showed a line twice. A socket is
 * its inode; one with inode 0 (TIME_WAIT, not yet accepted) is its state and addresses.
 *
 * @example
 * const table = await netstat({ all: true, protocols: ['tcp'] });
 * oncePerSocket([...table, ...table]).length === table.length; // true
 */
export function oncePerSocket<E extends ProcNetEntry>(table: Iterable<E>): E[] {
  const seen = new Set<string>();
  const once: E[] = [];
  for (const entry of table) {
    const id =
      entry.inode !== 0
        ? `inode ${entry.inode}`
        : `${entry.state} ${entry.local.join(' ')} ${entry.remote.join(' ')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    once.push(entry);
  }
  return once;
}
