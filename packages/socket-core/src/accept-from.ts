// Anyone may connect to an open port. accept() returns the peer's address precisely so a server
// can tell who it got, and on a shared machine the first connection is not always the one a
// program is waiting for: a port scanner (chapter 3's tests sweep every port of 127.0.0.1) can
// reach an example's or a test's listener before, or instead of, the client it started itself.
import { stripIpv4Mapped } from '@netprog/proc-net';
import type { Socket } from './socket.ts';
import type { SockAddr } from './types.ts';

/**
 * Calls server.accept() until the connection from `peer` (host and port, as the client sees its
 * own address: `client.getsockname()`) arrives, closing any other connection. Same result as
 * accept() when nobody else connects. An IPv4-mapped address ('::ffff:127.0.0.1') matches its
 * IPv4 form, so a dual-stack listener finds an IPv4 client. Each accept() waits at most
 * `timeoutMs` (a SocketTimeoutError then) unless the server already has a timeout of its own;
 * the server's timeout is put back afterwards.
 *
 * @example
 * await client.connect(server.getsockname());
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
      if (samePort && stripIpv4Mapped(address[0]) === stripIpv4Mapped(peer[0])) {
        return [conn, address];
      }
      await conn.close();
    }
  } finally {
    server.settimeout(own);
  }
}
