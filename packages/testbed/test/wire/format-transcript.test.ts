// formatTranscript and verdictOf on transcripts written by hand: every line exact.
import { describe, expect, it } from 'vitest';
import { formatTranscript } from '../../src/wire/show/format-transcript.ts';
import { verdictOf } from '../../src/wire/show/verdict.ts';
import { data, REQUEST, RESPONSE, transcript } from './build-transcript.ts';

describe('formatTranscript', () => {
  it("shows the issue's example: a client that never closed after the server's FIN", () => {
    const t = transcript([
      { kind: 'connect', at: 0 },
      data(0.4, 'client', REQUEST),
      data(1.1, 'server', RESPONSE),
      { kind: 'fin', at: 1.2, from: 'server' },
      {
        kind: 'queues',
        at: 2000,
        client: { state: 'CLOSE_WAIT', txQueue: 0, rxQueue: 0 },
        server: { state: 'FIN_WAIT2', txQueue: 0, rxQueue: 0 },
      },
      { kind: 'teardown', at: 2000.1 },
    ]);
    expect(formatTranscript(t)).toBe(
      [
        "wire (your client 127.0.0.1:50122 ⇄ the test's http target 127.0.0.1:41873):",
        '     +0.0 ms  → connect',
        '     +0.4 ms  → 35 B  "GET / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n"',
        '     +1.1 ms  ← 62 B  "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nConnection: close\\r\\n\\r\\nhello"',
        '     +1.2 ms  ← FIN',
        "  +2000.0 ms  · kernel: your client CLOSE_WAIT; the test's http target FIN_WAIT2",
        '  +2000.1 ms  · the test ended: the fixture closed what was still open',
        "              ✗ your client never closed: the test's http target closed its side (FIN) at +1.2 ms,",
        '                and your socket was still in CLOSE_WAIT (the peer closed and you never did)',
      ].join('\n'),
    );
    for (const line of formatTranscript(t).split('\n'))
      expect(line.length).toBeLessThanOrEqual(100);
  });

  it('keeps every line within the width, cutting long bytes with …', () => {
    const t = transcript([
      { kind: 'connect', at: 0 },
      data(0.2, 'client', `POST / HTTP/1.1\r\nContent-Length: 400\r\n\r\n${'x'.repeat(400)}`),
    ]);
    const lines = formatTranscript(t, { width: 60 }).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[0]).toBe('wire (your client 127.0.0.1:50122 ⇄');
    expect(lines[3]).toBe('  +0.2 ms  → 440 B  "POST / HTTP/1.1\\r\\nContent-Length: 40"…');
  });

  it('says how many bytes were not kept, and shows gaps, resets and timeouts', () => {
    const t = transcript(
      [
        { kind: 'connect', at: 0 },
        { kind: 'data', at: 1, from: 'client', size: 100, offset: 0, bytes: Buffer.from('abc') },
        { kind: 'gap', at: 2, events: 7, clientBytes: 700, serverBytes: 0 },
        { kind: 'rst', at: 3, from: 'server', seenAs: "'error' ECONNRESET" },
        { kind: 'timeout', at: 4, waitedMs: 300, waitingFor: 'the server to close the connection' },
      ],
      { fixture: 'client', label: 'client', totals: { client: 800, server: 0 } },
    );
    expect(formatTranscript(t, { verdict: false }).split('\n').slice(1)).toEqual([
      '  +0.0 ms  → connect',
      '  +1.0 ms  → 100 B  "abc" (+97 B not kept)',
      '  +2.0 ms  · … 7 more reads and writes not kept (→ 700 B, ← 0 B)',
      "  +3.0 ms  ← RST (seen as 'error' ECONNRESET)",
      "  +4.0 ms  · the test's client gave up after 300 ms waiting for the server to close the connection",
    ]);
  });

  it('shows the first and the last events of a long transcript', () => {
    const events = Array.from({ length: 100 }, (_, i) =>
      data(i, i % 2 ? 'server' : 'client', `m${i}`),
    );
    const lines = formatTranscript(transcript(events), { maxEvents: 14 }).split('\n');
    expect(lines).toHaveLength(1 + 14 + 1);
    expect(lines[1]).toMatch(/→ 2 B {2}"m0"$/);
    expect(lines[5]).toBe('            · … 86 more events not shown …');
    expect(lines.at(-1)).toMatch(/← 3 B {2}"m99"$/);
  });

  it('writes UDP datagrams with their peer, meaning and fate, and the seed in the header', () => {
    const t = transcript(
      [
        {
          kind: 'datagram',
          at: 0.5,
          from: 'client',
          source: ['127.0.0.1', 50122],
          destination: ['127.0.0.1', 41873],
          size: 6,
          bytes: Buffer.from('ping 0'),
          fate: 'arrival 0: dropped on purpose',
        },
        {
          kind: 'datagram',
          at: 0.9,
          from: 'server',
          source: ['127.0.0.1', 41873],
          destination: ['::1', 50122],
          size: 29,
          bytes: Buffer.alloc(29),
          meaning: 'answer web.test → A 192.0.2.7',
        },
      ],
      { protocol: 'udp', label: 'lossy udp peer', client: undefined, seed: 42 },
    );
    expect(formatTranscript(t)).toBe(
      [
        "wire (udp, the test's lossy udp peer 127.0.0.1:41873, seed 42):",
        '  +0.5 ms  → 6 B from 127.0.0.1:50122  "ping 0"  (arrival 0: dropped on purpose)',
        '  +0.9 ms  ← 29 B to [::1]:50122  answer web.test → A 192.0.2.7',
      ].join('\n'),
    );
  });
});

