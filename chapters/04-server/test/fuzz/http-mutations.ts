// Mutated HTTP requests for fuzzing: valid requests with a few byte-level changes, chosen where
// HTTP parsers are known to disagree (request smuggling): odd whitespace (\xa0, \v, \f), bare CR or
// LF, obs-fold, duplicate or conflicting Content-Length and Transfer-Encoding, huge numbers, NULs,
// and the whole thing split across several writes.
import fc from 'fast-check';

/** Valid requests to start from; the mutations turn them into nearly valid ones. */
export const VALID_REQUESTS = [
  'GET /notes/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
  'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n',
  'POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  'POST /echo HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n',
] as const;

/** Byte strings that parsers read differently. Written as latin1: one character is one byte. */
export const TRICKY = [
  ' ',
  '\t',
  '\xa0',
  '\v',
  '\f',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\x7f',
  '\xff',
  '\x85',
  '\x1b',
  '\r\n ',
  '\r\n\t', // obs-fold: a line that continues the previous one
  '\r\n\r\n',
  ',',
  ';',
  ':',
  '-',
  '+',
  '0',
  '5',
  '9',
  '"',
  '/',
  '?',
  '#',
  '%',
  '@',
  '[',
  ']',
  'Content-Length: 5\r\n',
  'Content-Length: 0\r\n',
  'Content-Length: 6\r\n',
  'Content-Length: 99999999999999999999\r\n',
  'Content-Length: 1e1\r\n',
  'Transfer-Encoding: chunked\r\n',
  'Transfer-Encoding: identity\r\n',
  'Transfer-Encoding: chunked, identity\r\n',
  'Transfer-Encoding:\xa0chunked\r\n',
  'Host: y\r\n',
  'Host: a b\r\n',
  'Connection: close\r\n',
  'Expect: 100-continue\r\n',
  'content-length',
  'CONTENT-LENGTH',
  'transfer-encoding',
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/2.0',
] as const;

/** Values put in place of a Content-Length's digits. */
const LENGTHS = [
  '',
  ' ',
  '0',
  '05',
  '5 ',
  ' 5',
  '\t5',
  '5\t',
  '5\xa0',
  '\xa05',
  '5\v',
  '\f5',
  '5, 5',
  '5,5',
  '5, 6',
  '-5',
  '+5',
  '0x5',
  '5.0',
  '1e1',
  '5 5',
  '99999999999999999999',
  '18446744073709551621',
  '9007199254740993',
  '000000000000000000005',
  '5\0',
] as const;

/** One change to the bytes of a request. Positions are taken modulo the length at that point. */
export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | {
      readonly kind: 'replace';
      readonly at: number;
      readonly length: number;
      readonly text: string;
    }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'repeat-line'; readonly line: number }
  | {
      readonly kind: 'in-header';
      readonly line: number;
      readonly where: 'start' | 'before-colon' | 'after-colon' | 'end';
      readonly text: string;
    }
  | { readonly kind: 'content-length'; readonly value: string };

/** A mutated request and how the client splits it across writes. */
export interface FuzzCase {
  readonly base: string;
  readonly mutations: readonly Mutation[];
  /** Cut points, as fractions of the length (0 to 1). */
  readonly splits: readonly number[];
}

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)) },
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 3 }),
    text,
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('repeat-line' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('in-header' as const),
    line: fc.nat(),
    where: fc.constantFrom(
      'start' as const,
      'before-colon' as const,
      'after-colon' as const,
      'end' as const,
    ),
    text,
  }),
  fc.record({ kind: fc.constant('content-length' as const), value: fc.constantFrom(...LENGTHS) }),
);

/** The fast-check arbitrary: a valid request, one to four mutations, up to four cuts. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  base: fc.constantFrom(...VALID_REQUESTS),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  splits: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
});

/** Applies one mutation to `request`. */
export function mutate(request: string, change: Mutation): string {
  const at = (position: number) => position % (request.length + 1);
  switch (change.kind) {
    case 'insert':
      return request.slice(0, at(change.at)) + change.text + request.slice(at(change.at));
    case 'replace':
      return (
        request.slice(0, at(change.at)) + change.text + request.slice(at(change.at) + change.length)
      );
    case 'delete':
      return request.slice(0, at(change.at)) + request.slice(at(change.at) + change.length);
    case 'repeat-line': {
      const lines = request.split('\r\n');
      const index = change.line % lines.length;
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('\r\n');
    }
    case 'in-header': {
      // Where parsers differ most: around a header's name, colon and value.
      const headEnd = request.indexOf('\r\n\r\n');
      const lines = request.slice(0, headEnd === -1 ? request.length : headEnd).split('\r\n');
      if (lines.length < 2) return request;
      const index = 1 + (change.line % (lines.length - 1));
      const line = lines[index] ?? '';
      const colon = Math.max(line.indexOf(':'), 0);
      const at = { start: 0, 'before-colon': colon, 'after-colon': colon + 1, end: line.length }[
        change.where
      ];
      lines[index] = line.slice(0, at) + change.text + line.slice(at);
      return lines.join('\r\n') + (headEnd === -1 ? '' : request.slice(headEnd));
    }
    case 'content-length':
      return request.replace(/(Content-Length:) ?[^\r]*/i, `$1 ${change.value}`);
  }
}

/** The bytes of a fuzz case, cut into the chunks the client writes one after another. */
export function chunksOf(fuzz: FuzzCase): Buffer[] {
  const bytes = Buffer.from(fuzz.mutations.reduce(mutate, fuzz.base), 'latin1');
  const cuts = [...new Set(fuzz.splits.map((s) => Math.floor(s * bytes.length)))]
    .filter((cut) => cut > 0 && cut < bytes.length)
    .sort((a, b) => a - b);
  const edges = [0, ...cuts, bytes.length];
  return edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
}
