// The other way a reply can end: its length is known (a length prefix, a Content-Length), so the
// reader loops until it has exactly that many bytes, and treats an early EOF as an error.
import type { Socket } from '@netprog/socket-core';

/** The peer closed the connection before `expected` bytes arrived. */
export class EarlyEofError extends Error {
  override readonly name = 'EarlyEofError';
  readonly expected: number;
  readonly received: number;
  constructor(expected: number, received: number) {
    super(
      `connection closed after ${received} of ${expected} expected bytes: ` +
        'the peer stopped early (crashed, or its length was wrong)',
    );
    this.expected = expected;
    this.received = received;
  }
}

// #region recv-exactly
/**
 * Receives exactly `size` bytes: loops over recv(), asking each time only for what is still
 * missing so that no byte of whatever follows is consumed. Rejects with EarlyEofError if the
 * peer closes first.
 *
 * @example
 * const header = await recvExactly(conn, 4);          // a 4-byte length prefix
 * const body = await recvExactly(conn, header.readUInt32BE(0));
 */
export async function recvExactly(sock: Socket, size: number): Promise<Buffer> {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`recvExactly: size must be a whole number >= 0, got ${size}`);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  while (received < size) {
    const chunk = await sock.recv(size - received);
    if (chunk.length === 0) throw new EarlyEofError(size, received);
    chunks.push(chunk);
    received += chunk.length;
  }
  return Buffer.concat(chunks, size);
}
// #endregion recv-exactly
