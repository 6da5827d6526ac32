// Exercise 4: a server loop with a request timeout.
//
// startTimedServer(timeoutMs) listens on 127.0.0.1, port 0 (let the OS choose), and resolves once
// it is listening. For each connection:
//   - collect bytes until the head ends (CRLF CRLF); then reply
//       HTTP/1.1 200 OK, Content-Type: text/plain, Content-Length, body 'hello\n'
//     and keep the connection open for the next request (keep-alive)
//   - if a whole head has not arrived within timeoutMs of the connection opening (or of the previous
//     response), reply 'HTTP/1.1 408 Request Timeout' with Connection: close and Content-Length: 0,
//     then close the connection. A client that sends nothing, or half a head, gets the 408.
//   - call socket.setNoDelay(true), and add an 'error' listener to every socket, so a client that
//     resets cannot crash the server
// close() stops listening, destroys open connections and resolves when the server has closed.
import net from 'node:net';

/** A listening server. */
export interface TimedServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the server.
 *
 * @example
 * const server = await startTimedServer(1_000);
 * // a client that says nothing for a second gets 'HTTP/1.1 408 Request Timeout' and a close
 */
export async function startTimedServer(timeoutMs: number): Promise<TimedServer> {
  throw new Error(
    `TODO: listen with net.createServer (${typeof net.createServer}), ${timeoutMs} ms timeout`,
  );
}
