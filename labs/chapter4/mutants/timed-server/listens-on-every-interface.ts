// Mutant: listens without a host, so the server is reachable from other machines
// Why students write it: listen(0) alone works in every local test
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

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n';
const TIMEOUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * Starts the server.
 *
 * @example
 * const server = await startTimedServer(1_000);
 * // a client that says nothing for a second gets 'HTTP/1.1 408 Request Timeout' and a close
 */
export async function startTimedServer(timeoutMs: number): Promise<TimedServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        socket.end(TIMEOUT);
        socket.setTimeout(1_000, () => socket.destroy());
      }, timeoutMs);
    };
    socket.on('close', () => clearTimeout(timer));
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
        buffered = buffered.subarray(end + 4);
        socket.write(OK);
        arm();
      }
    });
    arm();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, resolve);
  });
  const { port } = server.address() as net.AddressInfo; // TCP servers report an AddressInfo
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
