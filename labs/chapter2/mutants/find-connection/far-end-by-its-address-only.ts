// Mutant: takes the first socket whose local address is the peer's address as the far end, without checking its remote address
// Why students write it: 'the server's socket is the one on the server's address'
// Reference solution for exercise 2.

export type SockAddr = readonly [host: string, port: number];

export interface SocketEntry {
  local: SockAddr;
  remote: SockAddr;
  state: string;
}

export interface FoundConnection<E extends SocketEntry> {
  near: E;
  far: E;
  listener: E | null;
}

/** '::ffff:127.0.0.1' and '127.0.0.1' are one host: compare IPv4 peers without the mapping. */
function plainHost(host: string): string {
  return host.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

function sameAddress(a: SockAddr, b: SockAddr): boolean {
  return a[1] === b[1] && plainHost(a[0]) === plainHost(b[0]);
}

/** Does a listener bound to `bound` accept connections addressed to `target`? */
function listensFor(bound: SockAddr, target: SockAddr): boolean {
  if (bound[1] !== target[1]) return false;
  const host = plainHost(target[0]);
  if (bound[0] === '::') return true; // dual-stack wildcard: IPv6 and (mapped) IPv4
  if (bound[0] === '0.0.0.0') return !host.includes(':'); // IPv4 wildcard: IPv4 only
  return plainHost(bound[0]) === host;
}

export function findConnection<E extends SocketEntry>(
  entries: readonly E[],
  local: SockAddr,
  remote: SockAddr,
): FoundConnection<E> | null {
  // The pair identifies a socket, whatever its state: a half-closed connection (FIN_WAIT2 on one
  // end, CLOSE_WAIT on the other) is still a connection, often the one worth finding.
  const near = entries.find((e) => sameAddress(e.local, local) && sameAddress(e.remote, remote));
  const far = entries.find((e) => sameAddress(e.local, remote));
  if (near === undefined || far === undefined) return null;
  const listeners = entries.filter((e) => e.state === 'LISTEN');
  // The server end is the one whose local address a listener covers; prefer an exact address
  // over a wildcard, as the kernel does when it picks the listener for an incoming SYN.
  for (const end of [near, far]) {
    const candidates = listeners.filter((l) => listensFor(l.local, end.local));
    const exact = candidates.find((l) => plainHost(l.local[0]) === plainHost(end.local[0]));
    const listener = exact ?? candidates[0];
    if (listener !== undefined) return { near, far, listener };
  }
  return { near, far, listener: null };
}
