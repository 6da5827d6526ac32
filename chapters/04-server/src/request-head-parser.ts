// An incremental HTTP/1.1 request-head parser. It is pure: bytes go in (split anywhere: one byte
// at a time, or a whole pipeline at once) and a verdict comes out. No sockets, no clocks, so every
// rule below is tested without a network. A server that parses leniently is a server that two
// proxies can disagree about (request smuggling), so every ambiguity is refused with a status.
//
// It works line by line, on the bytes themselves. Each time a LF arrives, the line before it is
// checked and parsed at once, and only a line that is still incomplete is kept for the next chunk.
// So every byte is looked at once, whatever the split, and a request that arrives whole in one
// chunk (the usual case) is parsed straight out of that chunk without copying it.

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
  readonly status: 400 | 408 | 413 | 414 | 431 | 501 | 505;
  readonly reason: string;
}

/** What feeding bytes produced: wait for more, a complete head (plus leftover bytes), or an error. */
export type ParseResult =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'head'; readonly head: RequestHead; readonly rest: Buffer }
  | { readonly kind: 'error'; readonly error: HeadError };

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const isDigit = (byte: number | undefined) =>
  byte !== undefined && byte >= ZERO && byte <= ZERO + 9;

// Character classes as a table of 256 flags, one per byte value: checking a byte is one array
// read, where a regular expression would first need the bytes turned into a string.
const TOKEN = 1; // tchar (RFC 9110 §5.6.2): method names and header names
const TARGET = 2; // visible ASCII: a space or control byte means the line is not three parts
const VALUE = 4; // field-value bytes: visible, SP, HTAB and obs-text (0x80-0xff); never CR, LF, NUL
const CLASS = new Uint8Array(256);
for (let byte = 0x21; byte <= 0x7e; byte += 1) CLASS[byte] = TARGET | VALUE;
for (let byte = 0x80; byte <= 0xff; byte += 1) CLASS[byte] = VALUE;
CLASS[SP] = VALUE;
CLASS[HTAB] = VALUE;
for (const char of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  CLASS[char.charCodeAt(0)]! |= TOKEN;
}

/** Whether `text` is not empty and every character of it has the class `flag`. */
function allOf(text: string, flag: number): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i += 1)
    if ((CLASS[text.charCodeAt(i)]! & flag) === 0) return false;
  return true;
}

/**
 * A Host value: uri-host [ ":" port ] (RFC 3986 §3.2.2-3.2.3). The host is an IP literal in
 * brackets (IPv6, or IPvFuture "v1.x") or a reg-name: unreserved characters, %XX escapes and
 * sub-delims (an IPv4 address is a reg-name too). Empty is allowed: RFC 9112 §3.2 asks for an
 * empty Host when the target has no authority. No space, no "@" (userinfo), no "/".
 */
const HOST =
  /^(?:\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::[0-9]*)?$/;

const EMPTY = Buffer.alloc(0);
const bad = (reason: string): ParseResult => ({ kind: 'error', error: { status: 400, reason } });
const fail = (status: HeadError['status'], reason: string): ParseResult => ({
  kind: 'error',
  error: { status, reason },
});
const text = (data: Buffer, start: number, end: number) => data.toString('latin1', start, end);

/**
 * Feeds bytes in, one chunk at a time, until a whole request head has arrived.
 * After a 'head' result the parser is ready for the next request: push it `rest` (or the next
 * chunk). After an 'error' the stream cannot be trusted any more: close the connection.
 *
 * @example
 * const parser = new RequestHeadParser();
 * parser.push(Buffer.from('GET / HTTP/1.1\r\nHo'));     // { kind: 'need-more' }
 * parser.push(Buffer.from('st: a\r\n\r\n'));            // { kind: 'head', head: { method: 'GET', ... }, rest }
 */
export class RequestHeadParser {
  readonly #limits: HeadLimits;
  /** The start of a line whose LF has not arrived yet (a copy: the caller may reuse its chunks). */
  #partial: Buffer = EMPTY;
  /** Bytes of this head so far, in complete lines. */
  #headBytes = 0;
  // What the lines so far said. The request line sets the first three.
  #method = '';
  #target = '';
  #version: '1.0' | '1.1' | '' = '';
  #headers: Array<readonly [string, string]> = [];
  #hosts = 0;
  #contentLength = -1; // -1: no Content-Length header
  #transferEncoding = false;
  #connectionClose = false;
  #connectionKeepAlive = false;

