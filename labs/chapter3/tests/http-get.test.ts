// Graded: exercise 5, httpGet over a raw TCP socket, against loopback HTTP targets.
import { once } from 'node:events';
import net from 'node:net';
import { listenHttp, listenTcp } from '@netprog/testbed/fixtures';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { type HttpResponse, httpGet } from '../exercises/http-get.ts';
import { watchConnects } from './support.ts';

const BODY = 'The quick brown fox jumps over the lazy dog.\n'.repeat(25); // 1125 bytes

/** Bytes as a JavaScript string literal, escapes and all: what a failing check shows. */
const shown = (bytes: Buffer | string): string =>
  JSON.stringify(typeof bytes === 'string' ? bytes : bytes.toString('latin1'));

/** httpGet, given 5 s at most: code that never settles fails with a message, not a hang. */
const get = (url: string, timeoutMs?: number): Promise<HttpResponse> =>
  within(httpGet(url, timeoutMs), 5_000, `httpGet(${JSON.stringify(url)}) settling`);

/** The body httpGet returned, as text a failing check can show byte for byte. */
const bodyOf = async (url: string): Promise<string> => (await get(url)).body.toString('latin1');

/**
 * A server on `host` that keeps each request's bytes and answers at its first blank line, even
 * one made of bare \n, so that a request with the wrong line ends fails at once, its bytes shown.
 * On 127.0.0.1 it is a testbed fixture, so a failing check also shows the wire.
 */
