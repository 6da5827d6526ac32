// Graded: exercise 1, RequestHeadParser. Pure: no sockets.
import { describe, expect, it } from 'vitest';
import {
  type HeadResult,
  MAX_HEAD_BYTES,
  RequestHeadParser,
} from '../exercises/request-head-parser.ts';

/** The bytes as a message shows them: "GET / HTTP/1.1\r\n…", every CR and LF visible. */
const show = (text: string): string => JSON.stringify(text);

/** Pushes `text` (one byte per character) cut at `splits`; stops at the first final answer. */
function feed(text: string, splits: number[]): HeadResult {
  const bytes = Buffer.from(text, 'latin1');
  const parser = new RequestHeadParser();
  let start = 0;
  let result: HeadResult = { kind: 'need-more' };
  for (const end of [...splits, bytes.length]) {
    if (end <= start) continue;
    result = parser.push(bytes.subarray(start, end));
    start = end;
    if (result.kind !== 'need-more') return result;
  }
  return result;
}
const whole = (text: string) => feed(text, []);
/** 400, 431, 505, 'head' or 'need-more': what push() answered to `text` in one chunk. */
const status = (text: string) => {
  const r = whole(text);
  return r.kind === 'error' ? r.status : r.kind;
};
/** The head without `rest` (a split feed stops as soon as the head is complete). */
const head = (r: HeadResult) => (r.kind === 'head' ? { ...r, rest: undefined } : r);

// A small seeded generator so every run tests the same "random" splits.
function splitsFor(length: number, seed: number): number[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  const count = next() % 6;
  return Array.from({ length: count }, () => next() % length).sort((a, b) => a - b);
}

/** A complete GET head of exactly `length` bytes, CRLF CRLF included. */
function headOfLength(length: number): string {
  const start = 'GET / HTTP/1.1\r\nHost: a\r\nX: ';
  return `${start}${'a'.repeat(length - start.length - 4)}\r\n\r\n`;
}

// Two header values hold bytes above 0x7f: "café" in UTF-8 is 63 61 66 c3 a9, and a byte-by-byte
// feed cuts between c3 and a9. Decoding each chunk on its own breaks such characters.
const REQUEST =
  'POST /form?a=1 HTTP/1.1\r\nHost: example\r\nContent-Length: 4\r\nX-Name: caf\xc3\xa9\r\n' +
  'X-Pad:   spaced \t\r\n\r\nbody';

