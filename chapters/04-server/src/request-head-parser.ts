// An incremental HTTP/1.1 request-head parser. It is pure: bytes go in (split anywhere: one byte
// at a time, or a whole pipeline at once) and a verdict comes out. No sockets, no clocks, so every
// rule below is tested without a network. A server that parses leniently is a server that two
// proxies can disagree about (request smuggling), so every ambiguity is refused with a status.

/** Limits for one request head; every byte a peer sends must be bounded. */
export interface HeadLimits {
  /** Longest accepted head (request line + headers + the blank line), in bytes. */
  readonly maxHeadBytes: number;
  /** Largest accepted Content-Length, in bytes. */
  readonly maxBodyBytes: number;
  /** Most header lines accepted. */
  readonly maxHeaders: number;
}

/** The defaults: 8 KiB of head (like nginx's large buffer), 1 MiB of body, 100 headers. */
export const DEFAULT_LIMITS: HeadLimits = {
  maxHeadBytes: 8 * 1024,
  maxBodyBytes: 1024 * 1024,
  maxHeaders: 100,
};

/** A parsed request head. Header names are lower-cased; order and repeats are kept. */
export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly version: '1.0' | '1.1';
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** Body length from Content-Length (0 when absent). */
  readonly contentLength: number;
  /** Whether the client wants the connection kept open after the response. */
  readonly keepAlive: boolean;
}

/** The status a malformed request earns, with the reason to put in the error body. */
export interface HeadError {
  readonly status: 400 | 408 | 413 | 431 | 501 | 505;
  readonly reason: string;
}

/** What feeding bytes produced: wait for more, a complete head (plus leftover bytes), or an error. */
export type ParseResult =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'head'; readonly head: RequestHead; readonly rest: Buffer }
  | { readonly kind: 'error'; readonly error: HeadError };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII only: a space or control byte in the target means the line is not three parts.
const TARGET = /^[\x21-\x7e]+$/;
// Field values may hold visible bytes, spaces, tabs and obs-text (0x80-0xff); never CR, LF, NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const CR = 0x0d;
const LF = 0x0a;

const bad = (reason: string): ParseResult => ({ kind: 'error', error: { status: 400, reason } });

/**
 * Feeds bytes in, one chunk at a time, until a whole request head has arrived.
 * After a 'head' result, create a new parser (or call reset) for the next request, giving it `rest`.
 *
 * @example
 * const parser = new RequestHeadParser();
 * parser.push(Buffer.from('GET / HTTP/1.1\r\nHo'));     // { kind: 'need-more' }
 * parser.push(Buffer.from('st: a\r\n\r\n'));            // { kind: 'head', head: { method: 'GET', ... }, rest }
 */
export class RequestHeadParser {
  readonly #limits: HeadLimits;
  #buffer: Buffer = Buffer.alloc(0);
  // How far the bare-CR/LF scan and the terminator search have got, so each byte is looked at once.
  #scanned = 0;

