// The server over loopback: real sockets, raw bytes, fetch() and (if installed) curl.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { staticHandler } from '../src/static-handler.ts';

const SITE = fileURLToPath(new URL('../site/', import.meta.url));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    handler: async (request) => {
      if (request.target === '/echo') return { status: 200, body: request.body };
      if (request.target === '/boom') throw new Error('boom');
      return staticHandler(SITE)(request);
    },
    limits: { maxHeadBytes: 2048, maxBodyBytes: 1000 },
    requestTimeoutMs: 400,
    keepAliveTimeoutMs: 5_000,
  });
});
afterAll(() => server.close());

/** Sends raw bytes, half-closes nothing, and collects everything until the server closes (bounded). */
function exchange(bytes: string | Buffer, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, server.host);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`server did not close within ${timeoutMs} ms; got ${Buffer.concat(chunks)}`),
      );
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {}); // a reset after the response is a clean enough close
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(bytes);
  });
}
const statusLine = (reply: string) => reply.split('\r\n', 1)[0] ?? '';

const big = 'a'.repeat(3000);
// Each malformed request must get this status (then Connection: close), or 'close' for a clean close.
const MALFORMED: Array<[name: string, bytes: string, expected: number | 'close']> = [
  ['empty request line', '\r\n\r\n\r\nfoo\r\n\r\n', 400],
  ['garbage', 'hello\r\n\r\n', 400],
  ['missing version', 'GET /\r\nHost: x\r\n\r\n', 400],
  ['extra space', 'GET  / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['space in target', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['lowercase protocol', 'GET / http/1.1\r\nHost: x\r\n\r\n', 400],
  ['bad method token', 'G(T / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['HTTP/2.0', 'GET / HTTP/2.0\r\nHost: x\r\n\r\n', 505],
  ['HTTP/0.9 style version', 'GET / HTTP/0.9\r\nHost: x\r\n\r\n', 505],
  ['HTTP/1.10', 'GET / HTTP/1.10\r\nHost: x\r\n\r\n', 400],
  ['bare LF', 'GET / HTTP/1.1\nHost: x\n\n', 400],
  ['bare CR', 'GET / HTTP/1.1\rHost: x\r\n\r\n', 400],
  ['bare CR in value', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n', 400],
  ['NUL in value', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n', 400],
  ['space before colon', 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', 400],
  ['header without colon', 'GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n', 400],
  ['empty header name', 'GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n', 400],
  ['obs-fold', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n  b\r\n\r\n', 400],
  ['missing Host', 'GET / HTTP/1.1\r\n\r\n', 400],
  ['two Hosts', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400],
  ['CL not a number', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n', 400],
  ['CL negative', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n', 400],
  ['CL with plus', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\n', 400],
  [
    'CL differing',
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    400,
  ],
  ['CL list differing', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\nab', 400],
  [
    'CL and TE',
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n',
    400,
  ],
  [
    'TE only (unsupported)',
    'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    501,
  ],
  ['body too large', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n', 413],
  ['huge CL', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n', 400],
  ['head too large, complete', `GET / HTTP/1.1\r\nHost: x\r\nX: ${big}\r\n\r\n`, 431],
  ['head too large, unterminated', `GET / HTTP/1.1\r\nHost: x\r\nX: ${big}`, 431],
  ['too many headers', `GET / HTTP/1.1\r\nHost: x\r\n${'A: b\r\n'.repeat(150)}\r\n`, 431],
  ['partial head then silence', 'GET / HTTP/1.1\r\nHost: x\r\n', 408],
  ['nothing at all', '', 408],
  [
    'short body then silence',
    'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc',
    408,
  ],
  ['traversal', 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 403],
  [
    'encoded traversal',
    'GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    403,
  ],
  ['encoded slash', 'GET /notes%2fhello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 403],
  ['handler throws', 'GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 500],
  ['method not allowed', 'DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
];

describe('malformed requests over loopback', () => {
  it(`has at least 30 cases (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('%s', async (_name, bytes, expected) => {
    const reply = await exchange(bytes);
    if (expected === 'close') expect(reply).toBe('');
    else {
      expect(statusLine(reply)).toMatch(new RegExp(`^HTTP/1\\.1 ${expected} `));
      expect(reply).toContain('Content-Length: ');
      expect(reply).toContain('Date: ');
    }
    // The server still serves afterwards.
    const ok = await fetch(server.url, { signal: AbortSignal.timeout(5_000) });
    expect(ok.status).toBe(200);
    await ok.text();
  });
});

describe('serving', () => {
  it('serves files with fetch()', async () => {
    const response = await fetch(`${server.url}notes/hello.txt`, {
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('This file was served by the chapter 4 server.\n');
    const missing = await fetch(`${server.url}nope.txt`, { signal: AbortSignal.timeout(5_000) });
    expect(missing.status).toBe(404);
    await missing.text();
  });

  it('keeps the connection alive for several (pipelined) requests, then honours Connection: close', async () => {
    const get = 'GET /notes/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n';
    const post = 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello';
    const last = 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    const reply = await exchange(get + post + last);
    const statuses = reply.match(/HTTP\/1\.1 \d{3}/g);
    expect(statuses).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(reply).toContain('\r\n\r\nhello');
    expect(reply.endsWith('Connection: close\r\n\r\n')).toBe(true); // HEAD: no body
  });

  it('answers byte-by-byte requests', async () => {
    const socket = net.connect(server.port, server.host);
    socket.setNoDelay(true);
    const reply = new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no reply: ${text}`)), 5_000);
      socket.on('data', (c) => {
        text += c.toString();
        if (text.includes('\r\n\r\nhi')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
    await new Promise((r) => socket.once('connect', r));
    for (const ch of 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi')
      socket.write(ch);
    expect(statusLine(await reply)).toBe('HTTP/1.1 200 OK');
    socket.destroy();
  });

  it.skipIf(!existsSync('/usr/bin/curl'))('serves curl', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        '/usr/bin/curl',
        ['-sS', '--max-time', '10', '-i', `${server.url}notes/hello.txt`],
        { timeout: 15_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    expect(out).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(out).toContain('This file was served');
  });
});
