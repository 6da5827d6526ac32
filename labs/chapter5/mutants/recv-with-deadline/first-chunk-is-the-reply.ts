// Mutant: resolves with whatever the first read returns, as if one recv were the whole message
// Why students write it: on loopback a small reply always arrives in one chunk
// Exercise 3: read exactly N bytes, within a deadline for the whole read (reference solution).
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
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('error', onError);
      settle();
    };
    // Paused mode: read() takes what is buffered, so nothing is consumed that we do not keep.
    const onReadable = () => {
      while (received < byteCount) {
        let chunk = socket.read() as Buffer | null;
        if (chunk === null) break; // nothing buffered: wait for the next 'readable'
        const wanted = byteCount - received;
        if (chunk.length > wanted) {
          socket.unshift(chunk.subarray(wanted)); // the rest stays for the next read
          chunk = chunk.subarray(0, wanted);
        }
        chunks.push(chunk);
        received += chunk.length;
      }
      if (received > 0) finish(() => resolve(Buffer.concat(chunks, received)));
    };
    const onEnd = () =>
      finish(() => reject(new Error(`peer closed after ${received} of ${byteCount} bytes`)));
    const onError = (error: Error) => finish(() => reject(error));
    const timer = setTimeout(() => {
      finish(() => {
        socket.destroy();
        const error = new Error(
          `read ETIMEDOUT: ${received} of ${byteCount} bytes within the ${deadlineMs} ms deadline`,
        ) as NodeJS.ErrnoException;
        error.code = 'ETIMEDOUT';
        reject(error);
      });
    }, deadlineMs);
    socket.on('readable', onReadable);
    socket.once('end', onEnd);
    socket.once('error', onError);
    onReadable(); // bytes may already be buffered
  });
}
