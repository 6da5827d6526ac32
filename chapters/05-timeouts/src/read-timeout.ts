// Read timeouts on a plain net.Socket, two kinds:
// - an idle (per-read) timeout: "no byte for N ms", what Python's settimeout gives recv();
// - a deadline: "the whole read done within N ms", however the bytes trickle in.
// A peer that sends one byte every 100 ms never trips a 250 ms idle timeout, yet can keep you
// reading forever; only a deadline bounds the total. Real code usually wants both.
import type net from 'node:net';
import { DeadlineError, startDeadline } from './deadline.ts';
import { timeoutError } from './timeout-error.ts';

// #region recv-with-timeout
/**
 * Waits for the next bytes on `socket` (at most `maxBytes`, like recv(bufsize)) for up to
 * `timeoutMs`. Resolves with them, or with an EMPTY Buffer when the peer has closed its side (EOF),
 * exactly like Python's recv(). Rejects with an ETIMEDOUT error if nothing arrives in time.
 *
 * A timeout does not close the socket (Python's recv timeout does not either): the caller decides
 * whether to wait again, or to `destroy()` it.
 *
 * @example
 * const chunk = await recvWithTimeout(socket, 500);
 * if (chunk.length === 0) console.log('peer closed');
 */
export function recvWithTimeout(
  socket: net.Socket,
  timeoutMs: number,
  maxBytes = 65_536,
): Promise<Buffer> {
  if (!(maxBytes >= 1) || !Number.isInteger(maxBytes)) {
    return Promise.reject(
      new RangeError(`recvWithTimeout: maxBytes must be an integer >= 1, got ${maxBytes}`),
    );
  }
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      socket.off('readable', tryRead);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
      outcome();
    };
    // Reading in paused mode: read() hands back what the stream has buffered, or null if nothing.
    function tryRead() {
      const chunk = socket.read() as Buffer | null;
      if (chunk === null) return;
      if (chunk.length > maxBytes) socket.unshift(chunk.subarray(maxBytes)); // keep the rest for later
      finish(() => resolve(chunk.subarray(0, maxBytes)));
    }
    const onEnd = () => finish(() => resolve(Buffer.alloc(0)));
    const onError = (error: Error) => finish(() => reject(error));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            timeoutError('read', timeoutMs, {
              address: socket.remoteAddress,
              port: socket.remotePort,
            }),
          ),
        ),
      timeoutMs,
    );
    if (socket.readableEnded) return onEnd();
    if (socket.errored) return onError(socket.errored);
    socket.on('readable', tryRead);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
    tryRead(); // bytes may already be waiting in the buffer
  });
}
// #endregion recv-with-timeout

export interface ReadExactlyOptions {
  /** The longest pause allowed between two chunks (a per-read timeout). Default: none. */
  idleTimeoutMs?: number;
  /** The longest the whole read may take. Default: none. */
  deadlineMs?: number;
}

// #region read-exactly
/**
 * Reads exactly `byteCount` bytes, bounded by an idle timeout, a total deadline, or both. Rejects
 * with an ETIMEDOUT error naming which limit was hit, or with an Error if the peer closes early.
 *
 * @example
 * // a peer trickling 1 byte / 100 ms: the idle timeout never fires, the deadline does
 * await readExactly(socket, 1000, { idleTimeoutMs: 250, deadlineMs: 1000 }); // rejects at ~1000 ms
 */
export async function readExactly(
  socket: net.Socket,
  byteCount: number,
  options: ReadExactlyOptions,
): Promise<Buffer> {
  const { idleTimeoutMs = Number.POSITIVE_INFINITY, deadlineMs = Number.POSITIVE_INFINITY } =
    options;
  const deadline = startDeadline(deadlineMs);
  const chunks: Buffer[] = [];
  let received = 0;
  while (received < byteCount) {
    const remaining = deadline.remainingMs();
    if (remaining <= 0) throw new DeadlineError(`reading ${byteCount} bytes`, deadlineMs);
    // Each wait gets the idle limit, or what is left of the deadline if that is shorter.
    const deadlineIsNearer = remaining <= idleTimeoutMs;
    const waitMs = Math.min(remaining, idleTimeoutMs);
    if (!Number.isFinite(waitMs)) {
      throw new RangeError(
        'readExactly: give idleTimeoutMs, deadlineMs or both; an unbounded read could hang forever',
      );
    }
    let chunk: Buffer;
    try {
      chunk = await recvWithTimeout(socket, waitMs, byteCount - received);
    } catch (error) {
      if ((error as { code?: string }).code === 'ETIMEDOUT' && deadlineIsNearer) {
        throw new DeadlineError(`reading ${byteCount} bytes (got ${received})`, deadlineMs, {
          cause: error,
        });
      }
      throw error;
    }
    if (chunk.length === 0) {
      throw new Error(
        `readExactly: the peer closed the connection after ${received} of ${byteCount} bytes; ` +
          'check the length you expect against what the peer sends',
      );
    }
    chunks.push(chunk);
    received += chunk.length;
  }
  return Buffer.concat(chunks, received);
}
// #endregion read-exactly
