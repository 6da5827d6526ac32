// Exercise 2: find both ends of one TCP connection, and the listening socket that accepted it,
// in a list of sockets like the one netstat() returns.
//
// Remember the notes' scene: one server port shows up three times,
//   127.0.0.1:7001   0.0.0.0:*         LISTEN        <- the listener ("server socket")
//   127.0.0.1:50204  127.0.0.1:7001    ESTABLISHED   <- the client's socket
//   127.0.0.1:7001   127.0.0.1:50204   ESTABLISHED   <- the socket accept() returned
// A socket is identified by the PAIR (local address, remote address), never by its local address
// alone.

export type SockAddr = readonly [host: string, port: number];

/** The part of a netstat() entry this exercise needs; real entries have more fields. */
export interface SocketEntry {
  local: SockAddr;
  remote: SockAddr;
  state: string;
}

export interface FoundConnection<E extends SocketEntry> {
  /** The entry for the socket whose view you were given (local = `local`, remote = `remote`). */
  near: E;
  /** Its mirror image: the other end of the same connection. */
  far: E;
  /** The LISTEN socket that accepted the connection (on whichever end is the server), or null if none is listed. */
  listener: E | null;
}

/**
 * Given a socket's own view of a connection (its getsockname() as `local`, its getpeername() as
 * `remote`), returns that socket's entry, the entry of the other end, and the listener that
 * accepted the connection. A connection is found whatever its state (ESTABLISHED, or half-closed:
 * FIN_WAIT2 on one end, CLOSE_WAIT on the other). Returns null when either end is not in `entries` (for example the
 * peer lives on another machine).
 *
 * Careful: an IPv4 peer of a dual-stack (::) server appears on the server's side as
 * '::ffff:127.0.0.1', while the client itself sees '127.0.0.1'. Those are the same host.
 *
 * @example
 * findConnection(entries, ['127.0.0.1', 50204], ['127.0.0.1', 7001])
 * // { near: <client entry>, far: <accepted entry>, listener: <127.0.0.1:7001 LISTEN entry> }
 */
export function findConnection<E extends SocketEntry>(
  entries: readonly E[],
  local: SockAddr,
  remote: SockAddr,
): FoundConnection<E> | null {
  throw new Error(
    `TODO: find the connection ${local.join(':')} <-> ${remote.join(':')} among ${entries.length} sockets`,
  );
}
