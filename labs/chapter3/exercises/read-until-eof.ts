// Exercise 3: read a reply to the end.
//
// recv(n) returns WHATEVER HAS ARRIVED, from 1 to n bytes: one call is not "the reply". A peer
// that writes one byte at a time makes every recv() return one byte; a large reply needs many
// calls. The only end-of-stream signal is recv() returning an EMPTY Buffer: the peer closed its
// side (EOF). This exercise uses socket-core, the course's Berkeley-style sockets:
//   createConnection([host, port], timeoutMs) -> a connected Socket whose every call obeys timeoutMs
//   sock.sendAll(bytes)  sends every byte      sock.recv(n)  up to n bytes; empty = EOF
//   sock.close()         releases the socket   (or declare it with `await using`)
import { createConnection, type SockAddr, type Socket } from '@netprog/socket-core';

/**
 * Calls sock.recv() until it returns an empty Buffer, and returns every byte received, in order,
 * unchanged (bytes, not text: a character can be split between two chunks).
 *
 * @example
 * const reply = await recvAll(sock); // after the peer has sent "hello" and closed: <Buffer 68 65 6c 6c 6f>
 */
export async function recvAll(sock: Socket, bufsize = 4096): Promise<Buffer> {
  // TODO: loop over recv(bufsize); stop at the first empty chunk; join the chunks.
  throw new Error(`TODO: recvAll(${String(sock)}, ${bufsize})`);
}

/**
 * One request/reply exchange: connect to `address` (createConnection with timeoutMs), send all of
 * `request`, read the reply until the server closes, and close the socket, even when a step fails.
 * A server that never closes makes recv() time out: let that error reject the promise.
 *
 * @example
 * const reply = await exchange(['127.0.0.1', 8080], 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 2_000);
 */
export async function exchange(
  address: SockAddr,
  request: string | Uint8Array,
  timeoutMs: number,
): Promise<Buffer> {
  // TODO: createConnection, sendAll, recvAll, close (try/finally or `await using`).
  void createConnection; // the import you will need (delete this line when you use it)
  throw new Error(`TODO: exchange(${address.join(':')}, ${request.length} bytes, ${timeoutMs})`);
}
