import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParseResult, RequestHeadParser } from '../src/request-head-parser.ts';

const feed = (text: string | Buffer, splits: number[] = []): ParseResult => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  const parser = new RequestHeadParser({ maxHeadBytes: 1024, maxBodyBytes: 100 });
  let start = 0;
  let result: ParseResult = { kind: 'need-more' };
  for (const end of [
    ...splits.filter((s) => s > 0 && s < bytes.length).sort((a, b) => a - b),
    bytes.length,
  ]) {
    result = parser.push(bytes.subarray(start, end));
    start = end;
    if (result.kind !== 'need-more') return result;
  }
  return result;
};
const statusOf = (text: string) => {
  const result = feed(text);
  return result.kind === 'error' ? result.error.status : result.kind;
};

const GOOD = 'POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nX-Y:  z \r\n\r\nabcGET';

describe('RequestHeadParser', () => {
  it('parses a request line and headers, leaving the rest', () => {
    const result = feed(GOOD);
    expect(result.kind).toBe('head');
    if (result.kind !== 'head') return;
    expect(result.head).toMatchObject({
      method: 'POST',
      target: '/a?b=1',
      version: '1.1',
      contentLength: 3,
      keepAlive: true,
    });
    expect(result.head.headers).toEqual([
      ['host', 'x'],
      ['content-length', '3'],
      ['x-y', 'z'],
    ]);
    expect(result.rest.toString()).toBe('abcGET');
  });

  it('gives the same head however the bytes are split (byte by byte, random splits)', () => {
    // Only the head is compared: `rest` holds the bytes of the chunk that completed the head.
    const headOf = (r: ParseResult) => JSON.stringify(r.kind === 'head' ? r.head : r);
    const whole = headOf(feed(GOOD));
    const everyByte = Array.from({ length: GOOD.length }, (_, i) => i);
    expect(headOf(feed(GOOD, everyByte))).toBe(whole);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: GOOD.length }), { maxLength: 20 }),
        (splits) => {
          expect(headOf(feed(GOOD, splits))).toBe(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('waits for more when the head is incomplete, even after a lone CR', () => {
    expect(feed('GET / HTTP/1.1\r\nHost: x\r').kind).toBe('need-more');
  });

  it('knows keep-alive defaults for 1.0 and 1.1', () => {
    const keep = (text: string) => {
      const r = feed(text);
      return r.kind === 'head' ? r.head.keepAlive : undefined;
    };
    expect(keep('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toBe(false);
    expect(keep('GET / HTTP/1.0\r\n\r\n')).toBe(false);
    expect(keep('GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n')).toBe(true);
  });

  it.each([
    ['bare LF', 'GET / HTTP/1.1\nHost: x\n\n', 400],
    ['bare CR', 'GET / HTTP/1.1\rHost: x\r\n\r\n', 400],
    ['space before colon', 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', 400],
    ['obs-fold', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n', 400],
    [
      'two CLs that differ',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      400,
    ],
    ['negative CL', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400],
    [
      'CL and TE',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
      400,
    ],
    ['no Host in 1.1', 'GET / HTTP/1.1\r\n\r\n', 400],
    ['HTTP/2.0', 'GET / HTTP/2.0\r\nHost: x\r\n\r\n', 505],
    ['body too large', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n', 413],
    [
      'head too large (terminator present)',
      `GET / HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(1100)}\r\n\r\n`,
      431,
    ],
    ['head too large (terminator missing)', `GET / HTTP/1.1\r\nX: ${'a'.repeat(1100)}`, 431],
  ])('refuses %s', (_name, text, status) => {
    expect(statusOf(text)).toBe(status);
  });

  // RFC 9110 §8.6 lets a recipient either accept a repeated identical length or refuse it.
  // node:http (llhttp) refuses both forms; so does this parser, so the two never disagree on
  // where a body ends (a front end and a back end that disagree is request smuggling).
  it.each([
    ['a list of equal values', 'Content-Length: 2, 2'],
    ['two equal headers', 'Content-Length: 2\r\nContent-Length: 2'],
  ])('refuses a repeated Content-Length: %s', (_name, lines) => {
    expect(statusOf(`POST / HTTP/1.1\r\nHost: x\r\n${lines}\r\n\r\nab`)).toBe(400);
  });

  // Only SP and HTAB are optional whitespace (RFC 9110 §5.6.3). JavaScript's trim() also strips
  // U+00A0 (the byte 0xa0 read as latin1), \v, \f and more: a server using it reads 5 where
  // node:http refuses the request.
  it.each([
    ['NBSP before', 'Content-Length:\xa05'],
    ['NBSP after', 'Content-Length: 5\xa0'],
    ['NBSP inside a list', 'Content-Length: 5,\xa05'],
    ['vertical tab', 'Content-Length: \v5'],
    ['form feed', 'Content-Length: 5\f'],
    ["tab after (Node 20's node:http refuses it too)", 'Content-Length: 5\t'],
  ])('refuses whitespace other than SP around Content-Length: %s', (_name, line) => {
    expect(statusOf(`POST / HTTP/1.1\r\nHost: x\r\n${line}\r\n\r\nhello`)).toBe(400);
  });

  it('accepts SP and HTAB before a Content-Length and SP after it', () => {
    const length = (text: string) => {
      const r = feed(text);
      return r.kind === 'head' ? r.head.contentLength : r;
    };
    expect(length('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \t 5  \r\n\r\n')).toBe(5);
    expect(length('POST / HTTP/1.1\r\nHost: x\r\nContent-Length:5\r\n\r\n')).toBe(5);
  });

  it('reads Connection options without trim(): "close\\xa0" is not "close"', () => {
    const keep = (value: string) => {
      const r = feed(`GET / HTTP/1.1\r\nHost: x\r\nConnection: ${value}\r\n\r\n`);
      return r.kind === 'head' ? r.head.keepAlive : r;
    };
    expect(keep('close\xa0')).toBe(true);
    expect(keep('\tkeep-alive ,\tCLOSE ')).toBe(false);
  });

  // RFC 9112 §3.2: a Host that is not uri-host [ ":" port ] (RFC 3986 §3.2.2) is a 400.
  it.each([
    ['a b', 400],
    ['u@a', 400],
    ['a/b', 400],
    ['x:8o', 400],
    ['[::1', 400],
    ['a%zz', 400],
    ['x\xa0', 400],
    ['example.test', 'head'],
    ['example.test:8080', 'head'],
    ['127.0.0.1:', 'head'],
    ['[::1]:80', 'head'],
    ['[v1.fe80::a+en1]', 'head'],
    ["a-b_c~d!$&'()*+,;=%41", 'head'],
    ['', 'head'], // an empty Host is allowed when the target has no authority
  ] as const)('Host: %j -> %s', (host, expected) => {
    expect(statusOf(`GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toBe(expected);
  });

  // RFC 9112 §3.2: origin-form, absolute-form, authority-form (CONNECT), asterisk-form (OPTIONS).
  it.each([
    ['GET /a', 'head'],
    ['GET http://x/a', 'head'],
    ['GET HTTPS://x:443', 'head'],
    ['OPTIONS *', 'head'],
    ['CONNECT x.test:443', 'head'],
    ['GET !/', 400],
    ['GET a/b', 400],
    ['GET *', 400],
    ['GET x.test:443', 400],
    ['CONNECT /a', 400],
    ['GET http:/a', 400],
  ] as const)('target form: %s -> %s', (start, expected) => {
    expect(statusOf(`${start} HTTP/1.1\r\nHost: x\r\n\r\n`)).toBe(expected);
  });

  // 431 is for header fields (RFC 6585 §5); a target too long to read is 414 (RFC 9110 §15.5.15).
  it.each([
    ['complete', `GET /${'a'.repeat(1100)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['still arriving', `GET /${'a'.repeat(1100)}`],
  ])('answers 414 to a request line over the head limit (%s)', (_name, text) => {
    expect(statusOf(text)).toBe(414);
  });
});
