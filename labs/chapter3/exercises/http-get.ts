// Exercise 5: an HTTP/1.1 GET over a raw TCP socket (no node:http, no fetch).
//
// 1. Send the request: the request line, a Host header, Connection: close, and a blank line,
//    every line ending in \r\n:
//        GET /path?query HTTP/1.1\r\n
//        Host: 127.0.0.1:8080\r\n
//        Connection: close\r\n
//        \r\n
//    Host is the URL's host: with the port when the URL has one, [brackets] around an IPv6
//    address (connect to the address without them), and port 80 when the URL gives none.
// 2. Read the reply. The server closes the connection after it (you asked it to), so reading
//    until EOF gets everything; see exercise 3.
// 3. Parse it. The head ends at the first \r\n\r\n. Its first line is the status line,
//    "HTTP/1.1 200 OK": if it does not look like "HTTP/<d>.<d> <3 digits> <reason>" (the reason
//    may be empty, and has no \r or \n in it), reject with an Error whose message contains
//    "status line" and is one short line. If the connection closed before the head ended, reject
//    with an Error saying it "closed". Then one "Name: value" header per line; a line without a
//    name and a colon rejects with an Error that mentions "header". Header names are
//    case-insensitive: store them lower-cased, values without the spaces around them; a header
//    sent twice keeps both values, joined with ', '.
// 4. Find the body's end, in this order of precedence:
//      - Transfer-Encoding: chunked -> chunks of "<hex size>\r\n<data>\r\n", ended by a chunk of
//        size 0: the body is the data joined together. The size is hex in either case ('1a',
//        'A'), maybe followed by ';' and an extension to ignore; anything else there rejects
//        with an Error that mentions "chunk size". The data may contain \r\n: only the size
//        tells where it ends. If the connection closes inside a chunk, reject with an Error
//        giving the chunk's size and how many of its bytes arrived; before the last chunk, with
//        an Error saying it "closed". Chunked wins even when Content-Length is sent too (RFC 9112
//        §6.3: reading by the other header is how request smuggling starts). Another
//        Transfer-Encoding (gzip) is not chunked: read to the close;
//      - Content-Length: N -> exactly N BYTES (not characters; ignore anything after them). N
//        must be digits only, or reject with an Error that mentions "Content-Length". If the
//        connection closed before N bytes arrived, reject with an Error whose message contains
//        both N and the number of bytes that did arrive;
//      - neither -> everything after the head, up to the close.
//    The body is bytes (a Buffer): do not decode it as text.
// Use socket-core (createConnection, sendAll, recv, close) or node:net, as you prefer. Every
// network operation must be bounded by `timeoutMs`: a server that never answers makes httpGet
// reject after about timeoutMs.
import { createConnection } from '@netprog/socket-core';

export interface HttpResponse {
  status: number;
  reason: string;
  /** Header names in lower case ('content-type'); a repeated header's values joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * GETs an http:// URL and returns the parsed response.
 *
 * @example
 * const response = await httpGet('http://127.0.0.1:8080/hello');
 * console.log(response.status, response.headers['content-type'], response.body.toString());
 */
export async function httpGet(url: string, timeoutMs = 2_000): Promise<HttpResponse> {
  // TODO: new URL(url) gives hostname, port and pathname + search. Then steps 1-4 above.
  void createConnection; // the import you will need (delete this line when you use it)
  throw new Error(`TODO: httpGet(${url}, ${timeoutMs})`);
}
