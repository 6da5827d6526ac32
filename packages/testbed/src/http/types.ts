// The two shapes the HTTP target deals in: the request it received, and the response to send.

/** One request as the target received it. */
export interface RawHttpRequest {
  /** e.g. 'GET', exactly as sent (not upper-cased). */
  method: string;
  /** The request-target, e.g. '/search?q=1' (or 'http://host/...' when sent to a proxy). */
  target: string;
  /** e.g. 'HTTP/1.1'. */
  version: string;
  /** Header names lower-cased; a repeated header's values joined with ', ' in arrival order. */
  headers: Record<string, string>;
  /** The body, read by Content-Length (empty when there is none). */
  body: Buffer;
  /** Every byte of the request as it arrived: head, CRLFCRLF and body. */
  raw: Buffer;
}

/** How the target answers. Every field is optional: `{}` is "200 OK" with an empty body. */
export interface HttpShape {
  /** Default 200. */
  status?: number;
  /** Default: the standard phrase for the status ('OK', 'Not Found'...), or 'Unknown'. */
  reason?: string;
  /**
   * Sent in this order. An array value sends the header once per element. If you set
   * Content-Length, Transfer-Encoding or Connection yourself, the target does not add its own,
   * so you can also send wrong ones on purpose.
   */
  headers?: Record<string, string | number | readonly string[]>;
  /** Default empty. */
  body?: string | Uint8Array;
  /** Send the body with `Transfer-Encoding: chunked` instead of Content-Length. */
  chunked?: boolean;
  /**
   * Chunk sizes for `chunked`: one size for every chunk, or a list used in order whose last size
   * repeats. Default 16 bytes, so even a short body arrives as several chunks.
   */
  chunkSize?: number | readonly number[];
  /** Send no Content-Length: the body ends when the target closes the connection (HTTP/1.0 style). */
  noContentLength?: boolean;
  /** Wait this long after the request before sending anything. */
  delayMs?: number;
  /**
   * `true`: write the response one byte at a time, `dribbleIntervalMs` apart (for bounded
   * responses). `'random'`: in pieces of 1 to 16 bytes whose sizes come from the target's seed,
   * one piece per turn of the event loop (or `dribbleIntervalMs` apart when set): every split a
   * parser must survive, replayable with the same seed.
   */
  dribble?: boolean | 'random';
  /** Pause between dribbled bytes, default 1 ms. */
  dribbleIntervalMs?: number;
  /** Send only the first n bytes of the response (head included), then close the connection. */
  closeAfterBytes?: number;
  /**
   * Send only the first n bytes of the response (head included), then reset the connection (RST):
   * the client's next read fails with ECONNRESET. Wins over `closeAfterBytes`. The reset waits one
   * turn of the event loop after the bytes, so a client in this process reads them first: an RST
   * right behind unread data can reach Node as a plain end of file.
   */
  resetAfterBytes?: number;
  /**
   * Send these bytes instead of building a response (malformed replies: bad status lines, bare LF,
   * lying lengths...). `delayMs`, `dribble` and `closeAfterBytes` still apply.
   */
  rawResponse?: string | Uint8Array;
}
