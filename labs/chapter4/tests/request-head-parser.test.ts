// Graded: exercise 1, RequestHeadParser. Pure: no sockets.
import { describe, expect, it } from 'vitest';
import {
  type HeadResult,
  MAX_HEAD_BYTES,
  RequestHeadParser,
} from '../exercises/request-head-parser.ts';

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
const status = (text: string) => {
  const r = whole(text);
  return r.kind === 'error' ? r.status : r.kind;
};

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

const REQUEST =
  'POST /form?a=1 HTTP/1.1\r\nHost: example\r\nContent-Length: 4\r\nX-Pad:   spaced \t\r\n\r\nbody';

describe('RequestHeadParser', () => {
  it('parses a head in one chunk, with the body bytes in rest', () => {
    const r = whole(REQUEST);
    expect(r).toMatchObject({ kind: 'head', method: 'POST', target: '/form?a=1', version: '1.1' });
    if (r.kind !== 'head') return;
    expect(r.headers).toEqual([
      ['host', 'example'],
      ['content-length', '4'],
      ['x-pad', 'spaced'],
    ]);
    expect(r.rest.toString()).toBe('body');
  });

  it('says need-more until the blank line arrives', () => {
    const parser = new RequestHeadParser();
    expect(parser.push(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n'))).toEqual({
      kind: 'need-more',
    });
    expect(parser.push(Buffer.from('\r'))).toEqual({ kind: 'need-more' });
    expect(parser.push(Buffer.from('\n')).kind).toBe('head');
  });

  it('gives the same head fed byte by byte', () => {
    const head = (r: HeadResult) => (r.kind === 'head' ? { ...r, rest: undefined } : r);
    const bytes = Array.from({ length: REQUEST.length }, (_, i) => i);
    expect(head(feed(REQUEST, bytes))).toEqual(head(whole(REQUEST)));
  });

  it('gives the same head for 200 random splits', () => {
    const head = (r: HeadResult) => (r.kind === 'head' ? { ...r, rest: undefined } : r);
    const expected = head(whole(REQUEST));
    for (let seed = 1; seed <= 200; seed += 1) {
      expect(head(feed(REQUEST, splitsFor(REQUEST.length, seed))), `seed ${seed}`).toEqual(
        expected,
      );
    }
  });

  it.each([
    ['bare LF', 'GET / HTTP/1.1\nHost: a\n\n', 400],
    ['two spaces in the request line', 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['no version', 'GET /\r\nHost: a\r\n\r\n', 400],
    ['space before colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n', 400],
    ['header without colon', 'GET / HTTP/1.1\r\nHost: a\r\nnonsense\r\n\r\n', 400],
    ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n', 400],
    ['HTTP/2.0', 'GET / HTTP/2.0\r\nHost: a\r\n\r\n', 505],
  ])('refuses %s', (_name, text, expected) => {
    expect(status(text)).toBe(expected);
  });

  it('accepts HTTP/1.0 without Host', () => {
    expect(status('GET / HTTP/1.0\r\n\r\n')).toBe('head');
  });

  it('answers 431 for a long head, even before its end arrives', () => {
    const long = `GET / HTTP/1.1\r\nHost: a\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    expect(status(`${long}\r\n\r\n`)).toBe(431);
    expect(status(long)).toBe(431);
  });

  it('finds a bare LF before the head is complete', () => {
    expect(status('GET / HTTP/1.1\nHost')).toBe(400);
  });
});
