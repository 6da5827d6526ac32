import { SocketError, SocketTimeoutError } from '@netprog/socket-core';
import { closedPort, listenHttp } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { buildGetRequest, HttpUrlError, httpGet, parseHttpUrl } from '../src/http-get.ts';
import { HttpParseError } from '../src/http-response-parser.ts';

const BODY = 'x'.repeat(1000);

describe('parseHttpUrl and buildGetRequest', () => {
  it('splits a URL and writes the request line and Host', () => {
    const url = parseHttpUrl('http://127.0.0.1:8080/a/b?c=1');
    expect(url).toEqual({
      host: '127.0.0.1',
      port: 8080,
      path: '/a/b?c=1',
      hostHeader: '127.0.0.1:8080',
    });
    expect(buildGetRequest(url)).toBe(
      'GET /a/b?c=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: netprog-ch03\r\nAccept: */*\r\nConnection: close\r\n\r\n',
    );
    expect(parseHttpUrl('http://[::1]/')).toMatchObject({
      host: '::1',
      port: 80,
      path: '/',
      hostHeader: '[::1]',
    });
  });

  it('refuses what it cannot fetch, with a reason', () => {
    expect(() => parseHttpUrl('https://127.0.0.1/')).toThrow(/TLS/);
    expect(() => parseHttpUrl('ftp://127.0.0.1/')).toThrow(HttpUrlError);
    expect(() => parseHttpUrl('127.0.0.1:80')).toThrow(HttpUrlError);
    expect(() => parseHttpUrl('not a url')).toThrow(/not a URL/);
    expect(() =>
      buildGetRequest(parseHttpUrl('http://127.0.0.1/'), { 'X-A': 'b\r\nEvil: 1' }),
    ).toThrow(/line break/);
  });
});

describe('httpGet (against a loopback target)', () => {
  it('sends one well-formed request and reads a Content-Length body', async () => {
    await using target = await listenHttp({ body: BODY, headers: { 'X-Test': 'yes' } });
    const response = await httpGet(`${target.url}path?q=1`, { timeoutMs: 2_000 });
    expect(response).toMatchObject({ status: 200, reason: 'OK', framing: 'content-length' });
    expect(response.body.toString()).toBe(BODY);
    expect(response.headers).toContainEqual(['X-Test', 'yes']);
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0]).toMatchObject({
      method: 'GET',
      target: '/path?q=1',
      version: 'HTTP/1.1',
    });
    expect(target.requests[0]!.headers).toMatchObject({
      host: `127.0.0.1:${target.port}`,
      connection: 'close',
    });
    expect(response.remote).toEqual(['127.0.0.1', target.port]);
  });

  it('reads a chunked body', async () => {
    await using target = await listenHttp({ body: BODY, chunked: true, chunkSize: [1, 7, 100] });
    const response = await httpGet(target.url);
    expect(response.framing).toBe('chunked');
    expect(response.body.toString()).toBe(BODY);
  });

  it('reads a body that ends when the server closes', async () => {
    await using target = await listenHttp({ body: BODY, noContentLength: true });
    const response = await httpGet(target.url);
    expect(response.framing).toBe('until-close');
    expect(response.body.toString()).toBe(BODY);
  });

  it('copes with a reply dribbled one byte at a time', async () => {
    await using target = await listenHttp({ body: 'hello', dribble: true, dribbleIntervalMs: 0 });
    const response = await httpGet(target.url);
    expect(response.body.toString()).toBe('hello');
    expect(response.recvCalls).toBeGreaterThan(10);
  });

  it('fails clearly on a malformed status line', async () => {
    await using target = await listenHttp({ rawResponse: 'SSH-2.0-OpenSSH_9.2\r\n\r\n' });
    const failure = httpGet(target.url);
    await expect(failure).rejects.toBeInstanceOf(HttpParseError);
    await expect(failure).rejects.toThrow(/malformed status line "SSH-2\.0-OpenSSH_9\.2"/);
  });

  it('fails clearly when the server closes mid-body, saying how much was missing', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n';
    await using target = await listenHttp({ body: BODY, closeAfterBytes: head.length + 250 });
    const failure = httpGet(target.url);
    await expect(failure).rejects.toMatchObject({
      code: 'EARLY_CLOSE',
      expected: 1000,
      received: 250,
    });
  });

  it('fails clearly when a chunked body is cut short', async () => {
    await using target = await listenHttp({ body: BODY, chunked: true, closeAfterBytes: 200 });
    await expect(httpGet(target.url)).rejects.toMatchObject({ code: 'EARLY_CLOSE' });
  });

  it('times out on a server that never answers', async () => {
    await using target = await listenHttp({ body: 'late', delayMs: 2_000 });
    const started = performance.now();
    await expect(httpGet(target.url, { timeoutMs: 150 })).rejects.toBeInstanceOf(
      SocketTimeoutError,
    );
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection as a SocketError', async () => {
    await using closed = await closedPort();
    await expect(httpGet(`http://127.0.0.1:${closed.port}/`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await expect(httpGet(`http://127.0.0.1:${closed.port}/`)).rejects.toBeInstanceOf(SocketError);
  });
});
