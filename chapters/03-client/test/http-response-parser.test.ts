import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getHeader,
  HttpParseError,
  HttpResponseParser,
  parseHttpResponse,
  parseStatusLine,
} from '../src/http-response-parser.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Feeds `raw` cut at the given offsets, then EOF. */
function parseInPieces(raw: Buffer, cuts: number[]) {
  const parser = new HttpResponseParser();
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.feed(raw.subarray(from, cut));
    from = cut;
  }
  parser.feed(raw.subarray(from));
  return parser.end();
}

function parseError(raw: string, feedOnly = false): HttpParseError {
  const parser = new HttpResponseParser();
  try {
    parser.feed(bytes(raw));
    if (!feedOnly) parser.end();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpParseError);
    return error as HttpParseError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to fail`);
}

describe('status line', () => {
  it('reads version, status and reason', () => {
    expect(parseStatusLine('HTTP/1.1 200 OK')).toEqual({
      httpVersion: '1.1',
      status: 200,
      reason: 'OK',
    });
    expect(parseStatusLine('HTTP/1.0 404 Not Found')).toMatchObject({
      status: 404,
      reason: 'Not Found',
    });
    expect(parseStatusLine('HTTP/1.1 204')).toMatchObject({ status: 204, reason: '' });
  });

  it.each([
    'SSH-2.0-OpenSSH_9.2',
    'HTTP/1.1 2000 OK',
    'HTTP/1.1 OK',
    'http/1.1 200 OK',
    'HTTP/1.1  200 OK',
    '',
  ])('rejects %j with BAD_STATUS_LINE quoting the line', (line) => {
    const error = parseError(`${line}\r\n\r\n`, true);
    expect(error.code).toBe('BAD_STATUS_LINE');
    expect(error.message).toContain(JSON.stringify(line));
  });
});

describe('headers', () => {
  it('keeps order and looks names up case-insensitively', () => {
    const response = parseHttpResponse(
      bytes('HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 0\r\nx-a:  2 \r\n\r\n'),
    );
    expect(response.headers).toEqual([
      ['X-A', '1'],
      ['Content-Length', '0'],
      ['x-a', '2'],
    ]);
    expect(getHeader(response.headers, 'x-A')).toBe('1, 2');
    expect(getHeader(response.headers, 'missing')).toBeUndefined();
  });

  it('accepts bare LF line endings', () => {
    const response = parseHttpResponse(bytes('HTTP/1.1 200 OK\nContent-Length: 2\n\nhi'));
    expect(response.body.toString()).toBe('hi');
  });

  it('rejects malformed header lines', () => {
    expect(parseError('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', true).code).toBe('BAD_HEADER');
    expect(parseError('HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n', true).code).toBe('BAD_HEADER');
    expect(parseError('HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n', true).code).toBe('BAD_HEADER');
  });

  it('refuses to buffer an endless line', () => {
    const parser = new HttpResponseParser({ maxLineBytes: 100 });
    expect(() => parser.feed(Buffer.alloc(200, 0x41))).toThrow(
      /LINE_TOO_LONG|longer than 100 bytes/,
    );
  });
});

describe('body by Content-Length', () => {
  const raw = bytes('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world');

  it('is complete as soon as the last byte arrives, before EOF', () => {
    const parser = new HttpResponseParser();
    parser.feed(raw.subarray(0, raw.length - 1));
    expect(parser.complete).toBe(false);
    parser.feed(raw.subarray(raw.length - 1));
    expect(parser.complete).toBe(true);
    expect(parser.end()).toMatchObject({ status: 200, framing: 'content-length' });
  });

  it('gives the same result however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: raw.length })), (cuts) => {
        expect(parseInPieces(raw, cuts).body.toString()).toBe('hello world');
      }),
    );
  });

  it('reports an early close with expected and received byte counts', () => {
    const error = parseError('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789');
    expect(error).toMatchObject({ code: 'EARLY_CLOSE', expected: 100, received: 10 });
    expect(error.message).toBe(
      'connection closed mid-body: Content-Length promised 100 bytes, got 10',
    );
  });

  it('rejects a bad or conflicting Content-Length', () => {
    expect(parseError('HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n', true).code).toBe(
      'BAD_CONTENT_LENGTH',
    );
    expect(
      parseError('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', true).code,
    ).toBe('BAD_CONTENT_LENGTH');
    expect(
      parseHttpResponse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok')).body.toString(),
    ).toBe('ok');
  });

  it('ignores bytes after the announced body', () => {
    expect(
      parseHttpResponse(
        bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA'),
      ).body.toString(),
    ).toBe('ok');
  });
});

describe('chunked body', () => {
  const raw = bytes(
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n',
  );

  it('joins the chunks and stops at the 0-size chunk', () => {
    const response = parseHttpResponse(raw);
    expect(response.framing).toBe('chunked');
    expect(response.body.toString()).toBe('hello 0123456789');
  });

  it('gives the same result however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: raw.length }), { maxLength: 40 }), (cuts) => {
        expect(parseInPieces(raw, cuts).body.toString()).toBe('hello 0123456789');
      }),
    );
  });

  it('prefers Transfer-Encoding over Content-Length', () => {
    const response = parseHttpResponse(
      bytes(
        'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
      ),
    );
    expect(response.body.toString()).toBe('ok');
  });

  it('rejects a chunk size that is not hexadecimal', () => {
    const error = parseError(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n',
      true,
    );
    expect(error.code).toBe('BAD_CHUNK_SIZE');
    expect(error.message).toBe(
      'bad chunk size "zz" after 5 body bytes: expected a hexadecimal number',
    );
  });

  it('rejects chunk data longer than its size', () => {
    const error = parseError(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n',
      true,
    );
    expect(error.code).toBe('BAD_CHUNK_END');
  });

  it('reports an early close inside a chunk', () => {
    const error = parseError(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nabc',
    );
    expect(error).toMatchObject({ code: 'EARLY_CLOSE', expected: 16, received: 3 });
  });

  it('reports an early close before the last chunk', () => {
    const error = parseError('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    expect(error.code).toBe('EARLY_CLOSE');
    expect(error.message).toContain('the final 0-size chunk never came');
  });
});

describe('body until close', () => {
  it('takes every byte up to EOF', () => {
    const response = parseInPieces(
      bytes('HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of this\r\n\r\nand this'),
      [20, 40],
    );
    expect(response.framing).toBe('until-close');
    expect(response.body.toString()).toBe('all of this\r\n\r\nand this');
  });

  it('is never complete before EOF', () => {
    const parser = new HttpResponseParser();
    parser.feed(bytes('HTTP/1.1 200 OK\r\n\r\nsome'));
    expect(parser.complete).toBe(false);
    expect(parser.end().body.toString()).toBe('some');
  });
});

describe('responses without a body', () => {
  it.each([204, 304])('%i has no body even with Content-Length', (status) => {
    const parser = new HttpResponseParser();
    parser.feed(bytes(`HTTP/1.1 ${status} X\r\nContent-Length: 10\r\n\r\n`));
    expect(parser.complete).toBe(true);
    expect(parser.end()).toMatchObject({ status, framing: 'none' });
  });

  it('skips an interim 100 Continue', () => {
    const response = parseHttpResponse(
      bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx'),
    );
    expect(response.status).toBe(200);
  });

  it('HEAD responses stop after the headers', () => {
    const response = parseHttpResponse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n'), {
      noBody: true,
    });
    expect(response).toMatchObject({ framing: 'none', body: Buffer.alloc(0) });
  });
});

describe('early close in the head', () => {
  it('before any byte', () => {
    expect(parseError('').message).toBe('connection closed before any response byte arrived');
  });
  it('inside the status line or the headers', () => {
    expect(parseError('HTTP/1.1 20').message).toContain('middle of the status line');
    expect(parseError('HTTP/1.1 200 OK\r\nA: b\r\n').message).toContain('middle of the headers');
  });
});