  constructor(limits: Partial<HeadLimits> = {}) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Bytes received so far that are not yet part of a returned head. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Adds bytes and reports whether a head is complete. */
  push(chunk: Uint8Array): ParseResult {
    this.#buffer =
      this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
    // RFC 9112 §2.2: a server SHOULD ignore empty lines before the request line (old clients sent
    // an extra CRLF after a POST body).
    let skip = 0;
    while (this.#buffer[skip] === CR && this.#buffer[skip + 1] === LF) skip += 2;
    if (skip > 0) {
      this.#buffer = this.#buffer.subarray(skip);
      this.#scanned = 0;
    }
    const max = this.#limits.maxHeadBytes;
    for (let i = this.#scanned; i < this.#buffer.length; i += 1) {
      const byte = this.#buffer[i];
      if (byte === LF && this.#buffer[i - 1] !== CR)
        return bad('bare LF: lines must end with CRLF');
      if (byte === CR) {
        const next = this.#buffer[i + 1];
        if (next === undefined) break; // wait: the LF may be in the next chunk
        if (next !== LF) return bad('bare CR: a CR must be followed by LF');
      }
      if (
        byte === LF &&
        this.#buffer[i - 2] === LF &&
        this.#buffer[i - 3] === CR &&
        this.#buffer[i - 1] === CR
      ) {
        const headLength = i + 1;
        if (headLength > max) return tooLarge(headLength, max);
        const text = this.#buffer.subarray(0, headLength - 4).toString('latin1');
        const rest = this.#buffer.subarray(headLength);
        this.#buffer = Buffer.alloc(0);
        this.#scanned = 0;
        return parseHead(text, rest, this.#limits);
      }
      this.#scanned = i + 1;
    }
    // Checked while the terminator is still missing too, so a client cannot make us buffer forever.
    if (this.#buffer.length > max) return tooLarge(this.#buffer.length, max);
    return { kind: 'need-more' };
  }
}

function tooLarge(length: number, max: number): ParseResult {
  return {
    kind: 'error',
    error: { status: 431, reason: `request head is ${length} bytes or more; the limit is ${max}` },
  };
}

// #region parse-head
function parseHead(text: string, rest: Buffer, limits: HeadLimits): ParseResult {
  const lines = text.split('\r\n');
  const requestLine = lines[0] ?? '';
  const parts = requestLine.split(' ');
  if (parts.length !== 3)
    return bad(`request line must be "METHOD target HTTP/x.y": ${JSON.stringify(requestLine)}`);
  const [method = '', target = '', protocol = ''] = parts;
  if (!TOKEN.test(method)) return bad(`bad method ${JSON.stringify(method)}`);
  if (!TARGET.test(target)) return bad(`bad request target ${JSON.stringify(target)}`);
  const versionMatch = /^HTTP\/(\d)\.(\d)$/.exec(protocol);
  if (versionMatch === null) return bad(`bad protocol ${JSON.stringify(protocol)}`);
  const version = `${versionMatch[1]}.${versionMatch[2]}`;
  if (version !== '1.1' && version !== '1.0') {
    return {
      kind: 'error',
      error: { status: 505, reason: `HTTP/${version} is not supported; use HTTP/1.1` },
    };
  }
  const headerLines = lines.slice(1);
  if (headerLines.length > limits.maxHeaders) {
    return {
      kind: 'error',
      error: {
        status: 431,
        reason: `${headerLines.length} headers; the limit is ${limits.maxHeaders}`,
      },
    };
  }
  const headers: Array<readonly [string, string]> = [];
  for (const line of headerLines) {
    // obs-fold (a line starting with space or tab continues the previous one) is refused: RFC 9112 §5.2.
    if (line.startsWith(' ') || line.startsWith('\t'))
      return bad('obsolete line folding is not allowed');
    const colon = line.indexOf(':');
    if (colon <= 0) return bad(`header line without a name and colon: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon);
    // A space before the colon is refused, not trimmed (RFC 9112 §5.1): proxies disagree on it.
    if (!TOKEN.test(name)) return bad(`bad header name ${JSON.stringify(name)}`);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!FIELD_VALUE.test(value)) return bad(`control character in header ${name}`);
    headers.push([name.toLowerCase(), value]);
  }
  const values = (name: string) => headers.filter(([n]) => n === name).map(([, v]) => v);

  const hosts = values('host');
  if (hosts.length > 1) return bad('more than one Host header');
  if (version === '1.1' && hosts.length === 0) return bad('HTTP/1.1 requires a Host header');

  const lengths = values('content-length').flatMap((v) => v.split(',').map((s) => s.trim()));
  const transferEncoding = values('transfer-encoding');
  if (lengths.length > 0 && transferEncoding.length > 0) {
    return bad('both Content-Length and Transfer-Encoding: the body length is ambiguous');
  }
  if (transferEncoding.length > 0) {
    return {
      kind: 'error',
      error: {
        status: 501,
        reason: 'this server does not accept chunked request bodies; send Content-Length',
      },
    };
  }
  let contentLength = 0;
  if (lengths.length > 0) {
    if (!lengths.every((l) => /^\d{1,15}$/.test(l)))
      return bad(`bad Content-Length ${JSON.stringify(lengths.join(','))}`);
    if (new Set(lengths.map(Number)).size > 1)
      return bad(`conflicting Content-Length values ${lengths.join(', ')}`);
    contentLength = Number(lengths[0]);
    if (contentLength > limits.maxBodyBytes) {
      return {
        kind: 'error',
        error: {
          status: 413,
          reason: `body of ${contentLength} bytes; the limit is ${limits.maxBodyBytes}`,
        },
      };
    }
  }
  const connection = values('connection')
    .join(',')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim());
  const keepAlive =
    version === '1.1' ? !connection.includes('close') : connection.includes('keep-alive');
  return {
    kind: 'head',
    head: { method, target, version, headers, contentLength, keepAlive },
    rest,
  };
}
// #endregion parse-head
