// Where fixtures write down what they see. A WireLog holds the transcripts of one fixture (or of
// several, when a test passes the same log to each); a ConnectionRecord is one transcript being
// written. Everything is bounded: bytes are kept up to a cap per side, data events up to a cap
// per transcript (later ones are only counted), transcripts up to a cap per log.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Endpoint, EndState, Side, Transcript, WireEvent } from './transcript.ts';

export interface WireLogOptions {
  /** Bytes kept per side of each transcript (default 64 KiB); later bytes are counted only. */
  readonly maxBytes?: number;
  /** Data and datagram events kept per transcript (default 1000); later ones are counted only. */
  readonly maxEvents?: number;
  /** Transcripts kept per log (default 256); later connections are counted only. */
  readonly maxTranscripts?: number;
  /**
   * When a fixture closes with connections still open, read both ends' kernel state from
   * /proc/net first (default true): what tells "never read" from "read but never answered".
   */
  readonly probeAtEnd?: boolean;
}

/** What a new transcript is about. */
export interface RecordDescription {
  readonly protocol: 'tcp' | 'udp';
  readonly fixture: Side;
  readonly label: string;
  readonly server: Endpoint;
  readonly client?: Endpoint;
  readonly seed?: number;
  /** See Transcript.varies. */
  readonly varies?: readonly string[];
}

export const DEFAULT_MAX_BYTES = 64 * 1024;
export const DEFAULT_MAX_EVENTS = 1_000;
export const DEFAULT_MAX_TRANSCRIPTS = 256;

const NOTHING = new Uint8Array(0);

interface MutableGap {
  kind: 'gap';
  at: number;
  events: number;
  clientBytes: number;
  serverBytes: number;
}

/**
 * The transcripts of one or more fixtures, with one clock: times are shown relative to `start`,
 * the log's creation unless the test calls `restart()`.
 *
 * @example
 * const wire = new WireLog();
 * await using echo = await listenEcho({ wire });
 * // ... the test talks to echo ...
 * console.log(formatTranscript(wire.transcripts()[0]!));
 */
export class WireLog {
  readonly #limits: Required<WireLogOptions>;
  readonly #records: ConnectionRecord[] = [];
  readonly #claimed: Endpoint[] = [];
  #start = performance.now();
  #epochStart = Date.now();
  #untracked = 0;
  #strangers = 0;

  constructor(options: WireLogOptions = {}) {
    this.#limits = {
      maxBytes: limit(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes'),
      maxEvents: limit(options.maxEvents, DEFAULT_MAX_EVENTS, 'maxEvents'),
      maxTranscripts: limit(options.maxTranscripts, DEFAULT_MAX_TRANSCRIPTS, 'maxTranscripts'),
      probeAtEnd: options.probeAtEnd ?? true,
    };
  }

  /** `performance.now()` of +0.0 ms. */
  get start(): number {
    return this.#start;
  }

  /** Whether fixtures read the kernel's view of open connections when they close. */
  get probeAtEnd(): boolean {
    return this.#limits.probeAtEnd;
  }

  /** Connections (or peers) that arrived after the transcript cap: counted, not recorded. */
  get untracked(): number {
    return this.#untracked;
  }

  /**
   * Connections from other processes (a port scanner in another test file) that fixtures turned
   * away without recording them (fixtures/stranger.ts). Counted for whoever debugs a fixture, and
   * shown nowhere: what a test shows is about the code under test.
   */
  get strangers(): number {
    return this.#strangers;
  }

  /** Counts one connection from another process, turned away unrecorded. */
  ignoreStranger(): void {
    this.#strangers++;
  }

  /** Makes `at` (default: now) the +0.0 ms of every transcript of this log, past and future. */
  restart(at: number = performance.now()): void {
    this.#epochStart = Date.now() - (performance.now() - at);
    this.#start = at;
  }

  /**
   * Notes that a fixture's own socket uses `address` (a listener, a filler connection), so the
   * hang explainer does not mistake it for one of the student's.
   */
  claim(address: Endpoint): void {
    this.#claimed.push(address);
  }

