// The byte views every wire message is made of: escaping, quoting to a width, and the caret under
// the first differing byte, which must sit under the escape of that byte however long it is.
import { describe, expect, it } from 'vitest';
import { escapeByte, escapeTokens, quoteBytes } from '../../src/wire/show/escape-bytes.ts';
import { firstDifference, firstDifferenceAt } from '../../src/wire/show/first-difference.ts';

describe('escapeByte', () => {
  it('writes printable ASCII as itself and escapes the rest, one token per byte', () => {
    expect(escapeTokens(Buffer.from('a "\\\r\n\t\x00\x7f\xff', 'latin1'))).toEqual([
      'a',
      ' ',
      '\\"',
      '\\\\',
      '\\r',
      '\\n',
      '\\t',
      '\\x00',
      '\\x7f',
      '\\xff',
    ]);
    expect(escapeByte(0x7e)).toBe('~');
    expect(escapeByte(0x1f)).toBe('\\x1f');
  });
});

describe('quoteBytes', () => {
  it('fits the bytes in the width, never cutting an escape, and marks the cut', () => {
    const request = Buffer.from('GET / HTTP/1.1\r\n');
    expect(quoteBytes(request, 100)).toEqual({ text: '"GET / HTTP/1.1\\r\\n"', shownBytes: 16 });
    expect(quoteBytes(request, 12)).toEqual({ text: '"GET / HTT"…', shownBytes: 9 });
    // 16 characters: the \r does not fit whole after "GET / HTTP/1.1", so it is left out.
    const cut = quoteBytes(request, 18);
    expect(cut).toEqual({ text: '"GET / HTTP/1.1"…', shownBytes: 14 });
    expect(cut.text.length).toBeLessThanOrEqual(18);
  });

  it('uses the room the … would take for the very last byte', () => {
    expect(quoteBytes(Buffer.from('abc'), 5)).toEqual({ text: '"abc"', shownBytes: 3 });
    expect(quoteBytes(Buffer.from('abcd'), 5)).toEqual({ text: '"ab"…', shownBytes: 2 });
  });
});

describe('firstDifference', () => {
  it('puts the caret under the backslash of the escaped byte that differs', () => {
    const shown = firstDifference(
      'GET / HTTP/1.1\nHost: a\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
    );
    expect(shown).toBe(
      [
        'first difference at byte 14 (yours: 26 B, expected: 27 B):',
        '  yours:    "GET / HTTP/1.1\\nHost: a\\r\\n\\r\\n"',
        '  expected: "GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n"',
        '                           ^ yours has \\n (0x0a), expected \\r (0x0d)',
      ].join('\n'),
    );
    const lines = shown!.split('\n');
    const caret = lines[3]!.indexOf('^');
    expect(lines[1]!.slice(caret, caret + 2)).toBe('\\n');
    expect(lines[2]!.slice(caret, caret + 2)).toBe('\\r');
  });

  it('counts escapes before the difference when placing the caret', () => {
    const shown = firstDifference('\r\n\x00A', '\r\n\x00B')!;
    const lines = shown.split('\n');
    const caret = lines[3]!.indexOf('^');
    expect(lines[1]![caret]).toBe('A');
    expect(lines[2]![caret]).toBe('B');
  });

  it('says which side ends early', () => {
    expect(firstDifference('GET / HTTP/1.1\r\n', 'GET / HTTP/1.1\r\n\r\n')!.split('\n')[3]).toBe(
      '                               ^ yours ends here; expected goes on with \\r (0x0d) and 1 more B',
    );
    expect(firstDifference('abcd', 'ab')!.split('\n')[3]).toMatch(
      /\^ expected ends here; yours has 2 more B, starting with c \(0x63\)$/,
    );
  });

  it('cuts a long start, keeping the caret under the differing byte within the width', () => {
    const long = `GET /${'x'.repeat(300)} HTTP/1.1`;
    const shown = firstDifference(`${long}\nHost: a\r\n\r\n`, `${long}\r\nHost: a\r\n\r\n`, {
      width: 80,
    })!;
    const lines = shown.split('\n');
    for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^ {2}yours: {4}…"x+ HTTP\/1\.1\\nHost: a\\r\\n\\r\\n"$/);
    const caret = lines[3]!.indexOf('^');
    expect(lines[1]!.slice(caret, caret + 2)).toBe('\\n');
    expect(lines[2]!.slice(caret, caret + 2)).toBe('\\r');
    // The explanation did not fit after the caret: it has a line of its own.
    expect(lines[3]!.trim()).toBe('^');
    expect(lines[4]).toBe('  yours has \\n (0x0a), expected \\r (0x0d)');
  });

  it('is undefined for equal bytes, and takes labels', () => {
    expect(firstDifference('same', Buffer.from('same'))).toBeUndefined();
    expect(firstDifferenceAt(Buffer.from('ab'), Buffer.from('ab'))).toBe(-1);
    expect(firstDifference('a', 'b', { labels: ['student', 'reference'] })!.split('\n')[1]).toBe(
      '  student:   "a"',
    );
  });
});
