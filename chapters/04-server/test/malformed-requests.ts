// The malformed requests chapter 4's server is tested with (test/server.test.ts), and what
// node:http answers to each (test/node-agreement.test.ts compares the two on loopback).

/** The suite's server is started with these limits; node:http's oracle gets the same head limit. */
export const TEST_LIMITS = { maxHeadBytes: 2048, maxBodyBytes: 1000 } as const;

export interface MalformedCase {
  readonly name: string;
  readonly bytes: string;
  /** The status our server answers (then Connection: close), or 'close': no response at all. */
  readonly expected: number | 'close';
  /** Half-close (FIN) after sending, as a client does that has nothing more to say. */
  readonly fin?: boolean;
  /**
   * What node:http answers, where it differs from `expected`, and why this server does not do
   * the same (with the RFC section). Without it, node:http must answer exactly `expected`.
   */
  readonly node?: { readonly status: number | 'close'; readonly why: string };
}

/** node:http's oracle answers 200 to every request it parses: it has no files, routes or limits. */
const HANDLER = "the handler's verdict, not the parser's: node:http's test handler answers 200";

/** node:http does not check the Host value. */
const HOST =
  'RFC 9112 §3.2: a server MUST answer 400 to a Host with an invalid value; node:http does not check it.';

const big = 'a'.repeat(3000);

/** node:http's parser (llhttp) changes between Node releases; the cases it changed on say so. */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

