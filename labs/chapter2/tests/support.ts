// Shared by the graded tests (not graded itself). Two rules for every network test here:
// - every wait has a time limit, so a broken exercise fails with a clear message instead of
//   hanging until the test's timeout;
// - a listening server may be reached by strangers (other tests on this machine run port scanners
//   over 127.0.0.1), so servers ignore their resets and tests pick out their own connection.

import { once } from 'node:events';
import type { Server, Socket } from 'node:net';
import { within } from '@netprog/testbed/timing';

// within(promise, ms, what): resolves like `promise`, or rejects with "<what> did not happen
// within <ms> ms". The course's one copy lives in testbed; the tests import it from here.
export { within };

/** A server's accepted connections, strangers' included. */
export interface Connections {
  /** Waits for the connection whose client uses local port `clientPort`. */
  from(clientPort: number): Promise<Socket>;
  /** Destroys every accepted connection, so that server.close() can finish. */
  destroyAll(): void;
}

/**
 * Keeps every connection `server` accepts: a stranger's RST is ignored instead of crashing the
 * test, and `from(port)` finds the test's own connection among them.
 *
 * @example
 * const connections = track(server);
 * const accepted = await connections.from(client.localPort);
 */
export function track(server: Server): Connections {
  const sockets: Socket[] = [];
  server.on('connection', (socket) => {
    socket.on('error', () => {});
    sockets.push(socket);
  });
  return {
    async from(clientPort) {
      const find = () => sockets.find((s) => s.remotePort === clientPort);
      while (find() === undefined) {
        await within(once(server, 'connection'), 2_000, `the connection from port ${clientPort}`);
      }
      return find() as Socket;
    },
    destroyAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/**
 * Closes a server after destroying its connections (close() alone waits for them to end).
 *
 * @example
 * afterEach(() => closeServer(server, connections));
 */
export async function closeServer(server: Server, connections?: Connections): Promise<void> {
  connections?.destroyAll();
  if (server.listening) await new Promise((resolve) => server.close(resolve));
}
