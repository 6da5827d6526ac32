// Mutant: stops at the first chunk shorter than bufsize, taking it for the last one
// Why students write it: a short read looks like the end of the data
// Exercise 3 (reference solution): read a reply to the end.
import { createConnection, type SockAddr, type Socket } from '@netprog/socket-core';

/**
 * Calls sock.recv() until it returns an empty Buffer, and returns every byte received, in order,
 * unchanged (bytes, not text: a character can be split between two chunks).
 *
 * @example
 * const reply = await recvAll(sock); // after the peer has sent "hello" and closed: <Buffer 68 65 6c 6c 6f>
 */
export async function recvAll(sock: Socket, bufsize = 4096): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await sock.recv(bufsize);
    chunks.push(chunk);
    if (chunk.length < bufsize) return Buffer.concat(chunks);
  }
}

/**
 * One request/reply exchange: connect, send all of `request`, read until the server closes, close.
 *
 * @example
 * const reply = await exchange(['127.0.0.1', 8080], 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 2_000);
 */
export async function exchange(
  address: SockAddr,
  request: string | Uint8Array,
  timeoutMs: number,
): Promise<Buffer> {
  // `await using` closes the socket when this function returns or throws.
  await using sock = await createConnection(address, timeoutMs);
  await sock.sendAll(request);
  return await recvAll(sock); // `await` here: a returned promise would outlive the socket
}
