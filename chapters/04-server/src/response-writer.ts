// Turns a response (status, headers, body) into the exact bytes to write. Pure: the date is passed
// in, so tests can pin it. Every response carries Content-Length, so the client always knows where
// the body ends without waiting for the connection to close.
import { STATUS_CODES } from 'node:http';

/** What a handler returns. */
export interface Response {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
}

/** How to frame one response on this connection. */
export interface FrameOptions {
  /** Keep the connection open afterwards (false adds `Connection: close`). */
  readonly keepAlive: boolean;
  /** HEAD responses carry the headers of a GET but no body. */
  readonly headOnly?: boolean;
  /** The clock, for the Date header; pinned in tests. */
  readonly now?: Date;
}

/**
 * Serialises a response: status line, Date, Content-Type, Content-Length, Connection, then the body.
 * Header names given by the handler may not contain CR or LF (that would be response splitting).
 *
 * @example
 * frameResponse({ status: 200, body: 'hi' }, { keepAlive: true }).toString()
 * // 'HTTP/1.1 200 OK\r\nDate: ...\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi'
 */
export function frameResponse(response: Response, options: FrameOptions): Buffer {
  const body =
    typeof response.body === 'string'
      ? Buffer.from(response.body, 'utf8')
      : Buffer.from(response.body ?? []);
  const reason = STATUS_CODES[response.status] ?? 'Unknown';
  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
  set('Date', (options.now ?? new Date()).toUTCString());
  set('Content-Type', 'text/plain; charset=utf-8');
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) {
      throw new Error(
        `header ${JSON.stringify(name)} contains CR or LF; remove them (response splitting)`,
      );
    }
    set(name, value);
  }
  // The server owns framing: a handler cannot set a wrong length or a conflicting connection state.
  set('Content-Length', String(body.length));
  if (options.keepAlive) headers.delete('connection');
  else set('Connection', 'close');
  let head = `HTTP/1.1 ${response.status} ${reason}\r\n`;
  for (const [name, value] of headers.values()) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  return options.headOnly === true ? headBytes : Buffer.concat([headBytes, body]);
}

/**
 * The response for a request the server refuses: the status and a one-line explanation.
 *
 * @example
 * errorResponse(431, 'request head too large') // { status: 431, body: '431 Request Header Fields Too Large: request head too large\n' }
 */
export function errorResponse(status: number, reason: string): Response {
  return { status, body: `${status} ${STATUS_CODES[status] ?? 'Error'}: ${reason}\n` };
}
