// Exercise 3: read exactly N bytes, within a deadline for the whole read.
//
// An idle timeout ("no byte for N ms") never fires on a peer that trickles one byte every 100 ms;
// such a peer can keep you reading for ever. A deadline bounds the total time instead.
import type net from 'node:net';

/**
 * Reads exactly `byteCount` bytes from `socket` and resolves with them, all within `deadlineMs`
 * counted from the call, however the bytes trickle in.
 *
 * - At the deadline: destroy the socket (the conversation is out of step now) and reject with an
 *   Error whose `code` is 'ETIMEDOUT' and whose message names the deadline.
 * - If the peer closes (end of stream) before `byteCount` bytes: reject with an Error whose
 *   message says how many bytes did arrive, e.g. "peer closed after 3 of 10 bytes".
 * - A socket error (the peer reset the connection) rejects at once with that error.
 * - Bytes that arrive beyond `byteCount` must not be lost: the next read gets them
 *   (socket.unshift() puts bytes back at the front of the stream). Nor may bytes that arrive
 *   between two reads: leave the socket paused, not flowing with no one listening.
 * - When it settles, remove every listener it added, and clear the timer.
 *
 * @example
 * socket.write('GET / HTTP/1.0\r\n\r\n');
 * const status = await recvWithDeadline(socket, 12, 2_000); // 'HTTP/1.1 200'
 */
export function recvWithDeadline(
  socket: net.Socket,
  byteCount: number,
  deadlineMs: number,
): Promise<Buffer> {
  // TODO: collect 'data' chunks (or read() on 'readable') until you have byteCount bytes; one
  // timer for the whole read; settle once, and clean up on every path.
  throw new Error(
    `TODO: recvWithDeadline(socket to port ${socket.remotePort}, ${byteCount}, ${deadlineMs}) is not written yet (exercises/recv-with-deadline.ts)`,
  );
}