async function requestRecorder(host: string) {
  const requests: string[] = [];
  const answer = (socket: net.Socket) => {
    socket.on('error', () => {});
    let request = '';
    socket.on('data', (chunk: Buffer) => {
      request += chunk.toString('latin1');
      if (!/\r?\n\r?\n/.test(request)) return;
      requests.push(request);
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
  };
  if (host === '127.0.0.1') {
    const fixture = await listenTcp(answer, { label: 'request recorder' });
    return { port: fixture.port, requests, [Symbol.asyncDispose]: () => fixture.close() };
  }
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    answer(socket);
  });
  server.listen({ host, port: 0 });
  await within(once(server, 'listening'), 2_000, `listen on ${host}`);
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    [Symbol.asyncDispose]: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Can this machine listen on ::1? (IPv6 may be disabled.) */
async function ipv6Works(): Promise<boolean> {
  const probe = net.createServer();
  try {
    probe.listen({ host: '::1', port: 0 });
    await within(once(probe, 'listening'), 2_000, 'listen on ::1');
    return true;
  } catch {
    return false;
  } finally {
    if (probe.listening) await new Promise((resolve) => probe.close(resolve));
  }
}

const ipv6 = await ipv6Works();

/** How httpGet ends for a server sending `reply` (cut after `closeAfterBytes`): its error message. */
async function failureFor(reply: string | Buffer, closeAfterBytes?: number): Promise<string> {
  await using target = await listenHttp({ rawResponse: reply, closeAfterBytes });
  // `return await`: the target must stay open until httpGet is done.
  return await get(target.url, 2_000).then(
    (response) => `resolved with status ${response.status}, body ${shown(response.body)}`,
    (error: Error) => error.message,
  );
}

describe('httpGet', () => {
  it('sends a correct GET request: request line, Host, Connection: close, every line ending in \\r\\n', async () => {
    await using target = await requestRecorder('127.0.0.1');
    await get(`http://127.0.0.1:${target.port}/hello?x=1`);
    expect(target.requests, 'requests received').toHaveLength(1);
    const request = target.requests[0] ?? '';
    const yours = `your request was ${shown(request)}`;
    expect(request, yours).toMatch(/^GET \/hello\?x=1 HTTP\/1\.1\r\n/);
    expect(request, yours).toMatch(
      new RegExp(`\\r\\nhost: 127\\.0\\.0\\.1:${target.port}\\r\\n`, 'i'),
    );
    expect(request, yours).toMatch(/\r\nconnection: close\r\n/i);
    expect(
      request.endsWith('\r\n\r\n'),
      `${yours}: it must end with a blank line, \\r\\n\\r\\n`,
    ).toBe(true);
    expect(request.replaceAll('\r\n', ''), `${yours}: every line must end in \\r\\n`).not.toContain(
      '\n',
    );
  });

  it('connects to port 80 when the URL gives no port, and sends Host without one', async () => {
    await using target = await requestRecorder('127.0.0.1');
    // The grader sends your connect to port 80 on to its own server: no test binds port 80.
    watchConnects({ redirect: new Map([[80, target.port]]) });
    expect(await bodyOf('http://127.0.0.1/no-port')).toBe('ok');
    const request = target.requests[0] ?? '';
    expect(request, `your request was ${shown(request)}`).toMatch(
      /^GET \/no-port HTTP\/1\.1\r\n(.+\r\n)*host: 127\.0\.0\.1\r\n/i,
    );
  });

  it.runIf(ipv6)(
    'connects to an IPv6 literal URL, http://[::1]:port/, with the brackets in Host only',
    async () => {
      await using target = await requestRecorder('::1');
      expect(await bodyOf(`http://[::1]:${target.port}/six`)).toBe('ok');
      const request = target.requests[0] ?? '';
      expect(request, `your request was ${shown(request)}`).toMatch(
        new RegExp(`\\r\\nhost: \\[::1\\]:${target.port}\\r\\n`, 'i'),
      );
    },
  );

  it('parses the status line and the headers, joining a repeated header with ", "', async () => {
    await using target = await listenHttp({
      status: 404,
      headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain', 'X-Multi': ['a', 'b c'] },
      body: 'nothing here',
    });
    const response = await get(target.url);
    expect(response.status).toBe(404);
    expect(response.reason).toBe('Not Found');
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['x-multi'], 'X-Multi: a and X-Multi: b c').toBe('a, b c');
    expect(response.body.toString()).toBe('nothing here');
  });

  it('accepts a status line without a reason phrase, and an empty body', async () => {
    const reply = 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n';
    await using target = await listenHttp({ rawResponse: reply });
    const response = await get(target.url);
    expect(
      { status: response.status, reason: response.reason, body: shown(response.body) },
      `the server sent ${shown(reply)}`,
    ).toEqual({ status: 200, reason: '', body: '""' });
  });

  it('reads a body by Content-Length, and no further', async () => {
    const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhelloEXTRA';
    await using target = await listenHttp({ rawResponse: reply });
    expect(await bodyOf(target.url), `the server sent ${shown(reply)}`).toBe('hello');
  });

  it('counts Content-Length in bytes and returns the body bytes unchanged', async () => {
    // 'héllo ✓' is 10 bytes in UTF-8 (é is 2, ✓ is 3), then 4 bytes that are not text at all.
    const body = Buffer.concat([Buffer.from('héllo ✓'), Buffer.from([0xff, 0x00, 0x80, 0x0a])]);
    const reply = Buffer.concat([
      Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`),
      body,
      Buffer.from('EXTRA'),
    ]);
    await using target = await listenHttp({ rawResponse: reply });
    expect(await bodyOf(target.url), `the server sent ${shown(reply)}`).toBe(
      body.toString('latin1'),
    );
  });

  it('decodes a chunked body in chunks of 1, 7 and 100 bytes, \\r\\n inside the data included', async () => {
    const body = 'line1\r\nline2\r\n'.repeat(40); // CRLFs in the data, and chunk ends cut through them
    await using target = await listenHttp({ body, chunked: true, chunkSize: [1, 7, 100] });
    const response = await get(target.url);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.body.toString('latin1')).toBe(body);
  });

  it('reads chunk sizes in either case of hex, ignoring chunk extensions', async () => {
    const reply =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      'A ;name=value\r\n0123456789\r\n' + // A = 10, with an extension after ' ;'
      '1a\r\nabcdefghijklmnopqrstuvwxyz\r\n' + // 1a = 26
      '0\r\n\r\n';
    await using target = await listenHttp({ rawResponse: reply });
    expect(await bodyOf(target.url), `the server sent ${shown(reply)}`).toBe(
      '0123456789abcdefghijklmnopqrstuvwxyz',
    );
  });

  it('lets Transfer-Encoding: chunked win over a Content-Length sent with it', async () => {
    // RFC 9112 §6.3: with both, Transfer-Encoding decides. Reading by the other header is how
    // request smuggling starts.
    const reply =
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    await using target = await listenHttp({ rawResponse: reply });
    expect(await bodyOf(target.url), `the server sent ${shown(reply)}`).toBe('hello world');
  });

  it('reads a body that ends when the server closes, also under a Transfer-Encoding other than chunked', async () => {
    await using target = await listenHttp({ body: BODY, noContentLength: true });
    expect(await bodyOf(target.url)).toBe(BODY);
    // gzip without chunked: the body is the (compressed) bytes up to the close; httpGet does not
    // decompress, so they come back as they are.
    const reply = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n5\r\nnot chunked';
    await using gzipped = await listenHttp({ rawResponse: reply });
    expect(await bodyOf(gzipped.url), `the server sent ${shown(reply)}`).toBe('5\r\nnot chunked');
  });

  it('copes with a chunked reply dribbled one byte at a time', async () => {
    await using target = await listenHttp({
      body: 'hello\r\nworld',
      chunked: true,
      chunkSize: 4,
      dribble: true,
      dribbleIntervalMs: 0,
    });
    const response = await get(target.url);
    expect(response.status).toBe(200);
    expect(response.body.toString('latin1')).toBe('hello\r\nworld');
  });

  it('rejects a malformed status line with a short, clear error', async () => {
    const rest = '\r\nContent-Length: 0\r\n\r\n';
    const statusLines = [
      'HTTP/1.1 OK', // no status code
      'SSH-2.0-OpenSSH_9.6', // not an HTTP server at all
      '<html>HTTP/1.1 200 OK', // not at the start of the line
      'HTTP/1.1 200 OK\nX-Injected: 1', // a bare \n inside the line
      `HTTP/1.1 200 ${'x'.repeat(5_000)}\r`, // a stray \r, and a very long line
    ];
    for (const statusLine of statusLines) {
      const message = await failureFor(statusLine + rest);
      const what = `httpGet on a reply starting ${shown(statusLine.slice(0, 60))}`;
      expect(message, what).toMatch(/status line/i);
      expect(message.length, `${what}: the message should be one short line`).toBeLessThan(300);
    }
  });

  it('rejects a reply whose head is cut short or malformed, saying what is wrong', async () => {
    const cut = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    expect(await failureFor(cut, 25), `a reply cut after ${shown(cut.slice(0, 25))}`).toMatch(
      /closed/i,
    );
    for (const line of ['X-No-Colon', ': no-name']) {
      const reply = `HTTP/1.1 200 OK\r\n${line}\r\nContent-Length: 0\r\n\r\n`;
      expect(await failureFor(reply), `a reply with the header line ${shown(line)}`).toMatch(
        /header/i,
      );
    }
    for (const length of ['five', '-5', '5x']) {
      const reply = `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\nhello`;
      expect(await failureFor(reply), `a reply with Content-Length: ${length}`).toMatch(
        /content-length/i,
      );
    }
  });

  it('rejects a chunked body that is cut short or malformed, saying what is wrong', async () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    for (const size of ['5x', 'x5']) {
      const reply = `${head}${size}\r\nhello\r\n0\r\n\r\n`;
      expect(await failureFor(reply), `a chunk size of ${shown(size)}`).toMatch(/chunk size/i);
    }
    // A 100-byte chunk (64 in hex) of which only 40 bytes arrive.
    const long = `${head}64\r\n${'x'.repeat(100)}\r\n0\r\n\r\n`;
    const midChunk = await failureFor(long, head.length + 4 + 40);
    expect(midChunk, 'a 100-byte chunk cut after 40 bytes').toContain('100');
    expect(midChunk, 'a 100-byte chunk cut after 40 bytes').toContain('40');
    // Whole chunks, but the closing 0-size chunk never comes.
    const unfinished = `${head}5\r\nhello\r\n`;
    expect(
      await failureFor(unfinished),
      `the server sent ${shown(unfinished)}, then closed`,
    ).toMatch(/closed/i);
  });

  it('rejects a server that closes mid-body, saying how many bytes were expected and received', async () => {
    const head = `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n`;
    await using target = await listenHttp({ body: BODY, closeAfterBytes: head.length + 250 });
    const error = await get(target.url).then(
      (response) => `resolved with a body of ${response.body.length} bytes`,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(String(BODY.length));
    expect((error as Error).message).toContain('250');
  });

  it('gives up after timeoutMs on a server that never answers', async () => {
    await using target = await listenHttp({ delayMs: 10_000, body: 'too late' });
    const started = performance.now();
    const outcome = await within(
      httpGet(target.url, 150).then(
        (response) => `resolved with status ${response.status}`,
        (error: unknown) => error,
      ),
      3_000,
      'httpGet(…, 150) against a server that never answers',
    );
    expect(outcome).toBeInstanceOf(Error);
    // A timer never fires early, so 150 ms is enough to tell waiting from giving up at once.
    expect(performance.now() - started).toBeGreaterThanOrEqual(125);
  });
});
