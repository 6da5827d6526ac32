// Transcripts written by hand for the pure tests: times in ms from 0, bytes as strings.
import type { Transcript, WireEvent } from '../../src/wire/record/transcript.ts';

/** A TCP transcript between an http target fixture and the student's client, unless overridden. */
export function transcript(
  events: readonly WireEvent[],
  overrides: Partial<Transcript> = {},
): Transcript {
  const totals = { client: 0, server: 0 };
  for (const event of events) {
    if (event.kind === 'data' || event.kind === 'datagram') totals[event.from] += event.size;
  }
  return {
    protocol: 'tcp',
    fixture: 'server',
    label: 'http target',
    client: ['127.0.0.1', 50122],
    server: ['127.0.0.1', 41873],
    start: 0,
    epochStart: 1_700_000_000_000,
    seed: undefined,
    events,
    totals,
    ...overrides,
  };
}

/** A data event of `text` (all of it kept) at `at` ms, at `offset` in its side's stream. */
export function data(
  at: number,
  from: 'client' | 'server',
  text: string,
  offset = 0,
): Extract<WireEvent, { kind: 'data' }> {
  const bytes = Buffer.from(text, 'latin1');
  return { kind: 'data', at, from, size: bytes.length, offset, bytes };
}

export const REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
export const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello';
