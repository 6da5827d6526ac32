// The loop every TCP client needs: recv() returns whatever has arrived (maybe one byte, maybe
// 64 KiB), not "the reply". Only an empty result means the peer has closed its side (EOF).
import type { Socket } from '@netprog/socket-core';

export interface RecvLoopOptions {
  /** The most bytes one recv() may return (Python's bufsize). Default 4096. */
  bufsize?: number;
  /** Stop with an error past this many bytes, so a peer that never stops cannot fill memory. Default 16 MiB. */
  maxBytes?: number;
  /** Called after every recv() with the chunk it returned (to show how the bytes arrived). */
  onChunk?: (chunk: Buffer) => void;
}

// #region recv-until-eof
/**
 * Calls recv() until the peer closes the connection, and returns every byte received.
 * Each recv() obeys the socket's timeout (settimeout), so a silent peer ends in a
 * SocketTimeoutError rather than a hang.
 *
 * @example
 * await using conn = await createConnection(['127.0.0.1', port], 2_000);
 * await conn.sendAll('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
 * const reply = await recvUntilEof(conn);
 */
export async function recvUntilEof(sock: Socket, options: RecvLoopOptions = {}): Promise<Buffer> {
  const { bufsize = 4096, maxBytes = 16 * 1024 * 1024, onChunk } = options;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = await sock.recv(bufsize);
    onChunk?.(chunk);
    if (chunk.length === 0) break; // EOF: the peer closed its side, nothing more will come
    total += chunk.length;
    if (total > maxBytes) {
      throw new RangeError(
        `recvUntilEof: the peer sent more than ${maxBytes} bytes without closing; ` +
          'raise maxBytes if that much is expected',
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
// #endregion recv-until-eof
