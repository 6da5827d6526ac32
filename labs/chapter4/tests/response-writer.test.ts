// Graded: exercise 2, frameResponse. Pure: no sockets.
import { describe, expect, it } from 'vitest';
import { frameResponse } from '../exercises/response-writer.ts';

const now = new Date(Date.UTC(2026, 10, 25, 4, 5, 6));
const DATE = 'Date: Wed, 25 Nov 2026 04:05:06 GMT\r\n';

describe('frameResponse', () => {
  it('frames a keep-alive 200', () => {
    expect(frameResponse(200, 'hello', { keepAlive: true, now }).toString()).toBe(
      `HTTP/1.1 200 OK\r\n${DATE}Content-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello`,
    );
  });

  it('adds Connection: close and uses the reason phrase', () => {
    expect(frameResponse(404, '', { keepAlive: false, now }).toString()).toBe(
      `HTTP/1.1 404 Not Found\r\n${DATE}Content-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  });

  it('counts bytes, not characters, and keeps binary bodies intact', () => {
    const text = frameResponse(200, 'é€', { keepAlive: true, now }).toString();
    expect(text).toContain('Content-Length: 5\r\n');
    const binary = frameResponse(200, new Uint8Array([0, 255, 13, 10]), {
      keepAlive: true,
      now,
      contentType: 'application/octet-stream',
    });
    expect(binary.subarray(binary.length - 4)).toEqual(Buffer.from([0, 255, 13, 10]));
    expect(binary.toString('latin1')).toContain(
      'Content-Type: application/octet-stream\r\nContent-Length: 4\r\n',
    );
  });

  it('refuses a content type that would inject headers', () => {
    // A fine content type works (so a function that always throws does not pass this test)...
    expect(
      frameResponse(200, '', { keepAlive: true, now, contentType: 'text/html' }).toString(),
    ).toContain('Content-Type: text/html\r\n');
    expect(() =>
      frameResponse(200, '', { keepAlive: true, now, contentType: 'text/html\r\nSet-Cookie: x=1' }),
    ).toThrow();
  });
});
