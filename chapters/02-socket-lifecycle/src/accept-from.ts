// Anyone may connect to an open port: a port scanner running on this machine (chapter 3's tests
// sweep every port of 127.0.0.1) can reach an example's server before, or instead of, the client
// the example started. An example that waits for ITS client accepts until that one arrives.

import { type SockAddr, type Socket, stripIpv4Mapped } from '@netprog/socket-core';

/**
 * Calls server.accept() until the connection from `peer` (host and port, as the client sees its
 * own address) arrives, closing any other connection. Same result as accept() when nobody else
 * connects. Each accept() waits at most `timeoutMs` (a SocketTimeoutError then) unless the server
 * already has a timeout of its own; the server's timeout is put back afterwards.
 *
 * @example
 * const [conn, addr] = await acceptFrom(server, client.getsockname());
 */
export async function acceptFrom(
  server: Socket,
  peer: SockAddr,
  timeoutMs = 5_000,
): Promise<[Socket, SockAddr]> {
  const own = server.gettimeout();
  if (own === null) server.settimeout(timeoutMs);
  try {
    for (;;) {
      const [conn, address] = await server.accept();
      const samePort = address[1] === peer[1];
      if (samePort && stripIpv4Mapped(address[0]) === stripIpv4Mapped(peer[0]))
        return [conn, address];
      await conn.close();
    }
  } finally {
    server.settimeout(own);
  }
}
