// A UDP peer on 127.0.0.1 that behaves like a bad network: it drops, delays, duplicates and
// reorders, as its seeded LossyPlan says. Loopback itself never loses a datagram, so a pinger or
// a reliable-delivery protocol can only be tested against loss that something injects on purpose.
import dgram from 'node:dgram';
import { once } from 'node:events';
import {
  closeOnce,
  type Fixture,
  loopbackFixture,
  type Recorded,
  type SockAddr,
  variesOf,
  type WireOptions,
} from '../fixtures/fixture.ts';
import { resolveSeed, withSeed } from '../seed/resolve-seed.ts';
import { fixtureLog } from '../wire/record/wire-log.ts';
import { type LossyDecision, type LossyOptions, LossyPlan } from './lossy-plan.ts';

/**
 * Builds the reply to one datagram that was not dropped; null or undefined sends nothing.
 * The default replies with the datagram itself (an echo).
 */
export type LossyResponder = (
  message: Buffer,
  from: SockAddr,
  index: number,
) => Uint8Array | null | undefined;

export interface LossyUdpOptions extends Omit<LossyOptions, 'seed'>, WireOptions {
  /**
   * Seeds every decision (default: NETPROG_SEED, else a random seed; read it back as
   * `peer.seed`). Pass one when the test's expectations depend on the exact losses.
   */
  seed?: number;
  /** What to answer (default: echo the datagram back). Runs only for datagrams not dropped. */
  respond?: LossyResponder;
  /**
   * A reply held back for reordering goes out right after the next reply, or after this many
   * milliseconds if no other reply comes (default 50): reordering must never turn into loss.
   */
  reorderHoldMs?: number;
}

/** What the peer has done so far. The object is live: read it whenever you like. */
export interface LossyUdpStats {
  /** Datagrams that arrived (dropped or not). */
  received: number;
  /** Datagrams dropped on purpose. */
  dropped: number;
  /** Replies sent, not counting duplicate copies. */
  echoed: number;
  /** Extra copies sent by duplication. */
  duplicated: number;
  /** Replies that were held back and sent after a later one. */
  reordered: number;
}

export interface LossyUdpPeer extends Fixture, Recorded {
  /** The seed behind every decision: the same seed replays the same losses. */
  readonly seed: number;
  readonly stats: Readonly<LossyUdpStats>;
  /** Errors thrown by `respond` (the datagram then got no reply). A correct test expects none. */
  readonly errors: readonly unknown[];
  /**
   * What the peer did to each datagram that has arrived so far, in arrival order: its own record
   * of the decisions it applied, to hold against the plan and against what a client reports.
   */
  readonly log: readonly LossyDecision[];
  /** The fate of the `index`-th arriving datagram (0-based), known before it arrives. */
  decision(index: number): LossyDecision;
  /** True when the `index`-th arriving datagram (0-based) will be dropped. */
  willDrop(index: number): boolean;
  /** The decisions for the first `count` arrivals: what a test needs to compute expected loss. */
  plan(count: number): LossyDecision[];
}

/** The longest a reordered reply may wait for a later one. */
const DEFAULT_REORDER_HOLD_MS = 50;

/**
 * Starts a lossy UDP peer on 127.0.0.1 (port chosen by the kernel). By default it is an echo
 * server on a bad network: each arriving datagram is dropped with probability `loss`, and the
 * others are echoed after `delayMs` (+ up to `jitterMs`), sometimes twice (`duplicate`), sometimes
 * after the next reply (`reorder`). Decisions depend only on `seed` and the arrival index, so
 * `peer.plan(n)` tells a test in advance exactly which datagrams will be lost.
 *
 * Loss applies to arriving datagrams; a lost request and a lost reply look the same to a client,
 * so one decision covers both directions.
 *
 * @example
 * await using peer = await listenLossyUdp({ seed: 42, loss: 0.3 });
 * const expectedLost = peer.plan(10).filter((d) => d.drop).length; // exact, every run
 * // ...send 10 pings to peer.address, one at a time, and count the replies...
 * console.log(peer.stats); // { received: 10, dropped: expectedLost, echoed: 10 - expectedLost, ... }
 */
