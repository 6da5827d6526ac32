// Graded: exercise 2, frameResponse. Pure: no sockets.
import { describe, expect, it } from 'vitest';
import { frameResponse } from '../exercises/response-writer.ts';

const now = new Date(Date.UTC(2026, 10, 25, 4, 5, 6));
const DATE = 'Date: Wed, 25 Nov 2026 04:05:06 GMT\r\n';
const PLAIN = 'Content-Type: text/plain; charset=utf-8\r\n';

/** The bytes as a message shows them: "HTTP/1.1 200 OK\r\n…", every CR and LF visible. */
const show = (bytes: Uint8Array): string => JSON.stringify(Buffer.from(bytes).toString('latin1'));

/** Compares whole responses byte for byte, and shows both with escapes when they differ. */
function expectBytes(actual: Buffer, expected: Buffer | string): void {
  const wanted = typeof expected === 'string' ? Buffer.from(expected, 'latin1') : expected;
  expect(show(actual), `expected the bytes ${show(wanted)}`).toBe(show(wanted));
}

describe('frameResponse', () => {
  it('frames a keep-alive 200', () => {
    expectBytes(
      frameResponse(200, 'hello', { keepAlive: true, now }),
      `HTTP/1.1 200 OK\r\n${DATE}${PLAIN}Content-Length: 5\r\n\r\nhello`,
    );
  });

  it('adds Connection: close and uses the reason phrase', () => {
    expectBytes(
      frameResponse(404, '', { keepAlive: false, now }),
      `HTTP/1.1 404 Not Found\r\n${DATE}${PLAIN}Content-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  });

  it.each([
    [201, 'Created'],
    [301, 'Moved Permanently'],
    [408, 'Request Timeout'],
    [503, 'Service Unavailable'],
    [599, 'Unknown'],
  ])('writes the status line of a %i: %s', (status, reason) => {
    const text = frameResponse(status, '', { keepAlive: true, now }).toString('latin1');
    expect(text.split('\r\n')[0], `the response was ${JSON.stringify(text)}`).toBe(
      `HTTP/1.1 ${status} ${reason}`,
    );
  });

  it('counts bytes, not characters, and sends a string body as UTF-8', () => {
    // 'é' is 2 bytes in UTF-8 and '€' is 3: 2 characters, 5 bytes.
    expectBytes(
      frameResponse(200, 'é€', { keepAlive: true, now }),
      Buffer.concat([
        Buffer.from(`HTTP/1.1 200 OK\r\n${DATE}${PLAIN}Content-Length: 5\r\n\r\n`),
        Buffer.from('é€', 'utf8'),
      ]),
    );
  });

  it('keeps binary bodies intact, including a view into a bigger buffer', () => {
    const head = `HTTP/1.1 200 OK\r\n${DATE}Content-Type: application/octet-stream\r\n`;
    const options = { keepAlive: true, now, contentType: 'application/octet-stream' };
    expectBytes(
      frameResponse(200, new Uint8Array([0, 255, 13, 10]), options),
      Buffer.concat([
        Buffer.from(`${head}Content-Length: 4\r\n\r\n`),
        Buffer.from([0, 255, 13, 10]),
      ]),
    );
    // Bytes 2 to 6 of a 9-byte buffer: body.buffer would be all 9 of them.
    const view = Buffer.from('xxhelloxx').subarray(2, 7);
    expectBytes(frameResponse(200, view, options), `${head}Content-Length: 5\r\n\r\nhello`);
  });

  it.each([
    ['CR LF', 'text/html\r\nSet-Cookie: admin=1'],
    ['a bare LF', 'text/html\nSet-Cookie: admin=1'],
    ['a bare CR', 'text/html\rSet-Cookie: admin=1'],
    ['a CR LF at the end', 'text/html\r\n'],
  ])('refuses a content type with %s (header injection), naming it', (_name, contentType) => {
    // A fine content type works (so a function that always throws does not pass this test)...
    expectBytes(
      frameResponse(200, '', { keepAlive: true, now, contentType: 'text/html' }),
      `HTTP/1.1 200 OK\r\n${DATE}Content-Type: text/html\r\nContent-Length: 0\r\n\r\n`,
    );
    // ...and the bad one throws an Error whose message shows the value (as is, or escaped).
    let written: Buffer | undefined;
    let thrown: unknown;
    try {
      written = frameResponse(200, '', { keepAlive: true, now, contentType });
    } catch (error) {
      thrown = error;
    }
    expect(written && show(written), `contentType ${JSON.stringify(contentType)}`).toBeUndefined();
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    const named = message.includes(contentType) || message.includes(JSON.stringify(contentType));
    expect(named, `the message ${JSON.stringify(message)} should show the content type`).toBe(true);
  });
});
