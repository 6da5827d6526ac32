// Graded: exercise 5, httpGet over a raw TCP socket, against loopback HTTP targets.
import { listenHttp } from '@netprog/testbed/fixtures';
import { describe, expect, it } from 'vitest';
import { httpGet } from '../exercises/http-get.ts';

const BODY = 'The quick brown fox jumps over the lazy dog.\n'.repeat(25); // 1125 bytes

describe('httpGet', () => {
  it('sends a correct GET request line, Host and Connection: close', async () => {
    await using target = await listenHttp({ body: 'ok' });
    await httpGet(`${target.url}hello?x=1`);
    expect(target.requests).toHaveLength(1);
    const [request] = target.requests;
    expect(request).toMatchObject({ method: 'GET', target: '/hello?x=1', version: 'HTTP/1.1' });
    expect(request!.headers.host).toBe(`127.0.0.1:${target.port}`);
    expect(request!.headers.connection?.toLowerCase()).toBe('close');
  });

  it('parses the status line and the headers', async () => {
    await using target = await listenHttp({
      status: 404,
      headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
      body: 'nothing here',
    });
    const response = await httpGet(target.url);
    expect(response.status).toBe(404);
    expect(response.reason).toBe('Not Found');
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.body.toString()).toBe('nothing here');
  });

  it('reads a body by Content-Length, and no further', async () => {
    await using target = await listenHttp({
      rawResponse: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhelloEXTRA',
    });
    expect((await httpGet(target.url)).body.toString()).toBe('hello');
  });

  it('decodes a chunked body', async () => {
    await using target = await listenHttp({ body: BODY, chunked: true, chunkSize: [1, 7, 100] });
    const response = await httpGet(target.url);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.body.toString()).toBe(BODY);
  });

  it('reads a body that ends when the server closes', async () => {
    await using target = await listenHttp({ body: BODY, noContentLength: true });
    expect((await httpGet(target.url)).body.toString()).toBe(BODY);
  });

  it('copes with a reply dribbled one byte at a time', async () => {
    await using target = await listenHttp({ body: 'slowly', dribble: true, dribbleIntervalMs: 0 });
    const response = await httpGet(target.url);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('slowly');
  });

  it('rejects a malformed status line with a clear error', async () => {
    await using target = await listenHttp({
      rawResponse: 'HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n',
    });
    await expect(httpGet(target.url)).rejects.toThrow(/status line/i);
  });

  it('rejects a server that closes mid-body, saying how many bytes were expected and received', async () => {
    const head = `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n`;
    await using target = await listenHttp({ body: BODY, closeAfterBytes: head.length + 250 });
    const error = await httpGet(target.url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(String(BODY.length));
    expect((error as Error).message).toContain('250');
  });
});