export const MALFORMED: readonly MalformedCase[] = [
  { name: 'empty request line', bytes: '\r\n\r\n\r\nfoo\r\n\r\n', expected: 400 },
  { name: 'garbage', bytes: 'hello\r\n\r\n', expected: 400 },
  {
    name: 'missing version',
    bytes: 'GET /\r\nHost: x\r\n\r\n',
    expected: 400,
    node: {
      status: 200,
      why: 'node:http takes "GET /" as an HTTP/0.9 request. RFC 9112 §3 has no such form: the request-line always ends with HTTP-version, and 0.9 is long dead.',
    },
  },
  {
    name: 'extra space',
    bytes: 'GET  / HTTP/1.1\r\nHost: x\r\n\r\n',
    expected: 400,
    node: {
      status: 200,
      why: 'RFC 9112 §3 lets a recipient split on any whitespace, but also says to answer 400 to an invalid request-line; parsers that split differently disagree on the target.',
    },
  },
  { name: 'space in target', bytes: 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n', expected: 400 },
  { name: 'lowercase protocol', bytes: 'GET / http/1.1\r\nHost: x\r\n\r\n', expected: 400 },
  { name: 'bad method token', bytes: 'G(T / HTTP/1.1\r\nHost: x\r\n\r\n', expected: 400 },
  {
    name: 'HTTP/2.0',
    bytes: 'GET / HTTP/2.0\r\nHost: x\r\n\r\n',
    expected: 505,
    node: {
      status: 200,
      why: 'node:http answers any major version. RFC 9110 §15.6.6: 505 for a major version the server does not support, and HTTP/2 is not spoken in an HTTP/1.1 request-line.',
    },
  },
  {
    name: 'HTTP/0.9 style version',
    bytes: 'GET / HTTP/0.9\r\nHost: x\r\n\r\n',
    expected: 505,
    node: {
      status: 200,
      why: 'node:http answers it as HTTP/1.0. RFC 9110 §15.6.6: 505 for a version the server does not support.',
    },
  },
  { name: 'HTTP/1.10', bytes: 'GET / HTTP/1.10\r\nHost: x\r\n\r\n', expected: 400 },
  { name: 'bare LF', bytes: 'GET / HTTP/1.1\nHost: x\n\n', expected: 400 },
  { name: 'bare CR', bytes: 'GET / HTTP/1.1\rHost: x\r\n\r\n', expected: 400 },
  {
    name: 'bare CR in value',
    bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n',
    expected: 400,
  },
  { name: 'NUL in value', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n', expected: 400 },
  { name: 'space before colon', bytes: 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', expected: 400 },
  {
    name: 'header without colon',
    bytes: 'GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n',
    expected: 400,
  },
  { name: 'empty header name', bytes: 'GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n', expected: 400 },
  { name: 'obs-fold', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n  b\r\n\r\n', expected: 400 },
  { name: 'missing Host', bytes: 'GET / HTTP/1.1\r\n\r\n', expected: 400 },
  {
    name: 'two Hosts',
    bytes: 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
    expected: 400,
    node: {
      status: 200,
      why: 'RFC 9112 §3.2: a server MUST answer 400 to more than one Host header; node:http does not check.',
    },
  },
  {
    name: 'CL not a number',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n',
    expected: 400,
  },
  {
    name: 'CL negative',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    expected: 400,
  },
  {
    name: 'CL with plus',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\n',
    expected: 400,
  },
  {
    name: 'CL differing',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    expected: 400,
  },
  {
    name: 'CL list differing',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\nab',
    expected: 400,
  },
  {
    name: 'CL and TE',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n',
    expected: 400,
  },
  {
    name: 'TE only (unsupported)',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    expected: 501,
    node: {
      status: 200,
      why: 'node:http decodes chunked bodies; this server does not, and RFC 9112 §6.1 asks for 501 for a transfer coding the server does not implement.',
    },
  },
  {
    name: 'body too large',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n',
    expected: 413,
    node: {
      status: 408,
      why: "node:http has no body limit and waits for the body; 413 before reading it is this server's limit (RFC 9110 §15.5.14).",
    },
  },
  {
    name: 'huge CL',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n',
    expected: 400,
  },
  {
    name: 'head too large, complete',
    bytes: `GET / HTTP/1.1\r\nHost: x\r\nX: ${big}\r\n\r\n`,
    expected: 431,
  },
  {
    name: 'head too large, unterminated',
    bytes: `GET / HTTP/1.1\r\nHost: x\r\nX: ${big}`,
    expected: 431,
  },
  {
    name: 'too many headers',
    bytes: `GET / HTTP/1.1\r\nHost: x\r\n${'A: b\r\n'.repeat(150)}\r\n`,
    expected: 431,
    node: {
      status: 200,
      why: 'node:http keeps the first 2000 headers and drops the rest silently; this server refuses past its limit of 100 with 431 (RFC 6585 §5).',
    },
  },
  { name: 'partial head then silence', bytes: 'GET / HTTP/1.1\r\nHost: x\r\n', expected: 408 },
  { name: 'nothing at all', bytes: '', expected: 408 },
  {
    name: 'short body then silence',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc',
    expected: 408,
  },
  {
    name: 'traversal',
    bytes: 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 403,
    node: { status: 200, why: HANDLER },
  },
  {
    name: 'encoded traversal',
    bytes: 'GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 403,
    node: { status: 200, why: HANDLER },
  },
  {
    name: 'encoded slash',
    bytes: 'GET /notes%2fhello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 403,
    node: { status: 200, why: HANDLER },
  },
  {
    name: 'handler throws',
    bytes: 'GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 500,
    node: { status: 200, why: HANDLER },
  },
  {
    name: 'method not allowed',
    bytes: 'DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 405,
    node: { status: 200, why: HANDLER },
  },
  { name: 'space before the method', bytes: ' GET / HTTP/1.1\r\nHost: x\r\n\r\n', expected: 400 },
  { name: 'tab instead of space', bytes: 'GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n', expected: 400 },
  { name: 'NUL in the target', bytes: 'GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n', expected: 400 },
  {
    name: 'bad byte in a header name',
    bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX@Y: a\r\n\r\n',
    expected: 400,
  },
  {
    name: 'DEL in a header value',
    bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX: a\x7fb\r\n\r\n',
    expected: 400,
  },
  {
    name: 'request line too long',
    bytes: `GET /${big} HTTP/1.1\r\nHost: x\r\n\r\n`,
    expected: 414,
    node: {
      status: 431,
      why: 'node:http counts the request line in its header limit; RFC 9110 §15.5.15 has 414 for a target longer than the server will read, which says more.',
    },
  },
  {
    name: 'target in no form (not /..., http://..., * or host:port)',
    bytes: 'GET x/y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 400,
  },
  {
    name: 'handler sets a header with CRLF',
    bytes: 'GET /bad-header HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    expected: 500,
    node: { status: 200, why: HANDLER },
  },
  {
    name: 'handler never answers',
    bytes: 'GET /hang HTTP/1.1\r\nHost: x\r\n\r\n',
    expected: 503,
    node: { status: 200, why: HANDLER },
  },
  {
    name: 'partial head then FIN',
    bytes: 'GET / HTTP/1.1\r\nHost: x\r\n',
    expected: 400,
    fin: true,
  },
  {
    name: 'short body then FIN',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc',
    expected: 400,
    fin: true,
  },
  {
    name: 'CL with NBSP before the digits',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length:\xa05\r\n\r\nhello',
    expected: 400,
  },
  {
    name: 'CL with NBSP after the digits',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\xa0\r\n\r\nhello',
    expected: 400,
  },
  {
    name: 'CL with HTAB after the digits',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\t\r\n\r\nhello',
    expected: 400,
    // Node 20's node:http refuses it too; Node 22 and 24 read 5 (checked on 22.23 and 24.22).
    ...(NODE_MAJOR >= 22
      ? {
          node: {
            status: 200,
            why: 'node:http (Node 22+) strips a trailing HTAB as optional whitespace (RFC 9110 §5.6.3) and reads 5; this server takes only SP after the digits, as Node 20 did.',
          },
        }
      : {}),
  },
  {
    name: 'CL repeated, same value',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello',
    expected: 400,
  },
  {
    name: 'CL list of the same value',
    bytes: 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello',
    expected: 400,
  },
  {
    name: 'Host with a space',
    bytes: 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n',
    expected: 400,
    node: { status: 200, why: HOST },
  },
  {
    name: 'Host with userinfo',
    bytes: 'GET / HTTP/1.1\r\nHost: u@a\r\n\r\n',
    expected: 400,
    node: { status: 200, why: HOST },
  },
  {
    name: 'Host with a bad port',
    bytes: 'GET / HTTP/1.1\r\nHost: a:8o\r\n\r\n',
    expected: 400,
    node: { status: 200, why: HOST },
  },
  { name: 'only blank lines then FIN', bytes: '\r\n\r\n\r\n', expected: 'close', fin: true },
];
