// An incremental HTTP/1.1 response parser. It is pure: it never touches a socket. You feed it
// bytes in whatever pieces recv() happened to return (one byte, or the whole reply) and it works
// out the status line, the headers and, from the headers, how the body ends (RFC 9112 §6):
//   - Transfer-Encoding: chunked -> hex-sized chunks, ended by a chunk of size 0;
//   - Content-Length: N          -> exactly N bytes;
//   - neither                    -> everything until the server closes the connection.

/** How the end of the body is known. 'none': this response has no body (204, 304, 1xx, HEAD). */
export type BodyFraming = 'content-length' | 'chunked' | 'until-close' | 'none';

export interface HttpResponseHead {
  /** "1.1" or "1.0". */
  httpVersion: string;
  status: number;
  reason: string;
  /** Header lines in the order received, names as sent (look them up with getHeader). */
  headers: Array<[name: string, value: string]>;
}

export interface HttpResponse extends HttpResponseHead {
  body: Buffer;
  framing: BodyFraming;
}

export type HttpParseErrorCode =
  | 'BAD_STATUS_LINE'
  | 'BAD_HEADER'
  | 'BAD_CONTENT_LENGTH'
  | 'BAD_CHUNK_SIZE'
  | 'BAD_CHUNK_END'
  | 'LINE_TOO_LONG'
  | 'EARLY_CLOSE';

