// Types for connect-sweep.mjs (plain JavaScript so that worker threads can load it without tsx).

/**
 * How probes are opened: 'net' is net.connect() (public API); 'tcp-handle' is the TCP handle
 * inside net.Socket, from Node's internal process.binding('tcp_wrap') (undocumented, deprecated
 * as DEP0111), which costs much less CPU per probe.
 */
export type SweepEngine = 'net' | 'tcp-handle';

export interface SweepOptions {
  /** Most connects in flight at once. */
  concurrency: number;
  /** A connect still unfinished after this long is abandoned; its port goes to `timedOut`. */
  timeoutMs: number;
  /** Default: defaultEngine(). */
  engine?: SweepEngine;
  /**
   * Shared between threads (an Int32Array over a SharedArrayBuffer, starting at 0): the index of
   * the next port of `ports` to probe. Without it the sweep keeps its own counter.
   */
  cursor?: Int32Array;
}

/** What one sweep saw. Ports that need another look are listed, not decided. */
export interface SweepOutcome {
  /** Ports that accepted the connection. */
  open: number[];
  /** How many ports refused (ECONNREFUSED): closed. */
  refused: number;
  /** No answer within timeoutMs: filtered, unless a retry answers. */
  timedOut: number[];
  /** The answer came from our own socket (self-connect): probe again. */
  selfConnects: number[];
  /** Any other error, by port: the caller classifies them (see port-state.ts). */
  failed: Array<{ port: number; code: string }>;
}

/**
 * 'tcp-handle' where this Node offers the internal TCP binding, else 'net'.
 *
 * @example
 * defaultEngine() // 'tcp-handle' on Node 20
 */
export function defaultEngine(): SweepEngine;

/**
 * Connects to every port in `ports` on `address` (an IP literal), `concurrency` at a time, and
 * sorts the answers. Never rejects.
 *
 * @example
 * const outcome = await sweepPorts('127.0.0.1', [22, 80, 8080], { concurrency: 100, timeoutMs: 500 });
 * console.log(outcome.open, outcome.refused);
 */
export function sweepPorts(
  address: string,
  ports: ArrayLike<number>,
  options: SweepOptions,
): Promise<SweepOutcome>;