  /** The addresses the fixtures' own sockets use, for explainHang's `fixtures`. */
  claimed(): Endpoint[] {
    return [...this.#claimed];
  }

  /** Starts a transcript. Past the cap the record it returns writes nothing down. */
  open(description: RecordDescription): ConnectionRecord {
    const kept = this.#records.length < this.#limits.maxTranscripts;
    const record = new ConnectionRecord(description, kept ? this.#limits : undefined);
    if (kept) this.#records.push(record);
    else this.#untracked++;
    return record;
  }

  /** One record's transcript as plain data, as of now. */
  transcriptOf(record: ConnectionRecord): Transcript {
    return record.snapshot(this.#start, this.#epochStart);
  }

  /** The records of connections still open, for a /proc probe (probeWire). */
  liveRecords(): ConnectionRecord[] {
    return this.#records.filter((record) => record.live);
  }

  /** Every transcript so far, oldest first, as plain data (later events do not change it). */
  transcripts(): Transcript[] {
    return this.#records.map((record) => record.snapshot(this.#start, this.#epochStart));
  }
}

/**
 * One transcript being written. The fixture (or tap-socket.ts for it) calls one method per event.
 * After `teardown()` nothing more is written: what happens while a test closes its fixtures is
 * not what the code under test did.
 */
export class ConnectionRecord {
  readonly #description: RecordDescription;
  /** undefined: past the log's cap, record nothing. */
  readonly #limits: Required<WireLogOptions> | undefined;
  readonly #events: WireEvent[] = [];
  readonly #totals = { client: 0, server: 0 };
  readonly #kept = { client: 0, server: 0 };
  #client: Endpoint | undefined;
  #seed: number | undefined;
  #dataEvents = 0;
  /** The gap marker being counted into: the one object of #events that changes after it is pushed. */
  #gap: MutableGap | undefined;
  #over = false;
  #live = true;

  constructor(description: RecordDescription, limits: Required<WireLogOptions> | undefined) {
    this.#description = description;
    this.#limits = limits;
    this.#client = description.client;
    this.#seed = description.seed;
  }

  get protocol(): 'tcp' | 'udp' {
    return this.#description.protocol;
  }

  get client(): Endpoint | undefined {
    return this.#client;
  }

  get server(): Endpoint {
    return this.#description.server;
  }

  /**
   * False once the connection is over (both sides sent FIN, or one reset it, or the socket
   * closed) or the test has torn it down: nothing more can be learnt by probing it.
   */
  get live(): boolean {
    return this.#live && !this.#over;
  }

  /** The error code of a connect that failed, once one has. */
  get refusedWith(): string | undefined {
    const refused = this.#events.find((e) => e.kind === 'refused');
    return refused?.kind === 'refused' ? refused.code : undefined;
  }

  /** The client's address, once known (a client learns its own port when it connects). */
  setClient(client: Endpoint): void {
    this.#client = client;
  }

  /** The seed behind the random choices made on this connection. */
  setSeed(seed: number): void {
    this.#seed = seed;
  }

  connect(): void {
    this.#push({ kind: 'connect', at: performance.now() });
  }

  refused(code: string): void {
    this.#push({ kind: 'refused', at: performance.now(), code });
    this.#live = false;
  }

  /**
   * Bytes `from` one side: a Buffer, or a string as a socket's `_write` may receive it. Only the
   * kept part is copied (or encoded): a busy connection costs a counter, not memory.
   */
  data(from: Side, chunk: Uint8Array | string, encoding: BufferEncoding = 'utf8'): void {
    if (this.#limits === undefined || this.#over) return;
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
    if (size === 0) return;
    const offset = this.#totals[from];
    this.#totals[from] += size;
    if (this.#countedOnly(from, size)) return;
    const room = Math.min(this.#limits.maxBytes - this.#kept[from], size);
    const bytes = room <= 0 ? NOTHING : prefix(chunk, room, encoding);
    this.#kept[from] += bytes.length;
    this.#events.push({ kind: 'data', at: performance.now(), from, size, offset, bytes });
  }

  /** One UDP datagram, sent by `from` (the fixture is the server of a UDP transcript). */
  datagram(
    from: Side,
    source: Endpoint,
    destination: Endpoint,
    message: Uint8Array,
    details: { fate?: string; meaning?: string } = {},
  ): void {
    if (this.#limits === undefined || this.#over) return;
    this.#totals[from] += message.length;
    if (this.#countedOnly(from, message.length)) return;
    const room = this.#limits.maxBytes - this.#kept[from];
    const bytes = room <= 0 ? NOTHING : prefix(message, Math.min(room, message.length), 'utf8');
    this.#kept[from] += bytes.length;
    this.#events.push({
      kind: 'datagram',
      at: performance.now(),
      from,
      source,
      destination,
      size: message.length,
      bytes,
      ...details,
    });
  }

  fin(from: Side): void {
    this.#push({ kind: 'fin', at: performance.now(), from });
    const other = from === 'client' ? 'server' : 'client';
    if (this.#events.some((e) => e.kind === 'fin' && e.from === other)) this.#live = false;
  }

  rst(from: Side, seenAs: string): void {
    this.#live = false;
    this.#push({ kind: 'rst', at: performance.now(), from, seenAs });
  }

  timeout(waitedMs: number, waitingFor: string): void {
    this.#push({ kind: 'timeout', at: performance.now(), waitedMs, waitingFor });
  }

  queues(client: EndState | undefined, server: EndState | undefined): void {
    this.#push({ kind: 'queues', at: performance.now(), client, server });
  }

  note(text: string): void {
    this.#push({ kind: 'note', at: performance.now(), text });
  }

  /** The socket has closed: nothing more can happen on it. */
  closed(): void {
    this.#live = false;
  }

  /** The test is over: mark it, and record nothing after. */
  teardown(): void {
    if (this.#over || !this.#live) return;
    this.#push({ kind: 'teardown', at: performance.now() });
    this.#over = true;
  }

  /** Whether this event only counts (the event cap is reached); counts it in the current gap. */
  #countedOnly(from: Side, size: number): boolean {
    if (this.#limits === undefined) return true;
    if (this.#dataEvents < this.#limits.maxEvents) {
      this.#dataEvents++;
      return false;
    }
    // One gap marker per run of uncounted events: a FIN or RST between two runs stays in place.
    let gap = this.#gap;
    if (gap === undefined || this.#events.at(-1) !== gap) {
      gap = { kind: 'gap', at: performance.now(), events: 0, clientBytes: 0, serverBytes: 0 };
      this.#gap = gap;
      this.#events.push(gap);
    }
    gap.events++;
    if (from === 'client') gap.clientBytes += size;
    else gap.serverBytes += size;
    return true;
  }

  #push(event: WireEvent): void {
    if (this.#limits === undefined || this.#over) return;
    this.#events.push(event);
  }

  /** The transcript as plain data, as of now. */
  snapshot(start: number, epochStart: number): Transcript {
    const events = this.#events.map((event) => (event.kind === 'gap' ? { ...event } : event));
    return {
      protocol: this.#description.protocol,
      fixture: this.#description.fixture,
      label: this.#description.label,
      client: this.#client,
      server: this.#description.server,
      start,
      epochStart,
      seed: this.#seed,
      ...(this.#description.varies === undefined ? {} : { varies: this.#description.varies }),
      events,
      totals: { ...this.#totals },
    };
  }
}

/**
 * A copy of the first `length` bytes of `chunk`, encoding no more of a string than it needs. A
 * copy, not a view: Buffer's own slice() shares memory, and a small Buffer often lives in an
 * 8 KiB pool that a kept view would keep alive.
 */
function prefix(chunk: Uint8Array | string, length: number, encoding: BufferEncoding): Uint8Array {
  let source: Uint8Array;
  if (typeof chunk !== 'string') source = chunk;
  else {
    // Every character is at least one byte in utf8, latin1, ascii and utf16le, so `length`
    // characters give enough bytes; hex and base64 pack bytes into more characters: encode it all.
    const text = /^(hex|base64|base64url)$/.test(encoding) ? chunk : chunk.slice(0, length);
    source = Buffer.from(text, encoding);
  }
  const copy = new Uint8Array(length);
  copy.set(source.subarray(0, length));
  return copy;
}

/** The log fixtures record into when they are given none (setDefaultWireLog). */
let defaultLog: WireLog | undefined;

/**
 * Makes `log` the one every fixture, converse() and tapClient() record into when the test gives
 * them none, until it is set again; undefined goes back to a new log per fixture. The grader sets
 * a fresh one for each test, so it can show a failing test's transcripts (and pcap them) without
 * the test passing `{ wire }` around.
 *
 * @example
 * beforeEach(() => setDefaultWireLog(new WireLog()));
 * afterEach(() => setDefaultWireLog(undefined));
 */
export function setDefaultWireLog(log: WireLog | undefined): void {
  defaultLog = log;
}

// The log of the code running now, when it runs inside runWithWireLog(): tests that run side by
// side (describe.concurrent) each record into their own, which one global cannot do.
const scoped = new AsyncLocalStorage<WireLog>();

/**
 * Runs `fn` so that every fixture, converse() and tapClient() it starts (in its own async calls,
 * however they interleave with others) records into `log` when given none: what the grader does
 * around each test.
 *
 * @example
 * aroundEach(async (runTest) => runWithWireLog(new WireLog(), runTest));
 */
export function runWithWireLog<T>(log: WireLog, fn: () => T): T {
  return scoped.run(log, fn);
}

/** The log of the code running now: runWithWireLog()'s, else the one setDefaultWireLog() set, if any. */
export function defaultWireLog(): WireLog | undefined {
  return scoped.getStore() ?? defaultLog;
}

/**
 * The log a fixture records into: the one it was given, else the default log, else a new one.
 *
 * @example
 * const wire = wireLogFor(options.wire);
 */
export function wireLogFor(given: WireLog | undefined): WireLog {
  return given ?? defaultWireLog() ?? new WireLog();
}

/**
 * wireLogFor(), with the fixture's own address claimed, so a hang explanation does not take it
 * for the student's.
 *
 * @example
 * const wire = fixtureLog(options.wire, ['127.0.0.1', port]);
 */
export function fixtureLog(given: WireLog | undefined, address: Endpoint): WireLog {
  const wire = wireLogFor(given);
  wire.claim(address);
  return wire;
}

function limit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`WireLog: ${name} must be a whole number >= 0; got ${String(value)}`);
  }
  return value;
}