export async function listenLossyUdp(options: LossyUdpOptions = {}): Promise<LossyUdpPeer> {
  const seed = resolveSeed(options.seed, 'listenLossyUdp');
  const plan = new LossyPlan({ ...options, seed });
  const respond: LossyResponder = options.respond ?? ((message) => message);
  const holdMs = options.reorderHoldMs ?? DEFAULT_REORDER_HOLD_MS;
  if (!Number.isInteger(holdMs) || holdMs < 0 || holdMs > 1_000) {
    throw new RangeError(
      `listenLossyUdp: reorderHoldMs must be a whole number of milliseconds from 0 to 1000; got ${String(holdMs)}`,
    );
  }
  const stats: LossyUdpStats = { received: 0, dropped: 0, echoed: 0, duplicated: 0, reordered: 0 };
  const errors: unknown[] = [];
  const log: LossyDecision[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const socket = dgram.createSocket('udp4');
  // A client that vanished can make a send fail; that is the client's problem, not a crash here.
  socket.on('error', () => {});
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  const here: SockAddr = ['127.0.0.1', port];
  const wire = fixtureLog(options.wire, here);
  // One transcript for the peer's socket: every datagram in and out, with its fate.
  const label = 'lossy udp peer';
  const record = wire.open({
    protocol: 'udp',
    fixture: 'server',
    label,
    server: here,
    seed,
    ...variesOf(options),
  });

  /** Runs `action` after `ms` (at once for 0); cancelled if the peer closes first. */
  const after = (ms: number, action: () => void): NodeJS.Timeout | undefined => {
    if (ms <= 0) {
      action();
      return undefined;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
    return timer;
  };

  const transmit = (copies: readonly Buffer[], to: SockAddr): void => {
    if (closed) return;
    for (const copy of copies) {
      record.datagram('server', here, to, copy);
      socket.send(copy, to[1], to[0], () => {});
    }
  };

  // The one reply currently held back for reordering, and the timer that releases it anyway.
  let held: { copies: Buffer[]; to: SockAddr; timer: NodeJS.Timeout | undefined } | undefined;
  const releaseHeld = (): void => {
    if (held === undefined) return;
    const { copies, to, timer } = held;
    held = undefined;
    if (timer !== undefined) {
      clearTimeout(timer);
      timers.delete(timer);
    }
    transmit(copies, to);
  };

  const sendReply = (copies: Buffer[], to: SockAddr, reorder: boolean): void => {
    if (reorder) {
      releaseHeld(); // at most one reply waits; an older one goes first
      stats.reordered++;
      held = { copies, to, timer: undefined };
      const entry = held;
      entry.timer = after(Math.max(holdMs, 1), () => {
        if (held === entry) releaseHeld();
      });
      return;
    }
    transmit(copies, to);
    releaseHeld(); // the held reply goes after this one: that is the reordering
  };

  socket.on('message', (message, rinfo) => {
    const index = stats.received++;
    const decision = plan.decision(index);
    log.push(decision);
    const from: SockAddr = [rinfo.address, rinfo.port];
    record.datagram('client', from, here, message, { fate: fateOf(decision) });
    if (decision.drop) {
      stats.dropped++;
      return;
    }
    let reply: Uint8Array | null | undefined;
    try {
      reply = respond(message, from, index);
    } catch (error) {
      errors.push(error);
      record.note(withSeed(`respond threw for arrival ${index}: ${String(error)}`, seed));
      return;
    }
    if (reply === null || reply === undefined) return;
    const bytes = Buffer.from(reply);
    const copies = decision.duplicate ? [bytes, bytes] : [bytes];
    stats.echoed++;
    if (decision.duplicate) stats.duplicated++;
    after(decision.delayMs, () => sendReply(copies, from, decision.reorder));
  });

  const close = closeOnce(async () => {
    record.teardown();
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    held = undefined;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  });

  return {
    ...loopbackFixture(port, close),
    seed,
    wire,
    stats,
    errors,
    log,
    decision: (index) => plan.decision(index),
    willDrop: (index) => plan.decision(index).drop,
    plan: (count) => plan.first(count),
  };
}

/** What the peer does to one arriving datagram, for its transcript. */
function fateOf(decision: LossyDecision): string {
  if (decision.drop) return `arrival ${decision.index}: dropped on purpose`;
  const how = [
    decision.delayMs > 0 ? `answered after ${decision.delayMs} ms` : 'answered',
    decision.duplicate ? 'twice' : '',
    decision.reorder ? 'after the next reply' : '',
  ];
  return `arrival ${decision.index}: ${how.filter((part) => part !== '').join(', ')}`;
}
