// The test's side of a server exercise: a client that records what it sends and receives, so a
// failing test can show the student what their server did on the wire.
import net from 'node:net';
import { probeQueues } from './probe-queues.ts';
import { tapSocket } from './tap-socket.ts';
import type { Transcript } from './transcript.ts';
import { type ConnectionRecord, type WireLog, wireLogFor } from './wire-log.ts';

/** How a recorded client is written down. */
export interface TapClientOptions {
  /** Where the transcript goes (default: a new WireLog). */
  readonly wire?: WireLog;
  /** The name in the transcript's header (default 'client': "the test's client"). */
  readonly label?: string;
}

/**
 * Records a client socket the test drives itself. Call it right after `net.connect()`, before the
 * connect completes: the record notes the connect (and the client's own address) or its failure.
 *
 * @example
 * const socket = net.connect(server.port, '127.0.0.1');
 * const record = tapClient(socket, ['127.0.0.1', server.port], { wire });
 */
export function tapClient(
  socket: net.Socket,
  server: readonly [host: string, port: number],
  options: TapClientOptions = {},
): ConnectionRecord {
  const wire = wireLogFor(options.wire);
  const record = wire.open({
    protocol: 'tcp',
    fixture: 'client',
    label: options.label ?? 'client',
    server,
  });
  let connected = false;
  socket.once('connect', () => {
    connected = true;
    record.setClient([socket.localAddress ?? '', socket.localPort ?? 0]);
    record.connect();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (!connected) record.refused(error.code ?? error.message);
  });
  tapSocket(socket, record, 'client');
  return record;
}

export interface ConverseOptions extends TapClientOptions {
  /** Default '127.0.0.1'. */
  readonly host?: string;
  /**
   * What to send. A list is sent one piece per write, and each piece waits until a server in
   * this process has had a turn of the event loop to read the one before: a request split
   * between `\r` and `\n` arrives split.
   */
  readonly send?: string | Uint8Array | readonly (string | Uint8Array)[];
  /** Close the sending side (FIN) once everything is sent (default false). */
  readonly end?: boolean;
  /** Stop once the bytes received so far satisfy this; by default, when the server closes. */
  readonly until?: (received: Buffer) => boolean;
  /** Give up after this long, connect included (default 2000 ms). */
  readonly timeoutMs?: number;
  /** What the client waits for, in the transcript when it gives up (default from `until`). */
  readonly expecting?: string;
}

/** How a conversation went. It is all data: converse() never rejects for what the server did. */
export interface Conversation {
  /** Every byte the server sent. */
  readonly received: Buffer;
  /**
   * 'fin': the server closed; 'rst': it reset the connection; 'done': `until` was satisfied;
   * 'timeout': the client gave up; 'refused': the connect failed (nothing listening).
   */
  readonly ending: 'fin' | 'rst' | 'done' | 'timeout' | 'refused';
  /** The socket error behind 'rst' or 'refused' (ECONNRESET, ECONNREFUSED...). */
  readonly code: string | undefined;
  readonly durationMs: number;
  readonly transcript: Transcript;
}

/**
 * Connects to 127.0.0.1:`port`, sends, reads until the server closes (or `until` is satisfied),
 * and resolves with what happened and its transcript. Bounded by `timeoutMs`: on time out it
 * records the kernel's view of both ends (/proc/net) before giving up, which is what tells a
 * server that never read the request from one that read it and never answered.
 *
 * @example
 * const talk = await converse(server.port, { send: ['GET / HTTP/1.1\r', '\nHost: x\r\n\r\n'] });
 * if (talk.ending !== 'fin') console.log(formatTranscript(talk.transcript));
 */
export async function converse(port: number, options: ConverseOptions = {}): Promise<Conversation> {
  const { host = '127.0.0.1', end = false, until, timeoutMs = 2_000 } = options;
  const expecting =
    options.expecting ??
    (until === undefined ? 'the server to close the connection' : 'the reply it expects');
  const wire = wireLogFor(options.wire);
  const pieces =
    options.send === undefined ? [] : Array.isArray(options.send) ? options.send : [options.send];
  const started = performance.now();
  const socket = net.connect({ host, port });
  socket.setNoDelay(true); // each piece its own segment
  const record = tapClient(socket, [host, port], { wire, label: options.label });
  const chunks: Buffer[] = [];
  let total = 0;

  const ending = await new Promise<{ ending: Conversation['ending']; code?: string }>((resolve) => {
    let settled = false;
    const finish = (result: { ending: Conversation['ending']; code?: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      // Read the kernel's view while both ends still exist, then give up.
      void probeQueues([record]).then(() => {
        record.timeout(timeoutMs, expecting);
        finish({ ending: 'timeout' });
      });
    }, timeoutMs);
    let connected = false;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      // until?.() evaluates no argument when there is no until: no copy per chunk.
      if (until?.(Buffer.concat(chunks, total))) finish({ ending: 'done' });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish({ ending: connected ? 'rst' : 'refused', code: error.code });
    });
    socket.on('close', () => finish({ ending: 'fin' }));
    socket.once('connect', () => {
      connected = true;
      void sendAll(socket, pieces, end);
    });
  });

  // Whatever the destroy brings is the test's doing; the socket records nothing once closed.
  socket.destroy();
  return {
    received: Buffer.concat(chunks, total),
    ending: ending.ending,
    code: ending.code,
    durationMs: performance.now() - started,
    transcript: wire.transcriptOf(record),
  };
}

/** Writes each piece, letting the server read it before the next; then FIN if asked. */
async function sendAll(
  socket: net.Socket,
  pieces: readonly (string | Uint8Array)[],
  end: boolean,
): Promise<void> {
  for (const [i, piece] of pieces.entries()) {
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
    // After the write, the bytes are in the server's receive queue; the server reads them in the
    // poll phase of a later loop iteration. Two setImmediate()s let one whole iteration pass.
    if (i < pieces.length - 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (end && !socket.destroyed) socket.end();
}
