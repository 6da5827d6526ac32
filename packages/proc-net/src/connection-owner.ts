// Whose is the other end of a connection a server accepted? A loopback server shares the machine
// with every other process on it, and some of them connect to whatever listens (port scanners,
// probes). The client's end of a loopback connection is a socket in this same network namespace,
// so it has a line in /proc/net/tcp with an inode, and the inode is held by whichever process
// opened it: the same join `ss -p` makes, done for one socket. The rules here are pure; reading
// /proc (and in which order, which matters) is the caller's job.

import {
  type NetstatProto,
  type ProcNetEntry,
  parseProcNetLine,
  stripIpv4Mapped,
} from './parse-proc-net.ts';

/** An address as a `[host, port]` tuple. */
type Endpoint = readonly [host: string, port: number];

/** An accepted connection as the server's socket sees it. */
export interface AcceptedEnds {
  /** The server's end: `socket.localAddress`, `socket.localPort`. */
  readonly server: Endpoint;
  /** The client's end: `socket.remoteAddress`, `socket.remotePort`. */
  readonly client: Endpoint;
}

/**
 * Whose a client socket is: 'ours' when its inode is among the inodes given, 'stranger' when it
 * is held by someone else, 'unknown' when no process holds it any more (closed: the kernel keeps
 * the connection with inode 0 until it ends, and then drops the line), so nobody can tell.
 */
export type ClientOwner = 'ours' | 'stranger' | 'unknown';

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a[1] === b[1] && stripIpv4Mapped(a[0]) === stripIpv4Mapped(b[0]);
}

/** The 4 hex digits /proc/net prints a port with ("1F90" for 8080). */
function portHex(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Finds the client's end of an accepted connection in one /proc/net table's text: the socket
 * whose local address is the accepted socket's remote one and whose remote address is the
 * accepted socket's local one (the accepted socket itself is the mirror image, and is the
 * server's). When a closed earlier connection with the same four addresses lingers (TIME_WAIT,
 * inode 0), the entry with an inode wins. Lines that cannot concern the connection (neither port
 * appears in them) are skipped before parsing, so a table of thousands of lines costs little.
 * Returns undefined when there is no such socket (it closed and is gone already).
 *
 * @example
 * const text = await readFile('/proc/net/tcp', 'utf8');
 * clientEndIn(text, 'tcp', { server: ['127.0.0.1', 36135], client: ['127.0.0.1', 35214] });
 * // { proto: 'tcp', local: ['127.0.0.1', 35214], remote: ['127.0.0.1', 36135], inode: 13040, ... }
 */
export function clientEndIn(
  tableText: string,
  proto: NetstatProto,
  accepted: AcceptedEnds,
  littleEndian = true,
): ProcNetEntry | undefined {
  const local = `:${portHex(accepted.client[1])} `;
  const remote = `:${portHex(accepted.server[1])} `;
  let found: ProcNetEntry | undefined;
  for (const line of tableText.split('\n').slice(1)) {
    if (!line.includes(local) || !line.includes(remote)) continue;
    const entry = parseProcNetLine(line, proto, littleEndian);
    if (!sameEndpoint(entry.local, accepted.client) || !sameEndpoint(entry.remote, accepted.server))
      continue;
    if (found === undefined || (found.inode === 0 && entry.inode !== 0)) found = entry;
  }
  return found;
}

/**
 * Says whose the client end is, given the socket inodes of every process that counts as ours.
 * No entry or inode 0 is 'unknown': the client closed before anyone looked, and nothing can say
 * who it was. Callers that must never hide a real client's misbehaviour treat 'unknown' as ours.
 *
 * @example
 * clientOwner({ ...entry, inode: 13040 }, new Set([13040])) // 'ours'
 * clientOwner({ ...entry, inode: 13040 }, new Set([99]))    // 'stranger'
 * clientOwner(undefined, new Set([99]))                     // 'unknown'
 */
export function clientOwner(
  entry: Pick<ProcNetEntry, 'inode'> | undefined,
  ourInodes: { has(inode: number): boolean },
): ClientOwner {
  if (entry === undefined || entry.inode === 0) return 'unknown';
  return ourInodes.has(entry.inode) ? 'ours' : 'stranger';
}

/**
 * The parent pid in the text of /proc/<pid>/stat. The second field, the command name, is in
 * parentheses and may itself hold spaces and parentheses, so the fields are counted from the
 * last ')'.
 *
 * @example
 * parseStatParent('4242 (node (worker)) S 4200 4242 ...') // 4200
 */
export function parseStatParent(statText: string): number {
  const after = statText
    .slice(statText.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(after[1]);
  if (statText.lastIndexOf(')') < 0 || !Number.isInteger(ppid)) {
    throw new RangeError(
      `expected "pid (comm) state ppid ..." from /proc/<pid>/stat, got ${JSON.stringify(statText.slice(0, 80))}`,
    );
  }
  return ppid;
}

/**
 * The pids in the text of /proc/<pid>/task/<tid>/children (space-separated, possibly empty).
 *
 * @example
 * parseChildren('8317 8320 ') // [8317, 8320]
 */
export function parseChildren(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}
