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
import { MALFORMED, TEST_LIMITS } from './malformed-requests.ts';
import { exchange as rawExchange } from './raw-exchange.ts';

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
    limits: TEST_LIMITS,
    requestTimeoutMs: 400,
    keepAliveTimeoutMs: 5_000,
    handlerTimeoutMs: 400,
  });
});
afterAll(() => server.close());

const exchange = (bytes: string | Buffer | string[], halfClose = false, timeoutMs = 5_000) =>
  rawExchange(server, bytes, halfClose, timeoutMs);
const statusLine = (reply: string) => reply.split('\r\n', 1)[0] ?? '';

describe('malformed requests over loopback', () => {
  it(`has at least 30 cases (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('$name', async ({ bytes, expected, fin = false }) => {
    const reply = await exchange(bytes, fin);
    if (expected === 'close') expect(reply).toBe('');
    else {
      expect(statusLine(reply)).toMatch(new RegExp(`^HTTP/1\\.1 ${expected} `));
      expect(reply).toContain('Content-Length: ');
      expect(reply).toContain('Date: ');
      // One response only: whatever followed the bad request is not answered.
      expect(reply.match(/HTTP\/1\.1 \d{3} /g)).toHaveLength(1);
    }
    // The server still serves afterwards. (/echo answers at once: the file handler could take
    // longer than this server's 400 ms handler deadline on a busy machine, and get a 503.)
    const ok = await fetch(`${server.url}echo`, { signal: AbortSignal.timeout(5_000) });
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

  it('serves a target in absolute-form, as RFC 9112 §3.2.2 requires of a server', async () => {
    const reply = await exchange(
      'GET http://x/notes/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(statusLine(reply)).toBe('HTTP/1.1 200 OK');
    expect(reply.endsWith('This file was served by the chapter 4 server.\n')).toBe(true);
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
  // The server's 300 ms is the subject; the test's own bounds only end a hung run, so they are wide
  // enough for a machine with both cores busy (the waits end on the event, not on the bound).
  it('is answered one response at a time, and dropped if it never reads', {
    timeout: 45_000,
  }, async () => {
    let calls = 0;
    // When the first request reached the handler: an event to wait on, and the clock's start.
    let firstCallAt = 0;
    let firstCall: () => void = () => {};
    const firstResponse = new Promise<void>((resolve) => {
      firstCall = resolve;
    });
    // The kernel buffers what the client does not read: up to tcp_wmem's maximum on the server's
    // side and tcp_rmem's on the client's, which Linux grows while data flows (4 MiB and 32 MiB
    // here). So some responses may fit before the server has to wait; never all ten of 8 MiB.
    const body = Buffer.alloc(8 * 1024 * 1024, 'x');
    // For the client that reads: ten in a row need not be big (80 MiB would only cost time).
    const small = Buffer.alloc(64 * 1024, 'x');
    await using bigServer = await startServer({
      handler: (request) => {
        calls += 1;
        if (calls === 1) {
          firstCallAt = performance.now();
          firstCall();
        }
        return { status: 200, body: request.target === '/small' ? small : body };
      },
      requestTimeoutMs: 300,
    });
    const request = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';

    // Never reads: the first responses fill the buffers, the others wait, and after 300 ms
    // without progress the server gives up on the connection. (The client, paused, would not even
    // see the close, so the test watches the server's count of open connections.)
    const idle = net.connect(bigServer.port, bigServer.host);
    try {
      idle.on('error', () => {});
      idle.pause();
      idle.write(request.repeat(10));
      // Waited for as an event: the connection is open only for the server's 300 ms, which a
      // check on a busy machine can miss entirely.
      await within(firstResponse, 15_000, 'the first request reaching the handler');
      await until(() => bigServer.connections === 0, 15_000, 'the server dropping the connection');
      // A lower bound only: a busy machine can make the server late, never early.
      expect(performance.now() - firstCallAt).toBeGreaterThan(200);
      // One response at a time: the server ran the handler only for what the buffers took.
      expect(calls).toBeGreaterThanOrEqual(1);
      expect(calls).toBeLessThan(10);
    } finally {
      idle.destroy();
    }

    // Reads: all ten arrive, one after another.
    calls = 0;
    const smallRequest = 'GET /small HTTP/1.1\r\nHost: x\r\n\r\n';
    const reader = net.connect(bigServer.port, bigServer.host);
    try {
      let received = 0;
      await within(
        new Promise<void>((resolve, reject) => {
          reader.on('error', reject);
          reader.on('data', (chunk) => {
            received += chunk.length;
            if (received >= 10 * small.length) resolve();
          });
          reader.write(smallRequest.repeat(10));
        }),
        15_000,
        'all ten responses',
      );
    } finally {
      reader.destroy();
    }
    expect(calls).toBe(10);
  });
});

/**
 * Waits (bounded) until `condition` holds, checking every few milliseconds: a check on every
 * event-loop turn would keep this process busy, and on a loaded machine take CPU from the server
 * it is waiting for.
 */
async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('many idle connections', () => {
  // The answer's upper bound can only be missed by load (a busy machine makes things late, never
  // early), so it gets two more tries; the waits before it are bounded wide, for a busy machine.
  it('1,000 idle connections do not stop the server from answering a new client', {
    retry: 2,
    timeout: 60_000,
  }, async () => {
    // A server of its own, with timeouts far longer than the test: the suite's server would send
    // 408s at 400 ms, and the default 5 s keep-alive could close idle ones on a slow machine.
    await using idleServer = await startServer({
      handler: () => ({ status: 200, body: 'ok' }),
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 120_000,
    });
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
          10_000,
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
        10_000,
        'the responses on 500 connections',
      );
      // A client's connect completes in the kernel, before the server's accept(): wait for those.
      await until(() => idleServer.connections === 1_000, 10_000, '1,000 accepted connections');
      const started = performance.now();
      const response = await fetch(idleServer.url, { signal: AbortSignal.timeout(10_000) });
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
