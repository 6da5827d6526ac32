import { describe, expect, it } from 'vitest';
import { frameResponse } from '../src/response-writer.ts';

const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

describe('frameResponse', () => {
  it('writes Date, Content-Type and Content-Length', () => {
    const text = frameResponse({ status: 200, body: 'héllo' }, { keepAlive: true, now }).toString();
    expect(text).toBe(
      'HTTP/1.1 200 OK\r\nDate: Fri, 02 Jan 2026 03:04:05 GMT\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nhéllo',
    );
  });

  it('adds Connection: close and overrides handler framing headers', () => {
    const text = frameResponse(
      { status: 404, headers: { 'content-length': '99', 'Content-Type': 'text/html' } },
      { keepAlive: false, now },
    ).toString();
    expect(text).toContain('HTTP/1.1 404 Not Found\r\n');
    expect(text).toContain('Content-Length: 0\r\n');
    expect(text).not.toContain('99');
    expect(text).toContain('content-type: text/html\r\n'.replace('content-type', 'Content-Type'));
    expect(text.endsWith('Connection: close\r\n\r\n')).toBe(true);
  });

  it('sends no body for HEAD but keeps its length', () => {
    const text = frameResponse(
      { status: 200, body: 'abc' },
      { keepAlive: true, headOnly: true, now },
    ).toString();
    expect(text).toContain('Content-Length: 3\r\n');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('refuses CR/LF in a header value (response splitting)', () => {
    expect(() =>
      frameResponse({ status: 200, headers: { X: 'a\r\nSet-Cookie: b' } }, { keepAlive: true }),
    ).toThrow(/CR or LF/);
  });
});