/** The reply is not valid HTTP/1.x, or the connection ended before the reply did. */
export class HttpParseError extends Error {
  override readonly name = 'HttpParseError';
  readonly code: HttpParseErrorCode;
  /** For EARLY_CLOSE: how many body bytes the framing promised, when it says (Content-Length, chunk size). */
  readonly expected: number | undefined;
  /** For EARLY_CLOSE: how many body bytes arrived before the close. */
  readonly received: number | undefined;
  constructor(
    code: HttpParseErrorCode,
    message: string,
    counts: { expected?: number; received?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.expected = counts.expected;
    this.received = counts.received;
  }
}

type State =
  | { kind: 'status-line' }
  | { kind: 'headers' }
  | { kind: 'fixed-body'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; size: number; remaining: number }
  | { kind: 'chunk-data-end' }
  | { kind: 'trailers' }
  | { kind: 'until-close' }
  | { kind: 'complete' };

const LF = 0x0a;

/**
 * Case-insensitive header lookup; repeated headers are joined with ", " (RFC 9110 §5.3).
 *
 * @example
 * getHeader([['Content-Type', 'text/plain']], 'content-type') // 'text/plain'
 */
export function getHeader(
  headers: ReadonlyArray<readonly [string, string]>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  const values = headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * Feeds bytes in, gets a response out. Call `feed()` with every chunk recv() returns; `complete`
 * turns true as soon as the framing says the body is over (no need to wait for the close); call
 * `end()` when recv() returns EOF: it returns the response, or throws EARLY_CLOSE if the body is
 * not finished. Malformed input throws HttpParseError from `feed()` at the first bad byte.
 *
 * @example
 * const parser = new HttpResponseParser();
 * parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'));
 * parser.complete        // true
 * parser.end().body      // <Buffer 68 69>
 */
export class HttpResponseParser {
  #state: State = { kind: 'status-line' };
  #pending: Buffer = Buffer.alloc(0);
  #head: HttpResponseHead | undefined;
  #framing: BodyFraming = 'none';
  #body: Buffer[] = [];
  #bodyBytes = 0;
  #sawAnyByte = false;
  readonly #maxLineBytes: number;
  readonly #noBody: boolean;

  /**
   * @param options.maxLineBytes longest status, header or chunk-size line accepted (default 8 KiB),
   *   so a peer that never sends a newline cannot make us buffer forever.
   * @param options.noBody the request was HEAD: the response has headers only.
   */
  constructor(options: { maxLineBytes?: number; noBody?: boolean } = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? 8192;
    this.#noBody = options.noBody ?? false;
  }

  /** True once the whole response (head and body) has arrived. */
  get complete(): boolean {
    return this.#state.kind === 'complete';
  }

  /** The status line and headers, once they have arrived. */
  get head(): HttpResponseHead | undefined {
    return this.#head;
  }

  /** How many body bytes have been decoded so far (chunk framing not counted). */
  get bodyBytes(): number {
    return this.#bodyBytes;
  }

  /** Parses as far as the bytes allow. Throws HttpParseError on malformed input. */
  feed(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#sawAnyByte = true;
    this.#pending =
      this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
    while (this.#step()) {
      // each step consumes a line or some body bytes; stop when it needs more input
    }
  }

  /**
   * The peer closed the connection (recv returned EOF). Returns the response if it is complete
   * (or its body runs until close); otherwise throws EARLY_CLOSE saying what was missing.
   */
  end(): HttpResponse {
    const state = this.#state;
    switch (state.kind) {
      case 'complete':
      case 'until-close':
        this.#state = { kind: 'complete' };
        return this.#response();
      case 'status-line':
        throw new HttpParseError(
          'EARLY_CLOSE',
          this.#sawAnyByte
            ? 'connection closed in the middle of the status line'
            : 'connection closed before any response byte arrived',
          { received: 0 },
        );
      case 'headers':
        throw new HttpParseError(
          'EARLY_CLOSE',
          'connection closed in the middle of the headers (no blank line ended them)',
          { received: 0 },
        );
      case 'fixed-body': {
        const expected = this.#bodyBytes + state.remaining;
        throw new HttpParseError(
          'EARLY_CLOSE',
          `connection closed mid-body: Content-Length promised ${expected} bytes, got ${this.#bodyBytes}`,
          { expected, received: this.#bodyBytes },
        );
      }
      case 'chunk-data': {
        const got = state.size - state.remaining;
        throw new HttpParseError(
          'EARLY_CLOSE',
          `connection closed mid-chunk: chunk of ${state.size} bytes, got ${got} ` +
            `(${this.#bodyBytes} body bytes in all)`,
          { expected: state.size, received: got },
        );
      }
      case 'trailers':
        throw new HttpParseError(
          'EARLY_CLOSE',
          'connection closed after the last chunk but before the blank line that ends the message',
          { received: this.#bodyBytes },
        );
      default:
        throw new HttpParseError(
          'EARLY_CLOSE',
          `connection closed inside a chunked body after ${this.#bodyBytes} bytes: ` +
            'the final 0-size chunk never came',
          { received: this.#bodyBytes },
        );
    }
  }

  #response(): HttpResponse {
    const head = this.#head!;
    return { ...head, body: Buffer.concat(this.#body), framing: this.#framing };
  }

  /** One step of the state machine. Returns false when more input is needed. */
  #step(): boolean {
    const state = this.#state;
    switch (state.kind) {
      case 'status-line': {
        const line = this.#takeLine('status line');
        if (line === undefined) return false;
        this.#head = { ...parseStatusLine(line), headers: [] };
        this.#state = { kind: 'headers' };
        return true;
      }
      case 'headers': {
        const line = this.#takeLine('header line');
        if (line === undefined) return false;
        if (line === '') this.#startBody();
        else this.#head!.headers.push(parseHeaderLine(line));
        return true;
      }
      case 'fixed-body': {
        if (this.#pending.length === 0) return false;
        const take = Math.min(state.remaining, this.#pending.length);
        this.#keepBody(this.#pending.subarray(0, take));
        this.#pending = this.#pending.subarray(take);
        const remaining = state.remaining - take;
        this.#state = remaining === 0 ? { kind: 'complete' } : { kind: 'fixed-body', remaining };
        return true;
      }
      case 'chunk-size': {
        const line = this.#takeLine('chunk-size line');
        if (line === undefined) return false;
        const size = parseChunkSize(line, this.#bodyBytes);
        this.#state =
          size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', size, remaining: size };
        return true;
      }
      case 'chunk-data': {
        if (this.#pending.length === 0) return false;
        const take = Math.min(state.remaining, this.#pending.length);
        this.#keepBody(this.#pending.subarray(0, take));
        this.#pending = this.#pending.subarray(take);
        const remaining = state.remaining - take;
        this.#state =
          remaining === 0
            ? { kind: 'chunk-data-end' }
            : { kind: 'chunk-data', size: state.size, remaining };
        return true;
      }
      case 'chunk-data-end': {
        const line = this.#takeLine('end of chunk');
        if (line === undefined) return false;
        if (line !== '') {
          throw new HttpParseError(
            'BAD_CHUNK_END',
            `chunk data ran past its declared size: expected CRLF after the chunk, got ${quote(line)}`,
          );
        }
        this.#state = { kind: 'chunk-size' };
        return true;
      }
      case 'trailers': {
        const line = this.#takeLine('trailer line');
        if (line === undefined) return false;
        // Trailer fields are allowed after the last chunk; a blank line ends the message.
        if (line === '') this.#state = { kind: 'complete' };
        else parseHeaderLine(line);
        return true;
      }
      case 'until-close': {
        if (this.#pending.length === 0) return false;
        this.#keepBody(this.#pending);
        this.#pending = Buffer.alloc(0);
        return false;
      }
      case 'complete':
        // Bytes after a complete response (a server that sends more than it announced) are not
        // part of this response; with Connection: close nothing should follow, so we drop them.
        this.#pending = Buffer.alloc(0);
        return false;
    }
  }

  // #region framing
  /** Decides how the body ends, from the status and headers (RFC 9112 §6.3). */
  #startBody(): void {
    const head = this.#head!;
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      // An interim response (e.g. 100 Continue): the real status line follows.
      this.#head = undefined;
      this.#state = { kind: 'status-line' };
      return;
    }
    if (this.#noBody || head.status === 101 || head.status === 204 || head.status === 304) {
      this.#framing = 'none';
      this.#state = { kind: 'complete' };
      return;
    }
    const transferEncoding = getHeader(head.headers, 'transfer-encoding');
    if (transferEncoding !== undefined) {
      // Transfer-Encoding wins over Content-Length. Only "chunked" as the LAST coding tells us
      // where the body ends; anything else runs until the connection closes.
      const codings = transferEncoding
        .toLowerCase()
        .split(',')
        .map((c) => c.trim());
      const chunked = codings.at(-1) === 'chunked';
      this.#framing = chunked ? 'chunked' : 'until-close';
      this.#state = chunked ? { kind: 'chunk-size' } : { kind: 'until-close' };
      return;
    }
    const contentLength = getHeader(head.headers, 'content-length');
    if (contentLength !== undefined) {
      const length = parseContentLength(contentLength);
      this.#framing = 'content-length';
      this.#state = length === 0 ? { kind: 'complete' } : { kind: 'fixed-body', remaining: length };
      return;
    }
    this.#framing = 'until-close';
    this.#state = { kind: 'until-close' };
  }
  // #endregion framing

  #keepBody(bytes: Buffer): void {
    // Copy: the subarray shares memory with #pending, which later feeds replace.
    this.#body.push(Buffer.from(bytes));
    this.#bodyBytes += bytes.length;
  }

  /** Removes one line (LF or CRLF terminated) from #pending, or returns undefined if none yet. */
  #takeLine(what: string): string | undefined {
    const end = this.#pending.indexOf(LF);
    if (end === -1) {
      if (this.#pending.length > this.#maxLineBytes) {
        throw new HttpParseError(
          'LINE_TOO_LONG',
          `${what} longer than ${this.#maxLineBytes} bytes and still no newline: not an HTTP reply?`,
        );
      }
      return undefined;
    }
    const stop = end > 0 && this.#pending[end - 1] === 0x0d ? end - 1 : end;
    // latin1 maps each byte to one character, so nothing is lost before we validate.
    const line = this.#pending.toString('latin1', 0, stop);
    this.#pending = this.#pending.subarray(end + 1);
    return line;
  }
}

// #region status-line
/**
 * Parses "HTTP/1.1 200 OK". The reason phrase may be empty; the code must be three digits.
 *
 * @example
 * parseStatusLine('HTTP/1.1 404 Not Found') // { httpVersion: '1.1', status: 404, reason: 'Not Found' }
 */
export function parseStatusLine(line: string): {
  httpVersion: string;
  status: number;
  reason: string;
} {
  const match = /^HTTP\/(\d\.\d) ([1-9]\d\d)(?: (.*))?$/.exec(line);
  if (match === null) {
    throw new HttpParseError(
      'BAD_STATUS_LINE',
      `malformed status line ${quote(line)}: expected "HTTP/1.1 <3-digit status> <reason>" ` +
        '(is the server on this port really speaking HTTP?)',
    );
  }
  return { httpVersion: match[1]!, status: Number(match[2]), reason: match[3] ?? '' };
}
// #endregion status-line

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseHeaderLine(line: string): [string, string] {
  if (line.startsWith(' ') || line.startsWith('\t')) {
    throw new HttpParseError(
      'BAD_HEADER',
      `header line ${quote(line)} starts with whitespace (obsolete line folding is not allowed)`,
    );
  }
  const colon = line.indexOf(':');
  const name = colon === -1 ? '' : line.slice(0, colon);
  if (!TOKEN.test(name)) {
    throw new HttpParseError(
      'BAD_HEADER',
      `malformed header line ${quote(line)}: expected "Name: value"`,
    );
  }
  return [name, line.slice(colon + 1).trim()];
}

function parseContentLength(value: string): number {
  // "Content-Length: 5, 5" (or two equal headers) is allowed; different values are an attack.
  const values = new Set(value.split(',').map((v) => v.trim()));
  const [only] = values;
  if (values.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only)) {
    throw new HttpParseError(
      'BAD_CONTENT_LENGTH',
      `invalid Content-Length ${quote(value)}: expected one non-negative whole number`,
    );
  }
  return Number(only);
}

function parseChunkSize(line: string, bodyBytesSoFar: number): number {
  // chunk-size [; extensions]; the extensions carry nothing we need.
  const hex = line.split(';', 1)[0]!.trim();
  if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) {
    throw new HttpParseError(
      'BAD_CHUNK_SIZE',
      `bad chunk size ${quote(line)} after ${bodyBytesSoFar} body bytes: expected a hexadecimal number`,
    );
  }
  return Number.parseInt(hex, 16);
}

/** Shows a line safely: JSON quoting escapes control bytes, and long lines are cut. */
function quote(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

/**
 * Parses a complete reply in one go (all bytes up to EOF).
 *
 * @example
 * parseHttpResponse(Buffer.from('HTTP/1.0 200 OK\r\n\r\nhello')).body.toString() // 'hello'
 */
export function parseHttpResponse(
  bytes: Uint8Array,
  options: { noBody?: boolean } = {},
): HttpResponse {
  const parser = new HttpResponseParser(options);
  parser.feed(bytes);
  return parser.end();
}
