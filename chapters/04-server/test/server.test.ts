// The server over loopback: real sockets, raw bytes, fetch() and (if installed) curl.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { within } from '@netprog/testbed/timing';
import fc from 'fast-check';
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
      if (request.target === '/bad-header') return { status: 200, headers: { X: 'a\r\nY: b' } };
      if (request.target === '/hang') return new Promise(() => {}); // never answers
      return staticHandler(SITE)(request);
    },
    limits: { maxHeadBytes: 2048, maxBodyBytes: 1000 },
    requestTimeoutMs: 400,
    keepAliveTimeoutMs: 5_000,
    handlerTimeoutMs: 400,
  });
});
afterAll(() => server.close());

/**
 * Sends raw bytes and collects everything until the server closes (bounded). With `halfClose`,
 * the client then shuts down its sending side (FIN), as a client does that has nothing more to say.
 * An array is sent piece by piece, each in its own write once the previous one has gone out.
 */
function exchange(
  bytes: string | Buffer | string[],
  halfClose = false,
  timeoutMs = 5_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, server.host);
    socket.setNoDelay(true);
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
    const pieces = Array.isArray(bytes) ? bytes : [bytes];
    const send = (i: number) => {
      if (i === pieces.length) {
        if (halfClose) socket.end();
        return;
      }
      socket.write(pieces[i] ?? '', () => setImmediate(send, i + 1));
    };
    send(0);
  });
}
const statusLine = (reply: string) => reply.split('\r\n', 1)[0] ?? '';

const big = 'a'.repeat(3000);
// Each malformed request must get this status (then Connection: close), or 'close' for a clean
// close without a response. The cases marked FIN half-close after sending (see exchange()).
const FIN = true;
const MALFORMED: Array<
  [name: string, bytes: string, expected: number | 'close', halfClose?: boolean]
