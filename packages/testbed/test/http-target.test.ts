import { describe, expect, it } from 'vitest';
import { encodeChunked, listenHttp, serialiseResponse } from '../src/index.ts';
import { handlesSettleTo, openHandles } from './handles.ts';
import { exchange } from './raw-client.ts';

const GET = 'GET /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: A\r\nx-test: b\r\n\r\n';

describe('listenHttp', () => {
  it('records the request and sends a Content-Length response by default', async () => {
    const before = await openHandles();
    {
      await using target = await listenHttp({ headers: { 'X-Kind': 'fixed' }, body: 'hello' });
      expect(target.url).toBe(`http://127.0.0.1:${target.port}/`);
      const { bytes } = await exchange(target.port, GET);
      expect(bytes.toString()).toBe(
        'HTTP/1.1 200 OK\r\nX-Kind: fixed\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
      );
      expect(target.requests).toHaveLength(1);
      const [request] = target.requests;
      expect(request).toMatchObject({ method: 'GET', target: '/path?q=1', version: 'HTTP/1.1' });
      expect(request?.headers).toEqual({ host: '127.0.0.1', 'x-test': 'A, b' });
      expect(request?.raw.toString()).toBe(GET);
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });

  it('reads a request body by Content-Length', async () => {
    await using target = await listenHttp({ status: 201 });
    const post = 'POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{"a":1}';
    const { bytes } = await exchange(target.port, post);
    expect(bytes.toString()).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(target.requests[0]?.body.toString()).toBe('{"a":1}');
  });

  it('sends a chunked body with the chunk sizes asked for', async () => {
    await using target = await listenHttp({
      body: 'hello world',
      chunked: true,
      chunkSize: [4, 2],
    });
    const { bytes } = await exchange(target.port, GET);
    expect(bytes.toString()).toBe(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        '4\r\nhell\r\n2\r\no \r\n2\r\nwo\r\n2\r\nrl\r\n1\r\nd\r\n0\r\n\r\n',
    );
  });

  it('noContentLength: the body runs until the connection closes', async () => {
    await using target = await listenHttp({ body: 'to the end', noContentLength: true });
    const { bytes } = await exchange(target.port, GET);
    expect(bytes.toString()).toBe('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end');
  });

  it('delayMs holds the response back', async () => {
    await using target = await listenHttp({ delayMs: 150, body: 'late' });
    const { bytes, elapsedMs } = await exchange(target.port, GET);
    expect(bytes.toString()).toMatch(/late$/);
    // Timers may fire up to ~1 ms early relative to performance.now(); never much later here.
    expect(elapsedMs).toBeGreaterThanOrEqual(149);
  });

  it('dribble sends the response one byte per write', async () => {
    const shape = { body: 'drip', dribble: true, dribbleIntervalMs: 4 };
    await using target = await listenHttp(shape);
    const { bytes, chunks, elapsedMs } = await exchange(target.port, GET);
    expect(bytes.equals(serialiseResponse(shape))).toBe(true);
    // n bytes with a 4 ms pause after each: at least (n - 1) * 4 ms, and arriving in many reads.
    expect(elapsedMs).toBeGreaterThanOrEqual((bytes.length - 1) * 4);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(bytes.length);
  });

  it('closeAfterBytes cuts the response short and closes', async () => {
    const shape = { body: 'a body that never fully arrives', closeAfterBytes: 50 };
    await using target = await listenHttp(shape);
    const { bytes } = await exchange(target.port, GET);
    expect(bytes.length).toBe(50);
    expect(bytes.equals(serialiseResponse(shape).subarray(0, 50))).toBe(true);
  });

  it('rawResponse sends exactly the bytes given, malformed or not', async () => {
    await using target = await listenHttp({ rawResponse: 'HTTP/1.1 200\nbare LF\n\nx' });
    const { bytes } = await exchange(target.port, GET);
    expect(bytes.toString()).toBe('HTTP/1.1 200\nbare LF\n\nx');
  });

  it('routes by request, answers HEAD without a body, and works with fetch()', async () => {
    await using target = await listenHttp((request) =>
      request.target === '/json'
        ? { headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' }
        : { status: 404, body: 'no such page\n' },
    );
    const ok = await fetch(`${target.url}json`, { signal: AbortSignal.timeout(10_000) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(await ok.json()).toEqual({ ok: true });
    const missing = await fetch(`${target.url}nope`, { signal: AbortSignal.timeout(10_000) });
    expect([missing.status, missing.statusText, await missing.text()]).toEqual([
      404,
      'Not Found',
      'no such page\n',
    ]);
    const head = await exchange(target.port, 'HEAD /json HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(head.bytes.toString()).toMatch(/Content-Length: 11\r\nConnection: close\r\n\r\n$/);
    expect(target.requests.map((r) => `${r.method} ${r.target}`)).toEqual([
      'GET /json',
      'GET /nope',
      'HEAD /json',
    ]);
  });

  it('answers a malformed request with 400 and a thrown handler with 500', async () => {
    await using target = await listenHttp(() => {
      throw new Error('boom');
    });
    const bad = await exchange(target.port, 'NONSENSE\r\n\r\n');
    expect(bad.bytes.toString()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*bad request line/);
    const thrown = await exchange(target.port, GET);
    expect(thrown.bytes.toString()).toMatch(/^HTTP\/1\.1 500 [\s\S]*the handler threw: boom/);
  });

  it('refuses a shape it could not send, at start', async () => {
    await expect(listenHttp({ status: 42 })).rejects.toThrow(/status must be an integer/);
    await expect(listenHttp({ dribble: true, body: 'x'.repeat(10_000) })).rejects.toThrow(
      /at most 8192 bytes/,
    );
  });

  it('close() while a response is still delayed frees everything at once', async () => {
    const before = await openHandles();
    const target = await listenHttp({ delayMs: 60_000 });
    const pending = exchange(target.port, GET).catch(() => 'ended');
    // Wait until the request is in, so the delay timer is really running.
    while (target.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await target.close();
    await pending;
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});

describe('encodeChunked', () => {
  it('frames each chunk with its hex size and ends with a zero chunk', () => {
    expect(encodeChunked(Buffer.from('x'.repeat(20)), 16).toString()).toBe(
      `10\r\n${'x'.repeat(16)}\r\n4\r\nxxxx\r\n0\r\n\r\n`,
    );
    expect(encodeChunked(Buffer.alloc(0), 16).toString()).toBe('0\r\n\r\n');
  });
});
