// A listening socket and a connected client/server pair on 127.0.0.1, built only from
// socket-core calls, for tests that need a live connection.
import { type SockAddr, type Socket, socket } from '../../src/index.ts';

/** A listener, a client connected to it, and the server side of that connection. */
export interface Pair extends AsyncDisposable {
  readonly listener: Socket;
  readonly client: Socket;
  readonly conn: Socket;
}

/**
 * Accepts until the connection from `peer` arrives, closing any other. Other processes on this
 * machine (port scanners in other packages' tests, for one) may connect to any listening port on
 * loopback; a test must not mistake such a stray connection for its own client.
 *
 * @example
 * const [conn] = await acceptFrom(listener, client.getsockname());
 */
export async function acceptFrom(listener: Socket, peer: SockAddr): Promise<[Socket, SockAddr]> {
  for (;;) {
    const [conn, address] = await listener.accept();
    if (address[0] === peer[0] && address[1] === peer[1]) return [conn, address];
    await conn.close();
  }
}

/**
 * Opens a listener on 127.0.0.1:0, connects a client and accepts it. Every call is bounded by a
 * 2 s timeout; disposing closes all three.
 *
 * @example
 * await using pair = await connectedPair();
 * await pair.client.sendAll('hi');
 */
export async function connectedPair(): Promise<Pair> {
  const listener = socket();
  const client = socket();
  let conn: Socket | undefined;
  const closeAll = async (): Promise<void> => {
    await Promise.all([client.close(), listener.close(), conn?.close()]);
  };
  try {
    listener.settimeout(2_000);
    client.settimeout(2_000);
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await client.connect(listener.getsockname());
    [conn] = await acceptFrom(listener, client.getsockname());
    conn.settimeout(2_000);
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { listener, client, conn, [Symbol.asyncDispose]: closeAll };
}
