// Exercise 5 (reference solution): an HTTP/1.1 GET over a raw TCP socket.
import { createConnection, type Socket } from '@netprog/socket-core';

export interface HttpResponse {
  status: number;
  reason: string;
  /** Header names in lower case ('content-type'); a repeated header's values joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

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
  const port = target.port === '' ? 80 : Number(target.port);
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
  const headEnd = raw.indexOf(HEAD_END);
  const head = raw.subarray(0, headEnd === -1 ? raw.length : headEnd).toString('latin1');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(statusLine);
  if (status === null) {
    throw new Error(`malformed status line ${JSON.stringify(statusLine.slice(0, 80))}`);
  }
  if (headEnd === -1) throw new Error('the connection closed before the end of the headers');

  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }

  const rest = raw.subarray(headEnd + HEAD_END.length);
  let body: Buffer;
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    body = decodeChunked(rest);
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (!Number.isInteger(length) || length < 0) {
      throw new Error(`bad Content-Length ${JSON.stringify(headers['content-length'])}`);
    }
    if (rest.length < length) {
      throw new Error(
        `the connection closed mid-body: expected ${length} bytes (Content-Length), got ${rest.length}`,
      );
    }
    body = rest.subarray(0, length);
  } else {
    body = rest;
  }
  return { status: Number(status[1]), reason: status[2] ?? '', headers, body };
}

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) throw new Error('the connection closed inside a chunked body');
    const sizeText = data.toString('latin1', offset, lineEnd).split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) {
      throw new Error(`bad chunk size ${JSON.stringify(sizeText)}`);
    }
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (start + size > data.length) {
      throw new Error(
        `the connection closed mid-chunk: expected ${size} bytes, got ${data.length - start}`,
      );
    }
    parts.push(data.subarray(start, start + size));
    offset = start + size + 2; // the data, then its \r\n
  }
}
