// Mutant: takes the port from the URL without a default, so a URL without one connects to port 0
// Why students write it: every URL they tried had a port
// Exercise 5 (reference solution): an HTTP/1.1 GET over a raw TCP socket.
import { createConnection, type Socket } from '@netprog/socket-core';

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
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(target.port);
  const request =
    `GET ${target.pathname}${target.search} HTTP/1.1\r\n` +
    `Host: ${target.host}\r\n` +
    'Connection: close\r\n' +
    '\r\n';

  await using sock = await createConnection([host, port], timeoutMs);
  await sock.sendAll(request);
  // Connection: close, so the whole reply is everything up to EOF.
  return parseResponse(await recvAll(sock));
}

async function recvAll(sock: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await sock.recv(65_536);
    if (chunk.length === 0) return Buffer.concat(chunks);
    chunks.push(chunk);
  }
}

function parseResponse(raw: Buffer): HttpResponse {
  // latin1 maps each byte to one character, so positions in the text are positions in the bytes.
  const text = raw.toString('latin1');
  const statusLine = text.split('\r\n', 1)[0]!;
  const status = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(statusLine);
  if (status === null) {
    throw new Error(`malformed status line ${JSON.stringify(statusLine.slice(0, 80))}`);
  }
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) {
    throw new Error(`the connection closed before the end of the head, after ${raw.length} bytes`);
  }

  const headers: Record<string, string> = {};
  for (const line of text.slice(0, headEnd).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }

  const rest = raw.subarray(headEnd + 4);
  const declared = headers['content-length'];
  let body: Buffer;
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    body = decodeChunked(rest);
  } else if (declared !== undefined) {
    if (!/^\d+$/.test(declared)) {
      throw new Error(`bad Content-Length ${JSON.stringify(declared)}: it must be digits only`);
    }
    const length = Number(declared);
    if (rest.length < length) {
      throw new Error(
        `the connection closed mid-body: expected ${length} bytes (Content-Length), got ${rest.length}`,
      );
    }
    body = rest.subarray(0, length);
  } else {
    body = rest;
  }
  return { status: Number(status[1]), reason: status[2]!, headers, body };
}

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) throw new Error('the connection closed inside a chunked body');
    // The size in hex, maybe followed by ';' and an extension (RFC 9112 §7.1.1) that we ignore.
    const sizeText = data.toString('latin1', offset, lineEnd).split(';')[0]!.trim();
    if (!/^[0-9a-f]+$/i.test(sizeText))
      throw new Error(`bad chunk size ${JSON.stringify(sizeText)}`);
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) return Buffer.concat(parts);
    const chunk = data.subarray(lineEnd + 2, lineEnd + 2 + size);
    if (chunk.length < size) {
      throw new Error(
        `the connection closed mid-chunk: expected ${size} bytes, got ${chunk.length}`,
      );
    }
    parts.push(chunk);
    offset = lineEnd + 2 + size + 2; // the size line's \r\n, the data, then the data's \r\n
  }
}