  constructor(limits: Partial<HeadLimits> = {}) {
    // Written out rather than { ...DEFAULT_LIMITS, ...limits }: a parser is made per connection,
    // and in V8 (Node 20) a spread followed by more properties takes a slow path, microseconds.
    this.#limits = {
      maxHeadBytes: limits.maxHeadBytes ?? DEFAULT_LIMITS.maxHeadBytes,
      maxBodyBytes: limits.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes,
      maxHeaders: limits.maxHeaders ?? DEFAULT_LIMITS.maxHeaders,
    };
  }

  /** Bytes received so far that are not yet part of a returned head. */
  get buffered(): number {
    return this.#headBytes + this.#partial.length;
  }

  /** Whether part of a request has arrived (more than the blank lines allowed before one). */
  get midRequest(): boolean {
    return this.#version !== '' || (this.#partial.length > 0 && this.#partial[0] !== CR);
  }

  /** Adds bytes and reports whether a head is complete. */
  push(chunk: Uint8Array): ParseResult {
    let data: Buffer;
    let searchFrom = 0;
    if (this.#partial.length === 0) {
      data = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    } else {
      data = Buffer.concat([this.#partial, chunk]);
      searchFrom = this.#partial.length; // the kept bytes hold no LF: that is why they were kept
    }
    const max = this.#limits.maxHeadBytes;
    let lineStart = 0;
    for (;;) {
      const lf = data.indexOf(LF, searchFrom);
      if (lf === -1) break;
      if (lf === lineStart || data[lf - 1] !== CR) return bad('bare LF: lines must end with CRLF');
      const lineEnd = lf - 1; // the CR
      this.#headBytes += lf + 1 - lineStart;
      if (this.#headBytes > max) return this.#tooLarge(this.#headBytes);
      if (lineEnd === lineStart) {
        // An empty line: before the request line it is ignored (RFC 9112 §2.2: old clients sent
        // an extra CRLF after a POST body); after it, it ends the head.
        if (this.#version !== '') return this.#finish(data.subarray(lf + 1));
      } else {
        const result =
          this.#version === ''
            ? this.#requestLine(data, lineStart, lineEnd)
            : this.#headerLine(data, lineStart, lineEnd);
        if (result !== undefined) return result;
      }
      lineStart = lf + 1;
      searchFrom = lineStart;
    }
    // Checked while the blank line is still missing too, so a client cannot make us buffer forever.
    const pending = data.length - lineStart;
    if (this.#headBytes + pending > max) return this.#tooLarge(this.#headBytes + pending);
    this.#partial = pending === 0 ? EMPTY : Buffer.from(data.subarray(lineStart));
    return { kind: 'need-more' };
  }

  // #region parse-head
  // Each line is checked byte by byte against the CLASS table, in one pass that also finds where
  // its parts begin and end; every byte of the line is covered, so a control byte anywhere (a
  // CR not followed by LF, a NUL) is refused. Only then is the line turned into a string, once:
  // creating a string from a Buffer is a call into C++ and costs far more than slicing a string.

  /** `METHOD SP target SP HTTP/d.d`, exactly: one space each, nothing else. */
  #requestLine(data: Buffer, start: number, end: number): ParseResult | undefined {
    let i = start;
    while (i < end && (CLASS[data[i]!]! & TOKEN) !== 0) i += 1;
    const space1 = i;
    if (space1 === start || data[space1] !== SP) return badRequestLine(data, start, end);
    i += 1;
    while (i < end && (CLASS[data[i]!]! & TARGET) !== 0) i += 1;
    const space2 = i;
    if (space2 === space1 + 1 || data[space2] !== SP) return badRequestLine(data, start, end);
    const v = space2 + 1; // "HTTP/1.1" is 8 bytes: H T T P / digit . digit
    if (
      end - v !== 8 ||
      data[v] !== 0x48 || // H
      data[v + 1] !== 0x54 || // T
      data[v + 2] !== 0x54 || // T
      data[v + 3] !== 0x50 || // P
      data[v + 4] !== 0x2f || // /
      !isDigit(data[v + 5]) ||
      data[v + 6] !== DOT ||
      !isDigit(data[v + 7])
    ) {
      return badRequestLine(data, start, end);
    }
    const major = data[v + 5]! - ZERO;
    const minor = data[v + 7]! - ZERO;
    if (major !== 1 || minor > 1)
      return fail(505, `HTTP/${major}.${minor} is not supported; use HTTP/1.1`);
    const line = text(data, start, end);
    this.#method = line.slice(0, space1 - start);
    this.#target = line.slice(space1 + 1 - start, space2 - start);
    this.#version = minor === 1 ? '1.1' : '1.0';
    if (
      (data[space1 + 1] !== SLASH || this.#method === 'CONNECT') &&
      !otherTargetForm(this.#method, this.#target)
    ) {
      return bad(
        `bad request target ${JSON.stringify(this.#target)}: send /path, http://host/path, * (OPTIONS) or host:port (CONNECT)`,
      );
    }
    return undefined;
  }

  /** `name: value`. The name is a token right up to the colon; the value is trimmed of SP/HTAB. */
  #headerLine(data: Buffer, start: number, end: number): ParseResult | undefined {
    // obs-fold (a line starting with space or tab continues the previous one) is refused: RFC 9112 §5.2.
    if (data[start] === SP || data[start] === HTAB)
      return bad('obsolete line folding is not allowed');
    if (this.#headers.length === this.#limits.maxHeaders)
      return fail(431, `more than ${this.#limits.maxHeaders} headers; that is the limit`);
    let i = start;
    while (i < end && (CLASS[data[i]!]! & TOKEN) !== 0) i += 1;
    const colon = i;
    // A space before the colon is refused, not trimmed (RFC 9112 §5.1): proxies disagree on it.
    if (colon === start || data[colon] !== COLON) return badHeaderLine(data, start, end, colon);
    let from = colon + 1;
    while (from < end && (data[from] === SP || data[from] === HTAB)) from += 1;
    let to = end;
    while (to > from && (data[to - 1] === SP || data[to - 1] === HTAB)) to -= 1;
    for (i = from; i < to; i += 1) {
      if ((CLASS[data[i]!]! & VALUE) === 0) return badHeaderLine(data, start, end, i);
    }
    const line = text(data, start, end);
    const name = line.slice(0, colon - start).toLowerCase();
    const value = line.slice(from - start, to - start);
    this.#headers.push([name, value]);
    // node:http (llhttp) allows only SP after a Content-Length's digits, not HTAB; so does this
    // parser, so that no length is read here that node:http would refuse.
    if (name === 'content-length' && to < end && data.subarray(to, end).includes(HTAB))
      return bad(`bad Content-Length ${JSON.stringify(line.slice(colon + 1 - start))}`);
    return this.#remember(name, value);
  }

  /**
   * The few headers that decide framing and connection reuse are checked as they arrive.
   * `value` has lost its leading and trailing SP/HTAB, and only those: the optional whitespace
   * of RFC 9110 §5.6.3. JavaScript's trim() (and the regex \s) strip much more, U+00A0 (the
   * byte 0xa0 read as latin1), \v and \f among them, so they are never used here: with trim(),
   * "Content-Length: 5\xa0" would read as 5 where node:http answers 400.
   */
  #remember(name: string, value: string): ParseResult | undefined {
    switch (name) {
      case 'host':
        this.#hosts += 1;
        if (this.#hosts > 1) return bad('more than one Host header');
        // RFC 9112 §3.2: a Host that is not a valid host[:port] gets a 400, like a missing one.
        if (!HOST.test(value)) return bad(`bad Host ${JSON.stringify(value)}; send host[:port]`);
        return undefined;
      case 'content-length':
        // RFC 9110 §8.6 lets a recipient accept a repeat of the same length ("5, 5", or two
        // headers) or refuse it. node:http refuses both, and so does this parser: a server and a
        // proxy in front of it must never disagree about where a body ends (request smuggling).
        if (this.#contentLength !== -1) return bad('more than one Content-Length header');
        // 1 to 15 digits: anything longer is no body this server would take, and 15 digits stay
        // exact in a JavaScript number. No sign, no spaces, no list: exactly 1*DIGIT.
        if (!/^[0-9]{1,15}$/.test(value)) return bad(`bad Content-Length ${JSON.stringify(value)}`);
        this.#contentLength = Number(value);
        return undefined;
      case 'transfer-encoding':
        this.#transferEncoding = true;
        return undefined;
      case 'connection':
        for (const option of value.toLowerCase().split(',')) {
          const token = trimOws(option);
          if (token === 'close') this.#connectionClose = true;
          else if (token === 'keep-alive') this.#connectionKeepAlive = true;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * The head outgrew the limit. While the request line is still arriving it is the target that
   * is too long: 414 (RFC 9110 §15.5.15). 431 is for header fields (RFC 6585 §5). node:http
   * answers 431 for both, as its limit counts the whole head; the RFC's status says more.
   */
  #tooLarge(length: number): ParseResult {
    const max = this.#limits.maxHeadBytes;
    if (this.#version === '')
      return fail(414, `request line is ${length} bytes or more; the limit is ${max}`);
    return fail(431, `request head is ${length} bytes or more; the limit is ${max}`);
  }

  /** The blank line arrived: check what needs the whole head, then hand it over and reset. */
  #finish(rest: Buffer): ParseResult {
    const version = this.#version as '1.0' | '1.1'; // set: #finish runs only after a request line
    if (version === '1.1' && this.#hosts === 0) return bad('HTTP/1.1 requires a Host header');
    if (this.#contentLength !== -1 && this.#transferEncoding)
      return bad('both Content-Length and Transfer-Encoding: the body length is ambiguous');
    if (this.#transferEncoding)
      return fail(501, 'this server does not accept chunked request bodies; send Content-Length');
    const contentLength = Math.max(this.#contentLength, 0);
    if (contentLength > this.#limits.maxBodyBytes)
      return fail(413, `body of ${contentLength} bytes; the limit is ${this.#limits.maxBodyBytes}`);
    const head: RequestHead = {
      method: this.#method,
      target: this.#target,
      version,
      headers: this.#headers,
      contentLength,
      keepAlive: version === '1.1' ? !this.#connectionClose : this.#connectionKeepAlive,
    };
    this.#reset();
    return { kind: 'head', head, rest };
  }
  // #endregion parse-head

  #reset(): void {
    this.#partial = EMPTY;
    this.#headBytes = 0;
    this.#method = '';
    this.#target = '';
    this.#version = '';
    this.#headers = [];
    this.#hosts = 0;
    this.#contentLength = -1;
    this.#transferEncoding = false;
    this.#connectionClose = false;
    this.#connectionKeepAlive = false;
  }
}

// The error paths: here there is time to say precisely what was wrong.

function badRequestLine(data: Buffer, start: number, end: number): ParseResult {
  const line = text(data, start, end);
  if (line.includes('\r')) return bad('bare CR: a CR must be followed by LF');
  const parts = line.split(' ');
  if (parts.length !== 3)
    return bad(`request line must be "METHOD target HTTP/x.y": ${JSON.stringify(line)}`);
  const [method = '', target = ''] = parts;
  if (!allOf(method, TOKEN)) return bad(`bad method ${JSON.stringify(method)}`);
  if (!allOf(target, TARGET)) return bad(`bad request target ${JSON.stringify(target)}`);
  return bad(`bad protocol ${JSON.stringify(parts[2])}`);
}

function badHeaderLine(data: Buffer, start: number, end: number, at: number): ParseResult {
  const byte = data[at];
  if (at < end && byte === CR) return bad('bare CR: a CR must be followed by LF');
  const line = text(data, start, end);
  const colon = line.indexOf(':');
  if (colon <= 0) return bad(`header line without a name and colon: ${JSON.stringify(line)}`);
  if (at < start + colon) return bad(`bad header name ${JSON.stringify(line.slice(0, colon))}`);
  return bad(
    `control character 0x${(byte ?? 0).toString(16).padStart(2, '0')} in header ${line.slice(0, colon).toLowerCase()}`,
  );
}

/**
 * Whether a target that does not start with "/" is in one of the other three forms of RFC 9112
 * §3.2: absolute-form (a URI with a scheme, as sent to proxies), asterisk-form (`*`, OPTIONS
 * only) or authority-form (`host:port`, CONNECT only). Anything else is no target at all.
 */
function otherTargetForm(method: string, target: string): boolean {
  if (method === 'OPTIONS' && target === '*') return true;
  if (method === 'CONNECT') return /^[^/?#@]+:[0-9]+$/.test(target);
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target);
}

/** `text` without leading and trailing SP and HTAB, the only optional whitespace (RFC 9110 §5.6.3). */
function trimOws(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && (text[from] === ' ' || text[from] === '\t')) from += 1;
  while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t')) to -= 1;
  return text.slice(from, to);
}
