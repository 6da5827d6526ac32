// What the sending calls (send, sendAll, sendto) accept as data, for TCP and UDP alike.
import util from 'node:util';

/**
 * The bytes to send: a Uint8Array as it is (no copy), a string as UTF-8. Anything else is a
 * TypeError that names the call, because Node would otherwise stringify it silently.
 *
 * @example
 * toBytes('hé', 'send') // <Buffer 68 c3 a9>
 */
export function toBytes(data: Uint8Array | string, caller: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(
    `${caller}(data): data must be a Uint8Array (e.g. a Buffer) or a string (sent as UTF-8); ` +
      `got ${util.inspect(data)}`,
  );
}
