// The one data type of the wire view: a transcript is what one connection (TCP) or one peer's
// socket (UDP) saw, as a list of timestamped events. Fixtures record them (wire-log.ts); pure
// functions show them (../show/), explain them (../explain/) and turn them into a pcapng file
// (../pcap/). Nothing here does I/O.

/** The two ends of a connection. The student's code is always the side the fixture is not. */
export type Side = 'client' | 'server';

/** An address as `[host, port]`, the same shape as the fixtures' SockAddr. */
export type Endpoint = readonly [host: string, port: number];

/** One end of a TCP connection as the kernel saw it in a /proc/net snapshot. */
export interface EndState {
  /** The kernel's state name: ESTABLISHED, CLOSE_WAIT, FIN_WAIT2... */
  readonly state: string;
  /** Bytes this end has sent that the other end's kernel has not acknowledged yet. */
  readonly txQueue: number;
  /**
   * Bytes of data that reached this end's kernel and its program has not read yet (the kernel's
   * queue counts a received FIN as one more; that one is left out).
   */
  readonly rxQueue: number;
}

/**
 * Something that happened on the wire. `at` is a `performance.now()` time; a transcript shows it
 * relative to its `start`. `from` is the side that sent it: `client` is drawn →, `server` ←.
 */
export type WireEvent =
  /** The TCP handshake completed (the server fixture accepted, or the client's connect succeeded). */
  | { readonly kind: 'connect'; readonly at: number }
  /** A connect that failed: `code` is ECONNREFUSED (nothing listening), ETIMEDOUT... */
  | { readonly kind: 'refused'; readonly at: number; readonly code: string }
  /**
   * Bytes, as one read or one write. `size` counts every byte; `bytes` keeps at most the
   * transcript's cap (fewer than `size` once the cap is reached). `offset` is where they start
   * in that side's stream, so gaps stay visible.
   */
  | {
      readonly kind: 'data';
      readonly at: number;
      readonly from: Side;
      readonly size: number;
      readonly offset: number;
      readonly bytes: Uint8Array;
    }
  /** That side closed its sending direction (FIN): the other side reads end-of-file. */
  | { readonly kind: 'fin'; readonly at: number; readonly from: Side }
  /**
   * That side reset the connection (RST). `seenAs` says how the recording side knew, e.g.
   * "'error' ECONNRESET" (the peer reset) or "resetAndDestroy()" (the fixture did it on purpose).
   * How many bytes the resetting side left unread is not known: its socket is gone by the time
   * the RST arrives, and the RST does not say.
   */
  | { readonly kind: 'rst'; readonly at: number; readonly from: Side; readonly seenAs: string }
  /** The fixture gave up waiting for `waitingFor` after `waitedMs`. */
  | {
      readonly kind: 'timeout';
      readonly at: number;
      readonly waitedMs: number;
      readonly waitingFor: string;
    }
  /**
   * A /proc/net snapshot of both ends while the connection was still open: the kernel's view,
   * which no socket API gives (bytes a program has not read, CLOSE_WAIT...). An end missing from
   * the table is undefined (already closed).
   */
  | {
      readonly kind: 'queues';
      readonly at: number;
      readonly client: EndState | undefined;
      readonly server: EndState | undefined;
    }
  /** One UDP datagram; `fate` is what a lossy peer did to it ("dropped", "sent twice"...). */
  | {
      readonly kind: 'datagram';
      readonly at: number;
      readonly from: Side;
      readonly source: Endpoint;
      readonly destination: Endpoint;
      readonly size: number;
      readonly bytes: Uint8Array;
      readonly fate?: string;
      /** What the bytes mean, when the fixture knows (a DNS question, say). */
      readonly meaning?: string;
    }
  /** A remark from the fixture, e.g. "nothing listens here". */
  | { readonly kind: 'note'; readonly at: number; readonly text: string }
  /** Data events not kept because the transcript reached its event cap; counted, not stored. */
  | {
      readonly kind: 'gap';
      readonly at: number;
      readonly events: number;
      readonly clientBytes: number;
      readonly serverBytes: number;
    }
  /** The test ended and the fixture closed what was still open; later events are not recorded. */
  | { readonly kind: 'teardown'; readonly at: number };

/** The kinds of event, for switch statements and filters. */
export type WireEventKind = WireEvent['kind'];

/** Everything one connection or one UDP peer saw. */
export interface Transcript {
  readonly protocol: 'tcp' | 'udp';
  /** The side the fixture plays; the student's code plays the other. */
  readonly fixture: Side;
  /** What the fixture is, for the header: 'echo', 'http target', 'lossy udp peer'... */
  readonly label: string;
  /** The client's address; undefined when it never got one (a refused connect, a UDP peer). */
  readonly client: Endpoint | undefined;
  readonly server: Endpoint;
  /** `performance.now()` of +0.0 ms: the fixture's creation unless the test set another. */
  readonly start: number;
  /** The same instant in Unix milliseconds, for pcap timestamps. */
  readonly epochStart: number;
  /** The seed behind the fixture's random choices, when it made any. */
  readonly seed: number | undefined;
  /**
   * Patterns (RegExp sources) whose capture groups mark bytes of the code under test that differ
   * from run to run by design: a timestamp, a random query ID. Held against a reference, those
   * bytes are not a difference (show/mask-varying.ts). Each pattern is applied to every datagram
   * (UDP) or to the whole stream (TCP); undefined when nothing varies.
   */
  readonly varies?: readonly string[];
  readonly events: readonly WireEvent[];
  /** Every byte each side sent, kept or not. */
  readonly totals: { readonly client: number; readonly server: number };
}

/** The other side. */
export function otherSide(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

/**
 * Every kept byte `side` sent over the connection, in order: what to hold against a reference
 * with firstDifference(). `complete` is false when some were not kept (past the cap).
 *
 * @example
 * const { bytes } = bytesSent(transcript, 'client'); // the whole request the client wrote
 */
export function bytesSent(
  transcript: Transcript,
  side: Side,
): { readonly bytes: Buffer; readonly complete: boolean } {
  const { parts, complete } = sentParts(transcript, side);
  return { bytes: Buffer.concat(parts), complete };
}

/**
 * What `side` sent, one part per datagram (UDP) or the whole stream as one part (TCP): the units
 * a varies pattern is applied to. `complete` is false when some bytes were not kept.
 * @example
 * sentParts(transcript, 'client').parts.length; // 3 datagrams
 */
export function sentParts(
  transcript: Transcript,
  side: Side,
): { readonly parts: Uint8Array[]; readonly complete: boolean } {
  const parts: Uint8Array[] = [];
  let kept = 0;
  for (const event of transcript.events) {
    if ((event.kind === 'data' || event.kind === 'datagram') && event.from === side) {
      parts.push(event.bytes);
      kept += event.bytes.length;
    }
  }
  const complete = kept === transcript.totals[side];
  if (transcript.protocol === 'tcp' && parts.length > 1) {
    return { parts: [Buffer.concat(parts)], complete };
  }
  return { parts, complete };
}