describe('verdictOf', () => {
  const connected = [{ kind: 'connect', at: 0 } as const, data(0.4, 'client', REQUEST)];

  it('names a refused connect: nothing listened', () => {
    const t = transcript([{ kind: 'refused', at: 0.2, code: 'ECONNREFUSED' }], {
      fixture: 'client',
      label: 'client',
      client: undefined,
    });
    expect(verdictOf(t)).toBe(
      '✗ nothing listened on 127.0.0.1:41873: the connect was refused (ECONNREFUSED)',
    );
  });

  it('names a connect that nothing answered before the test client gave up', () => {
    const t = transcript(
      [
        {
          kind: 'timeout',
          at: 300,
          waitedMs: 300,
          waitingFor: 'the server to close the connection',
        },
      ],
      { fixture: 'client', label: 'client', client: undefined },
    );
    expect(verdictOf(t)).toBe(
      '✗ nothing accepted the connection on 127.0.0.1:41873 within 300 ms (a listener whose accept queue is full, or a firewall, drops the SYN)',
    );
  });

  it('blames a reset on the side that sent it', () => {
    const t = transcript(
      [...connected, { kind: 'rst', at: 1, from: 'server', seenAs: "'error' ECONNRESET" }],
      { fixture: 'client', label: 'client' },
    );
    expect(verdictOf(t)).toBe(
      "✗ your server closed with unread bytes (it reset the connection after the test's client had sent 35 B): the kernel answers RST when a socket closes with data still unread",
    );
    const onPurpose = transcript([
      ...connected,
      { kind: 'rst', at: 1, from: 'server', seenAs: 'resetAndDestroy()' },
    ]);
    expect(verdictOf(onPurpose)).toBeUndefined();
  });

  it('reads the kernel probe: never read, read but never answered, stopped reading', () => {
    const server = (rxQueue: number, sent: string[] = []) =>
      transcript(
        [
          ...connected,
          ...sent.map((text, i) => data(1 + i, 'server', text)),
          {
            kind: 'queues',
            at: 300,
            client: { state: 'ESTABLISHED', txQueue: 0, rxQueue: 0 },
            server: { state: 'ESTABLISHED', txQueue: 0, rxQueue },
          },
          {
            kind: 'timeout',
            at: 300,
            waitedMs: 300,
            waitingFor: 'the server to close the connection',
          },
        ],
        { fixture: 'client', label: 'client' },
      );
    expect(verdictOf(server(35))).toBe(
      '✗ your server never read the request: all 35 B were still in its receive queue',
    );
    expect(verdictOf(server(0))).toBe(
      "✗ your server never answered: it took the request (35 B) from its receive queue, and the test's client waited 300 ms",
    );
    expect(verdictOf(server(10))).toBe(
      "✗ your server stopped reading: 10 B the test's client sent were still in its receive queue",
    );
    expect(verdictOf(server(0, ['HTTP/1.1 200 OK\r\n']))).toBe(
      "✗ your server sent 17 B, then went quiet: the test's client waited 300 ms for the server to close the connection",
    );
  });

  it('says "never closed" only once the test has ended, or the kernel shows CLOSE_WAIT', () => {
    const finished = [
      ...connected,
      data(1, 'server', RESPONSE),
      { kind: 'fin', at: 1.2, from: 'server' } as const,
    ];
    expect(verdictOf(transcript(finished))).toBeUndefined();
    expect(verdictOf(transcript([...finished, { kind: 'teardown', at: 50 }]))).toBe(
      "✗ your client never closed: the test's http target closed its side (FIN) at +1.2 ms, and your socket was left in CLOSE_WAIT (the peer closed and you never did)",
    );
    expect(
      verdictOf(
        transcript([
          ...finished,
          { kind: 'fin', at: 2, from: 'client' },
          { kind: 'teardown', at: 50 },
        ]),
      ),
    ).toBeUndefined();
  });

  it('believes the kernel over the clock: a FIN on its way is no "never closed"', () => {
    const t = transcript([
      { kind: 'connect', at: 0 },
      { kind: 'fin', at: 1, from: 'server' },
      {
        kind: 'queues',
        at: 2,
        client: { state: 'FIN_WAIT1', txQueue: 1, rxQueue: 0 },
        server: { state: 'CLOSE_WAIT', txQueue: 0, rxQueue: 1 },
      },
      { kind: 'teardown', at: 2 },
    ]);
    expect(verdictOf(t)).toBeUndefined();
  });

  it('ignores what happens after the teardown', () => {
    const t = transcript([
      ...connected,
      { kind: 'teardown', at: 10 },
      { kind: 'rst', at: 11, from: 'client', seenAs: "'error' ECONNRESET" },
    ]);
    expect(verdictOf(t)).toBeUndefined();
  });
});