describe('RequestHeadParser', () => {
  it('parses a head in one chunk, with the body bytes in rest', () => {
    const r = whole(REQUEST);
    expect(r, `pushed ${show(REQUEST)}`).toMatchObject({
      kind: 'head',
      method: 'POST',
      target: '/form?a=1',
      version: '1.1',
    });
    if (r.kind !== 'head') return;
    expect(r.headers.map(([name]) => name)).toEqual(['host', 'content-length', 'x-name', 'x-pad']);
    expect(r.headers[0]).toEqual(['host', 'example']);
    expect(r.headers[3], 'spaces and tabs around a value are trimmed').toEqual(['x-pad', 'spaced']);
    expect(r.rest.toString(), 'rest: the bytes after CRLF CRLF').toBe('body');
  });

  it('keeps every header in order: duplicates, colons inside values, empty values', () => {
    const text =
      'GET / HTTP/1.1\r\nHost: example:8080\r\nSet-Cookie: a=1\r\nX-Time: 12:30:00\r\n' +
      'SET-COOKIE: b=2\r\nX-Empty:\r\n\r\n';
    const r = whole(text);
    expect(r.kind, `pushed ${show(text)}`).toBe('head');
    if (r.kind !== 'head') return;
    expect(r.headers, `the headers of ${show(text)}`).toEqual([
      ['host', 'example:8080'],
      ['set-cookie', 'a=1'],
      ['x-time', '12:30:00'],
      ['set-cookie', 'b=2'],
      ['x-empty', ''],
    ]);
  });

  it('trims only spaces and tabs around a value, never inside it', () => {
    // \xc2\xa0 is a no-break space in UTF-8: String.prototype.trim() would remove it, but it is
    // part of the value (HTTP's optional whitespace is space and tab only).
    const text =
      'GET / HTTP/1.1\r\nHost:\ta\r\nX-Words: \t two  words \t \r\nX-Nbsp: x\xc2\xa0\r\n\r\n';
    const r = whole(text);
    expect(r.kind, `pushed ${show(text)}`).toBe('head');
    if (r.kind !== 'head') return;
    const [host, words, nbsp] = r.headers.map(([, value]) => value);
    expect(host, 'a tab after the colon').toBe('a');
    expect(words, 'the spaces between two words stay').toBe('two  words');
    expect(
      nbsp?.startsWith('x') && nbsp.endsWith('\u00a0'),
      `X-Nbsp became ${show(nbsp ?? '')}`,
    ).toBe(true);
  });

  it('says need-more until the blank line arrives', () => {
    const parser = new RequestHeadParser();
    expect(parser.push(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n'))).toEqual({
      kind: 'need-more',
    });
    expect(parser.push(Buffer.from('\r')), 'after a lone "\\r"').toEqual({ kind: 'need-more' });
    expect(parser.push(Buffer.from('\n')).kind, 'after the final "\\n"').toBe('head');
  });

  it('gives the same head fed byte by byte', () => {
    const bytes = Array.from({ length: REQUEST.length }, (_, i) => i);
    expect(head(feed(REQUEST, bytes)), `${show(REQUEST)} one byte per push`).toEqual(
      head(whole(REQUEST)),
    );
  });

  it('gives the same head for 200 random splits', () => {
    const expected = head(whole(REQUEST));
    for (let seed = 1; seed <= 200; seed += 1) {
      const splits = splitsFor(REQUEST.length, seed);
      expect(head(feed(REQUEST, splits)), `${show(REQUEST)} cut at bytes ${splits}`).toEqual(
        expected,
      );
    }
  });

  it.each([
    ['a bare LF', 'GET / HTTP/1.1\nHost: a\n\n', 400],
    ['a bare LF in one header line', 'GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n', 400],
    ['two spaces in the request line', 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['a space before the method', ' GET / HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['a space after the version', 'GET / HTTP/1.1 \r\nHost: a\r\n\r\n', 400],
    ['a space inside the target', 'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['no version', 'GET /\r\nHost: a\r\n\r\n', 400],
    ['a lower-case "http/"', 'GET / http/1.1\r\nHost: a\r\n\r\n', 400],
    ['a space before the colon', 'GET / HTTP/1.1\r\nHost: a\r\nAccept : */*\r\n\r\n', 400],
    ['a tab before the colon', 'GET / HTTP/1.1\r\nHost: a\r\nAccept\t: */*\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: a\r\nnonsense\r\n\r\n', 400],
    ['a header with an empty name', 'GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n', 400],
    ['a folded header line (obs-fold)', 'GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n  c\r\n\r\n', 400],
    ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n', 400],
    ['HTTP/2.0', 'GET / HTTP/2.0\r\nHost: a\r\n\r\n', 505],
    ['HTTP/1.2', 'GET / HTTP/1.2\r\nHost: a\r\n\r\n', 505],
    ['HTTP/0.9', 'GET / HTTP/0.9\r\n\r\n', 505],
  ])('refuses %s', (_name, text, expected) => {
    expect(status(text), `pushed ${show(text)}`).toBe(expected);
  });

  it.each([
    ['HTTP/1.0 without Host', 'GET / HTTP/1.0\r\n\r\n', 'GET', '/'],
    ['a lower-case host header', 'GET /a HTTP/1.1\r\nhost: a\r\n\r\n', 'GET', '/a'],
    ['an upper-case HOST header', 'PUT /b HTTP/1.1\r\nHOST: a\r\n\r\n', 'PUT', '/b'],
    ['the asterisk form', 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n', 'OPTIONS', '*'],
    ['the absolute form', 'GET http://a/b?c HTTP/1.1\r\nHost: a\r\n\r\n', 'GET', 'http://a/b?c'],
  ])('accepts %s', (_name, text, method, target) => {
    expect(whole(text), `pushed ${show(text)}`).toMatchObject({ kind: 'head', method, target });
  });

  it('looks for bare LFs in the head only, not in the body after it', () => {
    const text = 'POST / HTTP/1.1\r\nHost: a\r\n\r\nline 1\nline 2\n';
    const r = whole(text);
    expect(r.kind, `pushed ${show(text)}`).toBe('head');
    if (r.kind === 'head') expect(r.rest.toString('latin1')).toBe('line 1\nline 2\n');
  });

  it('finds a bare LF before the head is complete', () => {
    expect(status('GET / HTTP/1.1\nHost'), `pushed ${show('GET / HTTP/1.1\nHost')}`).toBe(400);
  });

  it('answers 431 for a long head, even before its end arrives', () => {
    const long = `GET / HTTP/1.1\r\nHost: a\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    expect(status(`${long}\r\n\r\n`), `a complete head of ${long.length + 4} bytes`).toBe(431);
    expect(status(long), `the first ${long.length} bytes of a head, no blank line yet`).toBe(431);
  });

  it('draws the 431 line at exactly MAX_HEAD_BYTES bytes, CRLF CRLF included', () => {
    expect(status(headOfLength(MAX_HEAD_BYTES)), `a head of ${MAX_HEAD_BYTES} bytes`).toBe('head');
    expect(status(headOfLength(MAX_HEAD_BYTES + 1)), `a head of ${MAX_HEAD_BYTES + 1} bytes`).toBe(
      431,
    );
    // 'é' is 2 bytes in UTF-8: 4,200 of them are 8,400 bytes, though only 4,200 characters.
    const wide = `GET / HTTP/1.1\r\nHost: a\r\nX: ${'\xc3\xa9'.repeat(4_200)}\r\n\r\n`;
    expect(status(wide), 'a head of 8,431 bytes (4,200 two-byte characters)').toBe(431);
  });

  it('counts the head only: a short head followed by a long body is fine', () => {
    const start = 'POST / HTTP/1.1\r\nHost: a\r\n\r\n';
    const r = whole(`${start}${'b'.repeat(2 * MAX_HEAD_BYTES)}`);
    const pushed = `a ${start.length}-byte head and ${2 * MAX_HEAD_BYTES} body bytes in one push`;
    expect(r.kind, pushed).toBe('head');
    if (r.kind === 'head') expect(r.rest.length).toBe(2 * MAX_HEAD_BYTES);
  });
});
