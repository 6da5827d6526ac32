// Sends a file to a socket with backpressure and a fixed amount of memory: one buffer of 64 KiB
// per connection, read into, written, and read into again only once the kernel has taken it (the
// write's callback). A client that does not read stops the loop at its write, so it holds one
// buffer, not the file: fifty clients that never read cost 50 x 64 KiB, whatever the file's size.
// Reusing the buffer also leaves no garbage behind: reading each chunk into a new buffer, as a
// read stream does, lets memory grow by as much as the garbage collector lets pile up.
import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** The most of a file a connection holds while sending it. */
export const FILE_CHUNK_BYTES = 64 * 1024;

// #region send-file
/**
 * Copies the first `length` bytes of `file` to `socket`, a chunk at a time, each read only when
 * the kernel has taken the previous one. `onProgress` is called each time it has (the client is
 * reading). Resolves true when all `length` bytes were written; false when the socket closed, a
 * read failed, or the file was shorter than `length`. Does not close the file.
 *
 * @example
 * const file = await open('site/big.bin');
 * const { size } = await file.stat();
 * socket.write(head);
 * const complete = await sendFile(file, size, socket, () => {});
 * await file.close();
 * if (!complete) socket.destroy(); // a body cut short leaves the framing broken
 */
export async function sendFile(
  file: FileHandle,
  length: number,
  socket: Writable,
  onProgress: () => void,
): Promise<boolean> {
  // A write to a closed socket may never call back: stop waiting when it closes.
  let onClose = () => {};
  const closed = new Promise<false>((resolve) => {
    onClose = () => resolve(false);
    socket.once('close', onClose);
  });
  const buffer = Buffer.allocUnsafe(Math.min(FILE_CHUNK_BYTES, length));
  try {
    for (let sent = 0; sent < length; ) {
      if (socket.destroyed) return false;
      const { bytesRead } = await file.read(
        buffer,
        0,
        Math.min(buffer.length, length - sent),
        sent,
      );
      if (bytesRead === 0) return false; // the file shrank since its size was taken
      const written = new Promise<boolean>((resolve) =>
        socket.write(buffer.subarray(0, bytesRead), (error) => resolve(error == null)),
      );
      if (!(await Promise.race([written, closed]))) return false;
      sent += bytesRead;
      onProgress();
    }
    return true;
  } catch {
    return false; // a read failed
  } finally {
    socket.off('close', onClose);
  }
}
// #endregion send-file
