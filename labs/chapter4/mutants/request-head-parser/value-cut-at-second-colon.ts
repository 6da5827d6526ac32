// Mutant: takes the value as line.split(':')[1], cutting 'example:8080' to 'example'
// Why students write it: split(':') is the first idea for 'name: value'
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
  #buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): HeadResult {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const end = this.#buffer.indexOf('\r\n\r\n');
    const headLength = end === -1 ? this.#buffer.length : end + 4;
    if (headLength > MAX_HEAD_BYTES) return { kind: 'error', status: 431 };
    // A bare LF anywhere in what we have is an error at once, whether or not the head is complete.
    const scanned = this.#buffer.subarray(0, headLength);
    for (let i = 0; i < scanned.length; i += 1) {
      if (scanned[i] === 0x0a && scanned[i - 1] !== 0x0d) return { kind: 'error', status: 400 };
    }
    if (end === -1) return { kind: 'need-more' };
    const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
    const rest = this.#buffer.subarray(end + 4);
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([\x21-\x7e]+) HTTP\/(\d\.\d)$/.exec(
      lines[0] ?? '',
    );
    if (match === null) return { kind: 'error', status: 400 };
    const [, method = '', target = '', version = ''] = match;
    if (version !== '1.0' && version !== '1.1') return { kind: 'error', status: 505 };
    const headers: Array<[string, string]> = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      if (colon <= 0 || /[ \t]/.test(name)) return { kind: 'error', status: 400 };
      headers.push([
        name.toLowerCase(),
        (line.split(':')[1] ?? '').replace(/^[ \t]+|[ \t]+$/g, ''),
      ]);
    }
    if (version === '1.1' && !headers.some(([name]) => name === 'host')) {
      return { kind: 'error', status: 400 };
    }
    return { kind: 'head', method, target, version, headers, rest };
  }
}
