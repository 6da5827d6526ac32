// Turning an HttpShape into the exact bytes to send: a pure function, so tests can check it alone.
import { STATUS_CODES } from 'node:http';
import type { HttpShape } from './types.ts';

const DEFAULT_CHUNK_SIZE = 16;

/**
 * The bytes of a whole response for `shape` (before any dribbling or early close). For a HEAD
 * request the body is left out but the headers still describe it, as HTTP requires.
 *
 * @example
 * serialiseResponse({ body: 'hi' }).toString()
 * // 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi'
 */
export function serialiseResponse(shape: HttpShape, options: { head?: boolean } = {}): Buffer {
  if (shape.rawResponse !== undefined) return toBuffer(shape.rawResponse);
  const status = shape.status ?? 200;
  const reason = shape.reason ?? STATUS_CODES[status] ?? 'Unknown';
  const body = toBuffer(shape.body ?? '');
  const given = new Set(Object.keys(shape.headers ?? {}).map((name) => name.toLowerCase()));

  const lines = [`HTTP/1.1 ${status} ${reason}`];
  for (const [name, value] of Object.entries(shape.headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  const framedByCaller = given.has('content-length') || given.has('transfer-encoding');
  if (!framedByCaller && shape.chunked) lines.push('Transfer-Encoding: chunked');
  else if (!framedByCaller && !shape.noContentLength) lines.push(`Content-Length: ${body.length}`);
  // The target answers one request per connection, and says so.
  if (!given.has('connection')) lines.push('Connection: close');

  const headBytes = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  if (options.head) return headBytes;
  const bodyBytes = shape.chunked
    ? encodeChunked(body, shape.chunkSize ?? DEFAULT_CHUNK_SIZE)
    : body;
  return Buffer.concat([headBytes, bodyBytes]);
}

/**
 * Encodes a body with chunked transfer coding: `<hex size>\r\n<data>\r\n` per chunk, then
 * `0\r\n\r\n`. A list of sizes is used in order and its last size repeats.
 *
 * @example
 * encodeChunked(Buffer.from('hello'), [2]).toString() // '2\r\nhe\r\n2\r\nll\r\n1\r\no\r\n0\r\n\r\n'
 */
export function encodeChunked(body: Buffer, chunkSize: number | readonly number[]): Buffer {
  const sizes = typeof chunkSize === 'number' ? [chunkSize] : chunkSize;
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new RangeError(
      `chunkSize must be a positive integer or a non-empty list of them, got ${JSON.stringify(chunkSize)}`,
    );
  }
  const parts: Buffer[] = [];
  let offset = 0;
  for (let i = 0; offset < body.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)] ?? DEFAULT_CHUNK_SIZE;
    const data = body.subarray(offset, offset + size);
    parts.push(Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n'));
    offset += data.length;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function toBuffer(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
}
