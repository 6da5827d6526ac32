// Exercise 1: an incremental HTTP/1.1 request-head parser.
//
// A TCP stream has no message boundaries: the head "GET / HTTP/1.1\r\nHost: a\r\n\r\n" can arrive in
// one chunk, byte by byte, or split anywhere. push() receives the chunks in order and answers:
//   { kind: "need-more" }                  the blank line (CRLF CRLF) has not arrived yet
//   { kind: "head", method, target, version, headers, rest }
//        headers: [lower-cased name, value with spaces/tabs trimmed][] in order;
//        rest: the bytes after the blank line that were already received (start of the body)
//   { kind: "error", status }              the request is refused with this status:
//        400  request line is not exactly "METHOD SP target SP HTTP/d.d"; a bare LF (LF without CR
//             before it); a header line without ":" or with a space/tab before the ":";
//             HTTP/1.1 without a Host header
//        505  a version other than 1.0 or 1.1 (e.g. HTTP/2.0)
//        431  the head is longer than MAX_HEAD_BYTES (also while the blank line is still missing)
// After a "head" or "error" result the parser is not used again.

/** The longest head accepted, in bytes, counting the final CRLF CRLF. */
export const MAX_HEAD_BYTES = 8192;

/** What push() reports. */
export type HeadResult =
  | { kind: 'need-more' }
  | {
      kind: 'head';
      method: string;
      target: string;
      version: string;
      headers: Array<[string, string]>;
      rest: Buffer;
    }
  | { kind: 'error'; status: 400 | 431 | 505 };

/**
 * Collects bytes until a whole request head has arrived.
 *
 * @example
 * const p = new RequestHeadParser();
 * p.push(Buffer.from('GET / HTTP/1.1\r\nHo')); // { kind: 'need-more' }
 * p.push(Buffer.from('st: a\r\n\r\n'));        // { kind: 'head', method: 'GET', ... }
 */
export class RequestHeadParser {
  push(chunk: Uint8Array): HeadResult {
    throw new Error(`TODO: parse the request head (got ${chunk.length} bytes)`);
  }
}
