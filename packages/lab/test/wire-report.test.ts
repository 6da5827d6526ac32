// The pure half of the wire view in the grader: which transcripts a failure shows, the reference
// comparison (ports read as this run's), and the transcript file's round trip.
import { readFileSync } from 'node:fs';
import { SEED_ENV } from '@netprog/testbed/seed';
import type { Transcript, WireEvent } from '@netprog/testbed/wire';
import { describe, expect, test } from 'vitest';
import { decodeWireFile, encodeWireFile, wireFileName } from '../src/grade/wire-file.ts';
import { againstReference, relevant, wireReport } from '../src/grade/wire-report.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** A transcript of the student's client sending `request` to a fixture server on `port`. */
function clientTranscript(port: number, request: string, extra: WireEvent[] = []): Transcript {
  return {
    protocol: 'tcp',
    fixture: 'server',
    label: 'request recorder',
    client: ['127.0.0.1', 50_000],
    server: ['127.0.0.1', port],
    start: 0,
    epochStart: 0,
    seed: undefined,
    events: [
      { kind: 'connect', at: 1 },
      {
        kind: 'data',
        at: 2,
        from: 'client',
        size: request.length,
        offset: 0,
        bytes: bytes(request),
      },
      ...extra,
    ],
    totals: { client: request.length, server: 0 },
  };
}

describe('againstReference', () => {
  test('puts a caret under the first byte that differs, the reference port read as this run', () => {
    const yours = clientTranscript(41_873, 'GET / HTTP/1.1\nHost: 127.0.0.1:41873\r\n\r\n');
    const theirs = clientTranscript(39_001, 'GET / HTTP/1.1\r\nHost: 127.0.0.1:39001\r\n\r\n');
    expect(againstReference(yours, theirs)?.split('\n')).toEqual([
      "first difference from the reference solution's client at byte 14 (yours: 40 B, reference: 41 B):",
      '  yours:     "GET / HTTP/1.1\\nHost: 127.0.0.1:41873\\r\\n\\r\\n"',
      '  reference: "GET / HTTP/1.1\\r\\nHost: 127.0.0.1:41873\\r\\n\\r\\n"',
      '                            ^ yours has \\n (0x0a), reference \\r (0x0d)',
    ]);
  });

  test('says nothing when the bytes agree, or the conversations are not alike', () => {
    const request = 'GET / HTTP/1.1\r\nHost: 127.0.0.1:41873\r\n\r\n';
    expect(
      againstReference(clientTranscript(41_873, request), clientTranscript(41_873, request)),
    ).toBeUndefined();
    const other = { ...clientTranscript(41_873, 'x'), label: 'echo' };
    expect(againstReference(clientTranscript(41_873, request), other)).toBeUndefined();
  });

  /** A lossy UDP peer's transcript of the student's pings, each a datagram with a timestamp. */
  function pings(texts: readonly string[]): Transcript {
    const events: WireEvent[] = texts.map((text, i) => ({
      kind: 'datagram',
      at: i,
      from: 'client',
      source: ['127.0.0.1', 50_000],
      destination: ['127.0.0.1', 41_873],
      size: text.length,
      bytes: bytes(text),
    }));
    const total = texts.reduce((n, text) => n + text.length, 0);
    return {
      protocol: 'udp',
      fixture: 'server',
      label: 'lossy udp peer',
      client: undefined,
      server: ['127.0.0.1', 41_873],
      start: 0,
      epochStart: 0,
      seed: 1,
      varies: ['^Ping \\d+ (\\d+)'],
      events,
      totals: { client: total, server: 0 },
    };
  }

  test('a part the transcript says varies (a timestamp) is never the difference', () => {
    // Only the timestamps differ: nothing to show (before, the caret sat under a timestamp digit).
    const reference = pings(['Ping 1 1796656166320', 'Ping 2 1796656166325']);
    expect(
      againstReference(pings(['Ping 1 1796656984572', 'Ping 2 1796656984577']), reference),
    ).toBeUndefined();
    // A real difference after a timestamp: the caret is under it, counted in raw bytes.
    expect(
      againstReference(pings(['Ping 1 1796656984572', 'Ping 3 1796656984577']), reference)?.split(
        '\n',
      ),
    ).toEqual([
      "first difference from the reference solution's client at byte 25 (yours: 40 B, reference: 40 B):",
      '  yours:     "Ping 1 <varies>Ping 3 <varies>"',
      '  reference: "Ping 1 <varies>Ping 2 <varies>"',
      '                                  ^ yours has 3 (0x33), reference 2 (0x32)',
      '  (<varies>: bytes that differ from run to run by design, left out)',
    ]);
    // Bytes in another shape than the pattern expects are compared as they are.
    expect(
      againstReference(pings(['ping 1 1796656984572']), pings(['Ping 1 1796656166320']))?.split(
        '\n',
      )[0],
    ).toBe(
      "first difference from the reference solution's client at byte 0 (yours: 20 B, reference: 20 B):",
    );
  });
});

describe('which transcripts a failure shows', () => {
  test('those with a verdict first, else the last one; the others are counted', () => {
    const quiet = clientTranscript(1_000, 'a');
    const refused: Transcript = {
      ...clientTranscript(2_000, ''),
      client: undefined,
      events: [{ kind: 'refused', at: 1, code: 'ECONNREFUSED' }],
      totals: { client: 0, server: 0 },
    };
    expect(relevant([quiet, refused])).toEqual([1]);
    expect(relevant([quiet, quiet])).toEqual([1]);
    expect(wireReport({ transcripts: [quiet, refused] })).toContain(
      '(1 more connection in this test: --wire shows every one)',
    );
    expect(wireReport({ transcripts: [] })).toBeUndefined();
  });

  test('a timeout leads with what the code was waiting on', () => {
    const text = wireReport({ transcripts: [], hang: ['· your code holds no socket'] });
    expect(text).toBe(
      'what your code was waiting on when the time ran out:\n· your code holds no socket',
    );
  });
});

describe('the transcript file', () => {
  test('keeps bytes exactly through JSON', () => {
    const transcript = clientTranscript(1_234, 'GET /\r\n\u00ff\u0000');
    const file = {
      version: 1 as const,
      testFile: 'tests/a.test.ts',
      tests: [{ test: 't', failed: true, transcripts: [transcript] }],
    };
    expect(decodeWireFile(encodeWireFile(file))).toEqual(file);
    expect(() => decodeWireFile('{"version":2}')).toThrow(/not a transcript file/);
    expect(wireFileName('tests/http-get.test.ts')).toBe('http-get.json');
  });

  test("grading-config.ts names testbed's seed variable", () => {
    const config = readFileSync(new URL('../src/grade/grading-config.ts', import.meta.url), 'utf8');
    expect(config).toContain(`const SEED_ENV = '${SEED_ENV}';`);
  });
});
