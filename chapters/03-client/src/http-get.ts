// A raw HTTP/1.1 GET over a TCP socket: what fetch() does underneath, minus TLS, redirects,
// keep-alive and compression. Build the request bytes, send them all, then recv() and feed the
// parser until the response is complete or the server closes the connection.
import { createConnection, type SockAddr } from '@netprog/socket-core';
import { type HttpResponse, HttpResponseParser } from './http-response-parser.ts';

/** The parts of an http:// URL a client needs. */
export interface HttpUrl {
  /** Host to connect to: a name or an IP literal (IPv6 without brackets). */
  host: string;
  port: number;
  /** Path and query: the request-target, e.g. '/search?q=tcp'. */
  path: string;
  /** The Host header: host[:port] as written in the URL (IPv6 in brackets). */
  hostHeader: string;
}

/** A URL the client cannot use. */
export class HttpUrlError extends Error {
  override readonly name = 'HttpUrlError';
}

/**
 * Splits an http:// URL. Throws HttpUrlError for anything else (https needs TLS, which this
 * chapter does not cover).
 *
 * @example
 * parseHttpUrl('http://127.0.0.1:8080/a?b=1')
 * // { host: '127.0.0.1', port: 8080, path: '/a?b=1', hostHeader: '127.0.0.1:8080' }
 */
export function parseHttpUrl(url: string): HttpUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpUrlError(`"${url}" is not a URL: write it like http://127.0.0.1:8080/path`);
  }
  if (parsed.protocol === 'https:') {
    throw new HttpUrlError(
      `"${url}" is https: that needs TLS (node:tls), which this client does not speak; use an http:// URL`,
    );
  }
  if (parsed.protocol !== 'http:') {
    throw new HttpUrlError(`"${url}" is not an http:// URL (scheme ${parsed.protocol})`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port: parsed.port === '' ? 80 : Number(parsed.port),
    path: `${parsed.pathname}${parsed.search}`,
    hostHeader: parsed.host,
  };
}

// #region request
/**
 * The bytes of a GET request. HTTP/1.1 requires Host; `Connection: close` asks the server to
 * close the connection after its reply, so "read until EOF" is a valid way to end the reply.
 *
 * @example
 * buildGetRequest(parseHttpUrl('http://127.0.0.1:8080/'))
 * // 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: netprog-ch03\r\nAccept: *\/*\r\nConnection: close\r\n\r\n'
 */
export function buildGetRequest(url: HttpUrl, extraHeaders: Record<string, string> = {}): string {
  const headers: Record<string, string> = {
    Host: url.hostHeader,
    'User-Agent': 'netprog-ch03',
    Accept: '*/*',
    Connection: 'close',
    ...extraHeaders,
  };
  const lines = [`GET ${url.path} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) {
    // A CR or LF in a value would let the caller inject headers or a second request.
    if (/[\r\n]/.test(value) || /[\r\n:]/.test(name)) {
      throw new HttpUrlError(`header ${JSON.stringify(name)} contains a line break or colon`);
    }
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
// #endregion request

export interface HttpGetOptions {
  /** Timeout for the connect and for each send/recv, in ms (default 5000). */
  timeoutMs?: number;
  /** recv() size (default 4096). */
  bufsize?: number;
  /** Called with each chunk recv() returns, e.g. to show how the reply arrived. */
  onChunk?: (chunk: Buffer) => void;
}

export interface HttpGetResult extends HttpResponse {
  /** The request exactly as sent. */
  request: string;
  /** Our end and the server's end of the connection. */
  local: SockAddr;
  remote: SockAddr;
  /** How many recv() calls it took, and how many bytes they returned (head and body). */
  recvCalls: number;
  bytesReceived: number;
}

// #region http-get
/**
 * GETs `url` over a plain TCP socket and parses the reply. Rejects with SocketError /
 * SocketTimeoutError for connection problems, HttpParseError for a malformed reply or one cut
 * short (EARLY_CLOSE says how many body bytes were expected and received), HttpUrlError for a
 * URL it cannot fetch.
 *
 * @example
 * const response = await httpGet('http://127.0.0.1:8080/', { timeoutMs: 2_000 });
 * console.log(response.status, response.body.length);
 */
export async function httpGet(
  url: string | HttpUrl,
  options: HttpGetOptions = {},
): Promise<HttpGetResult> {
  const { timeoutMs = 5_000, bufsize = 4096, onChunk } = options;
  const target = typeof url === 'string' ? parseHttpUrl(url) : url;
  const request = buildGetRequest(target);

  // 1. connect (createConnection = socket + settimeout + connect, trying each address)
  await using conn = await createConnection([target.host, target.port], timeoutMs);
  const local = conn.getsockname();
  const remote = conn.getpeername();
  // 2. send the whole request: sendAll loops until every byte is handed to the kernel
  await conn.sendAll(request);

  // 3. recv until the parser says the reply is complete, or the server closes (EOF)
  const parser = new HttpResponseParser();
  let recvCalls = 0;
  let bytesReceived = 0;
  let response: HttpResponse | undefined;
  while (response === undefined) {
    const chunk = await conn.recv(bufsize);
    recvCalls += 1;
    bytesReceived += chunk.length;
    onChunk?.(chunk);
    if (chunk.length === 0) {
      response = parser.end(); // EOF: complete, or HttpParseError('EARLY_CLOSE')
    } else {
      parser.feed(chunk);
      if (parser.complete) response = parser.end();
    }
  }
  // 4. close: `await using` closes the socket here, on success and on every error path.
  return { ...response, request, local, remote, recvCalls, bytesReceived };
}
// #endregion http-get
