// The small vocabulary every file in socket-core shares, spelled the way Python's socket module
// spells it, so that code can be read side by side with the Python notes.

/** An address as a Python-like tuple: `['127.0.0.1', 8080]`. Hosts are IP literals or names. */
export type SockAddr = readonly [host: string, port: number];

/** Address family: IPv4 (`AF_INET`) or IPv6 (`AF_INET6`). */
export type Family = 'AF_INET' | 'AF_INET6';

/** Socket type: a TCP byte stream (`SOCK_STREAM`) or UDP datagrams (`SOCK_DGRAM`). */
export type SockType = 'SOCK_STREAM' | 'SOCK_DGRAM';

/**
 * Where a Socket is in its life. The Berkeley API has no such public field; it is the state the
 * kernel keeps, made visible so that wrong-order calls can say what state the socket was in.
 *
 * - `fresh`: created, nothing else done (Python: a new socket with laddr ('0.0.0.0', 0)).
 * - `bound`: bind() recorded a local address (see Socket.bind: Node binds later, for real).
 * - `listening`: a passive socket that accept() takes connections from.
 * - `connecting`: a connect is in flight (a non-blocking connect leaves it here).
 * - `connected`: one end of an established TCP connection.
 * - `closed`: close() was called; every call except close() now fails with EBADF.
 */
export type SocketState = 'fresh' | 'bound' | 'listening' | 'connecting' | 'connected' | 'closed';

/** Which direction shutdown() closes: reading, writing (sends FIN), or both. */
export type ShutdownHow = 'SHUT_RD' | 'SHUT_WR' | 'SHUT_RDWR';
