// Mutant: awaits serveOne() in the loop, as the notes' ct.run() does
// Why students write it: await on every promise is the habit async code teaches, and a test with one client at a time passes
// Exercise 5: an accept loop that does not wait for its clients.
//
// serveForever(server, handle) is the accept loop of a server made with socket-core
// (createServer): it takes connections with server.accept() and gives each to handle(connection).
// The loop below works, but it has the bug of the course notes' "threaded" Python server, which
// calls ct.run() where it means ct.start() (python/http_server_threaded_notes.py): it awaits
// handle(), so while one client is served, the next one is not even accepted. Fix it:
//   - accept the next connection while earlier ones are still being served: a slow client must
//     not make the others wait
//   - a handler that fails (rejects, or throws before returning a promise) ends only its own
//     connection: the loop carries on, and nothing is left as an unhandled rejection
//   - close every connection once its handler is done, whether it succeeded or failed (handlers
//     do not close their connection themselves)
//   - when the server is closed, accept() rejects with a SocketError whose code is EBADF: then
//     serveForever resolves; any other accept() error rejects it
import { type Socket, SocketError } from '@netprog/socket-core';

/** Serves one connection; the loop closes the connection afterwards. */
export type Handler = (connection: Socket) => Promise<void>;

/**
 * Accepts connections until the server is closed, handing each to `handle`.
 *
 * @example
 * const server = await createServer(['127.0.0.1', 0]);
 * const loop = serveForever(server, async (conn) => { await conn.sendAll('hello\n'); });
 * // ... later
 * await server.close();
 * await loop; // resolves
 */
export async function serveForever(server: Socket, handle: Handler): Promise<void> {
  for (;;) {
    let connection: Socket;
    try {
      [connection] = await server.accept();
    } catch (error) {
      if (error instanceof SocketError && error.code === 'EBADF') return; // the server was closed
      throw error;
    }
    await serveOne(connection, handle); // the notes' ct.run(): the next accept() waits
  }
}

/** Runs the handler for one connection and closes it; never rejects. */
async function serveOne(connection: Socket, handle: Handler): Promise<void> {
  try {
    await handle(connection); // inside the try, so a handler that throws at once is caught too
  } catch {
    // A failed handler ends its own connection only.
  } finally {
    await connection.close().catch(() => {});
  }
}