> = [
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
  ['space before the method', ' GET / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['tab instead of space', 'GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['NUL in the target', 'GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['bad byte in a header name', 'GET / HTTP/1.1\r\nHost: x\r\nX@Y: a\r\n\r\n', 400],
  ['DEL in a header value', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\x7fb\r\n\r\n', 400],
  ['request line too long', `GET /${big} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
  [
    'target not starting with /',
    'GET http://x/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    400,
  ],
  [
    'handler sets a header with CRLF',
    'GET /bad-header HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    500,
  ],
  ['handler never answers', 'GET /hang HTTP/1.1\r\nHost: x\r\n\r\n', 503],
  ['partial head then FIN', 'GET / HTTP/1.1\r\nHost: x\r\n', 'close', FIN],
  [
    'short body then FIN',
    'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc',
    'close',
    FIN,
  ],
  ['only blank lines then FIN', '\r\n\r\n\r\n', 'close', FIN],
];

describe('malformed requests over loopback', () => {
  it(`has at least 30 cases (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('%s', async (_name, bytes, expected, halfClose = false) => {
    const reply = await exchange(bytes, halfClose);
    if (expected === 'close') expect(reply).toBe('');
    else {
      expect(statusLine(reply)).toMatch(new RegExp(`^HTTP/1\\.1 ${expected} `));
      expect(reply).toContain('Content-Length: ');
      expect(reply).toContain('Date: ');
      // One response only: whatever followed the bad request is not answered.
      expect(reply.match(/HTTP\/1\.1 \d{3} /g)).toHaveLength(1);
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

  it('answers 50 pipelined requests, sent in one write, in order', async () => {
    const requests = Array.from(
      { length: 50 },
      (_, i) => `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: ${String(i).length}\r\n\r\n${i}`,
    );
    const reply = await exchange(
      `${requests.join('')}GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    const bodies = [...reply.matchAll(/Content-Length: \d+\r\n\r\n(\d+)HTTP/g)].map((m) => m[1]);
    expect(bodies).toEqual(requests.map((_, i) => String(i)));
  });

  it('answers the same however TCP splits a pipeline (random splits)', async () => {
    const pipeline =
      'GET /notes/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n' +
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' +
      'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    const withoutDates = (reply: string) => reply.replace(/Date: [^\r]*\r\n/g, '');
    const whole = withoutDates(await exchange(pipeline));
    expect(whole.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: pipeline.length - 1 }), { maxLength: 8 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), pipeline.length];
          const pieces = at.slice(1).map((end, i) => pipeline.slice(at[i], end));
          expect(withoutDates(await exchange(pieces))).toBe(whole);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('answers a client that half-closes after its request (FIN), then closes too', async () => {
    // /notes/hello.txt goes through the async static handler: the FIN arrives before the answer.
    const file = await exchange('GET /notes/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n', true);
    expect(statusLine(file)).toBe('HTTP/1.1 200 OK');
    expect(file.endsWith('This file was served by the chapter 4 server.\n')).toBe(true);
    const echo = await exchange(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi',
      true,
    );
    expect(echo.endsWith('\r\n\r\nhi')).toBe(true);
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
    await within(once(socket, 'connect'), 2_000, `connect to ${server.host}:${server.port}`);
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

describe('a client that does not read', () => {
  it('is answered one response at a time, and dropped if it never reads', async () => {
    let calls = 0;
    const body = Buffer.alloc(4 * 1024 * 1024, 'x'); // more than the kernel buffers take at once
    await using bigServer = await startServer({
      handler: () => {
        calls += 1;
        return { status: 200, body };
      },
      requestTimeoutMs: 300,
    });
    const request = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';

    // Never reads: the first response fills the buffers, the nine others wait, and after 300 ms
    // without progress the server gives up on the connection. (The client, paused, would not even
    // see the close, so the test watches the server's count of open connections.)
    const idle = net.connect(bigServer.port, bigServer.host);
    idle.on('error', () => {});
    idle.pause();
    idle.write(request.repeat(10));
    await until(() => calls === 1 && bigServer.connections === 1, 5_000);
    const started = performance.now();
    await until(() => bigServer.connections === 0, 5_000);
    expect(performance.now() - started).toBeGreaterThan(200);
    expect(calls).toBe(1);
    idle.destroy();

    // Reads: all ten arrive, one after another.
    calls = 0;
    const reader = net.connect(bigServer.port, bigServer.host);
    let received = 0;
    await within(
      new Promise<void>((resolve, reject) => {
        reader.on('error', reject);
        reader.on('data', (chunk) => {
          received += chunk.length;
          if (received >= 10 * body.length) resolve();
        });
        reader.write(request.repeat(10));
      }),
      5_000,
      'all ten responses',
    );
    reader.destroy();
    expect(calls).toBe(10);
  });
});

/** Waits (bounded) until `condition` holds, checking between event-loop turns. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('many idle connections', () => {
  it('1,000 idle connections do not stop the server from answering a new client', async () => {
    // A server of its own, with the default timeouts: the suite's server would send 408s at 400 ms.
    await using idleServer = await startServer({ handler: () => ({ status: 200, body: 'ok' }) });
    const sockets: net.Socket[] = [];
    let closedEarly = 0;
    const connect = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(idleServer.port, idleServer.host);
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
        socket.once('close', () => {
          closedEarly += 1;
        });
        sockets.push(socket);
      });
    try {
      // In batches, so the listen backlog never overflows (an overflowing SYN is retried after 1 s).
      for (let batch = 0; batch < 10; batch += 1) {
        await within(
          Promise.all(Array.from({ length: 100 }, connect)),
          5_000,
          `batch ${batch} of 100 connects`,
        );
      }
      // Half of them have made a request and now sit idle between keep-alive requests; the other
      // half connected and said nothing.
      await within(
        Promise.all(
          sockets.slice(0, 500).map(
            (socket) =>
              new Promise<void>((resolve) => {
                socket.once('data', () => resolve());
                socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
              }),
          ),
        ),
        5_000,
        'the responses on 500 connections',
      );
      // A client's connect completes in the kernel, before the server's accept(): wait for those.
      await until(() => idleServer.connections === 1_000, 5_000);
      const started = performance.now();
      const response = await fetch(idleServer.url, { signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('ok');
      const ms = performance.now() - started;
      expect(closedEarly, 'idle connections the server dropped').toBe(0);
      expect(ms, 'time for the new client to be answered').toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
