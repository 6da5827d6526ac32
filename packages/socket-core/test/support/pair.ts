// A listening socket and a connected client/server pair on 127.0.0.1, built only from
// socket-core calls, for tests that need a live connection. acceptFrom (src/accept-from.ts) makes
// sure the server side is our client's, not a stray connection from another process.
import { acceptFrom, type Socket, socket } from '../../src/index.ts';

/** A listener, a client connected to it, and the server side of that connection. */
export interface Pair extends AsyncDisposable {
  readonly listener: Socket;
  readonly client: Socket;
  readonly conn: Socket;
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
