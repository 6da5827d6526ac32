// Turns a response (status, headers, body) into the exact bytes to write. Pure apart from the
// clock, which tests pin with `now`. Every response carries Content-Length, so the client always
// knows where the body ends without waiting for the connection to close.
import type { FileHandle } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { httpDate } from './http-date.ts';

/**
 * A body sent from an open file as it is read: the server copies it to the socket one buffer at
 * a time, with backpressure (send-body.ts), so it never holds more than 64 KiB of it. Its length
 * is known before the first byte, for Content-Length. The server closes the file when it is done
 * with it (sent, a HEAD request, or the client gone).
 */
export interface FileBody {
  readonly file: FileHandle;
  readonly length: number;
}

/** What a handler returns. */
export interface Response {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string | FileBody;
}

/** A response whose body is all in memory: what frameResponse() serialises. */
export interface BufferedResponse extends Response {
  readonly body?: Uint8Array | string;
}

/** Whether a body is a file to send (rather than a string or bytes in memory). */
export const isFileBody = (body: Response['body']): body is FileBody =>
  body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array);

/** How to frame one response on this connection. */
export interface FrameOptions {
  /** Keep the connection open afterwards (false adds `Connection: close`). */
  readonly keepAlive: boolean;
  /** HEAD responses carry the headers of a GET but no body. */
  readonly headOnly?: boolean;
  /**
   * The request's version. An HTTP/1.0 client assumes the connection closes after each response
   * unless it is told `Connection: keep-alive`.
   */
  readonly requestVersion?: '1.0' | '1.1';
  /** The clock, for the Date header; pinned in tests. */
  readonly now?: Date;
}

const DEFAULT_TYPE = 'text/plain; charset=utf-8';
const EMPTY = new Uint8Array(0);

// "HTTP/1.1 200 OK\r\n" and friends, built once per status code rather than once per response.
const statusLines = new Map<number, string>();
function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new Error(`status ${status} is not an HTTP status code (100-599)`);
    }
    line = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
    statusLines.set(status, line);
  }
  return line;
}

const hasLineBreak = (text: string) => text.includes('\r') || text.includes('\n');

/**
 * The status line and headers of a response whose body is `bodyLength` bytes, ending with the
 * blank line. Header names and values from the handler may not contain CR or LF (that would be
 * response splitting: the handler's value would end the header and start another).
 *
 * @example
 * responseHead({ status: 404 }, 0, { keepAlive: false })
 * // 'HTTP/1.1 404 Not Found\r\nDate: ...\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
 */
export function responseHead(
  response: Response,
  bodyLength: number,
  options: FrameOptions,
): string {
  let date = options.now === undefined ? httpDate() : options.now.toUTCString();
  let type = DEFAULT_TYPE;
  let extra = '';
  const headers = response.headers;
  if (headers !== undefined) {
    for (const name of Object.keys(headers)) {
      const value = headers[name] ?? '';
      if (hasLineBreak(name) || hasLineBreak(value)) {
        throw new Error(
          `header ${JSON.stringify(name)} contains CR or LF; remove them (response splitting)`,
        );
      }
      switch (name.toLowerCase()) {
        case 'content-type':
          type = value;
          break;
        case 'date':
          date = value;
          break;
        // The server owns framing: a handler cannot set a wrong length, a Transfer-Encoding that
        // contradicts it, or a connection state the server will not honour.
        case 'content-length':
        case 'transfer-encoding':
        case 'connection':
          break;
        default:
          extra += `${name}: ${value}\r\n`;
      }
    }
  }
  const connection = !options.keepAlive
    ? 'Connection: close\r\n'
    : options.requestVersion === '1.0'
      ? 'Connection: keep-alive\r\n'
      : '';
  // One template literal: V8 joins the parts once, when the string is written into the buffer.
  return `${statusLine(response.status)}Date: ${date}\r\nContent-Type: ${type}\r\n${extra}Content-Length: ${bodyLength}\r\n${connection}\r\n`;
}

/**
 * Serialises a response: status line, Date, Content-Type, Content-Length, Connection, then the
 * body, into one Buffer, so that the server can send it with a single write (one system call).
 *
 * @example
 * frameResponse({ status: 200, body: 'hi' }, { keepAlive: true }).toString()
 * // 'HTTP/1.1 200 OK\r\nDate: ...\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi'
 */
export function frameResponse(response: BufferedResponse, options: FrameOptions): Buffer {
  const body = response.body ?? EMPTY;
  const bodyLength = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  const head = responseHead(response, bodyLength, options);
  const withBody = options.headOnly !== true;
  // allocUnsafe skips zero-filling (and takes small buffers from a shared pool): safe here
  // because the two writes below fill every byte. latin1 writes one byte per character, so the
  // head takes exactly head.length bytes; the body takes exactly bodyLength.
  const out = Buffer.allocUnsafe(head.length + (withBody ? bodyLength : 0));
  out.write(head, 0, 'latin1');
  if (withBody) {
    if (typeof body === 'string') out.write(body, head.length, 'utf8');
    else out.set(body, head.length);
  }
  return out;
}

/**
 * The response for a request the server refuses: the status and a one-line explanation.
 *
 * @example
 * errorResponse(431, 'request head too large') // { status: 431, body: '431 Request Header Fields Too Large: request head too large\n' }
 */
export function errorResponse(status: number, reason: string): BufferedResponse {
  return { status, body: `${status} ${STATUS_CODES[status] ?? 'Error'}: ${reason}\n` };
}
