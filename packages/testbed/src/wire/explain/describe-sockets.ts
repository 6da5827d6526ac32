// What sockets a process holds, as the kernel sees them: the thin reader behind the hang and leak
// explainers. /proc/<pid>/fd says which socket inodes the process holds; /proc/<pid>/net/* says
// what each one is. socket-core's netstat code does both halves; this only joins them for a pid.
import type { Endpoint } from '../record/transcript.ts';
import { readProcNet, unreadData } from './read-proc-net.ts';

/** One socket a process holds. */
export interface SocketView {
  readonly protocol: 'tcp' | 'udp';
  /**
   * TCP: the kernel's state name (LISTEN, ESTABLISHED, CLOSE_WAIT, SYN_SENT...). UDP, as `ss`
   * writes it: UNCONN (bound, no peer) or ESTABLISHED (connected to one peer).
   */
  readonly state: string;
  readonly local: Endpoint;
  /** undefined when there is no peer (a listener, an unconnected UDP socket). */
  readonly remote: Endpoint | undefined;
  /** Bytes sent and not yet acknowledged (TCP), or queued to send (UDP). */
  readonly txQueue: number;
  /** Bytes of data received that the program has not read yet (a received FIN not counted). */
  readonly rxQueue: number;
  /** The file descriptor that holds it, when known. */
  readonly fd?: number;
}

/** A /proc/net entry, as much of it as a SocketView needs (socket-core's ProcNetEntry fits). */
export interface ProcNetLike {
  readonly proto: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly state: string;
  readonly txQueue: number;
  readonly rxQueue: number;
  readonly inode: number;
}

/**
 * The entries a process holds (their inode is in `inodes`, inode → fd), as SocketViews, in fd
 * order. IPv4-mapped addresses are written as IPv4 (through `strip`).
 *
 * @example
 * socketViews(entries, new Map([[13043, 21]]), stripIpv4Mapped);
 * // [{ protocol: 'tcp', state: 'LISTEN', local: ['127.0.0.1', 41873], remote: undefined, ..., fd: 21 }]
 */
export function socketViews(
  entries: readonly ProcNetLike[],
  inodes: ReadonlyMap<number, number>,
  strip: (host: string) => string = (host) => host,
): SocketView[] {
  const views: SocketView[] = [];
  for (const entry of entries) {
    const fd = inodes.get(entry.inode);
    if (entry.inode === 0 || fd === undefined) continue;
    const protocol = entry.proto.startsWith('tcp') ? 'tcp' : 'udp';
    const noPeer = entry.remote[1] === 0;
    const state = protocol === 'udp' && entry.state === 'CLOSE' ? 'UNCONN' : entry.state;
    views.push({
      protocol,
      state,
      local: [strip(entry.local[0]), entry.local[1]],
      remote: noPeer ? undefined : [strip(entry.remote[0]), entry.remote[1]],
      txQueue: entry.txQueue,
      rxQueue: unreadData(entry.state, entry.rxQueue),
      fd,
    });
  }
  return views.sort((a, b) => (a.fd ?? 0) - (b.fd ?? 0));
}

/**
 * The TCP and UDP sockets process `pid` holds (default this one), or undefined where /proc cannot
 * tell (not Linux, the process has gone, or it is another user's).
 *
 * @example
 * for (const socket of (await describeSockets(child.pid)) ?? []) console.log(explainLeak(socket));
 */
export async function describeSockets(
  pid: number | 'self' = 'self',
): Promise<SocketView[] | undefined> {
  const tables = await readProcNet(pid, ['tcp', 'tcp6', 'udp', 'udp6']);
  if (tables === undefined) return undefined;
  const { socketInodesOf } = await import('@netprog/proc-net');
  let inodes: Map<number, number>;
  try {
    inodes = await socketInodesOf(pid);
  } catch {
    return undefined; // gone, or not ours to look at
  }
  return socketViews(tables.entries, inodes, tables.stripIpv4Mapped);
}
