// Mutant: refuses an LF in a content type but not a bare CR
// Why students write it: on Linux a line ends with \n; a CR alone looks harmless
// Exercise 2: frame an HTTP/1.1 response.
//
// Return the exact bytes: the status line, then these headers in this order, then a blank line and
// the body:
//   HTTP/1.1 <status> <reason>       reason from node:http's STATUS_CODES (e.g. 404 -> Not Found),
//                                    'Unknown' for a status it does not list (599)
//   Date: <now.toUTCString()>
//   Content-Type: <contentType>      default 'text/plain; charset=utf-8'
//   Content-Length: <body length in BYTES, not characters>   (always, even 0)
//   Connection: close                only when keepAlive is false
// Every line ends with CRLF. A contentType containing CR or LF, even one alone, must throw an Error
// whose message shows the value (it would let a caller inject headers: response splitting).
import { STATUS_CODES } from 'node:http';

/** How to frame one response. */
export interface FrameOptions {
  keepAlive: boolean;
  now: Date;
  contentType?: string;
}

/**
 * The bytes of one response.
 *
 * @example
 * frameResponse(200, 'hi', { keepAlive: true, now }).toString()
 * // 'HTTP/1.1 200 OK\r\nDate: ...\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi'
 */
export function frameResponse(
  status: number,
  body: string | Uint8Array,
  options: FrameOptions,
): Buffer {
  const contentType = options.contentType ?? 'text/plain; charset=utf-8';
  if (contentType.includes('\n'))
    throw new Error(`content type ${JSON.stringify(contentType)} contains CR or LF`);
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
    `Date: ${options.now.toUTCString()}`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${bytes.length}`,
  ];
  if (!options.keepAlive) lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}
