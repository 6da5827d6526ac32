// @ts-check
// The lean inner loop of the fast scanner: connect to many ports, `concurrency` at a time, with as
// little work per port as possible: no Promise per probe, no timer per probe (one ticker checks
// every deadline), and shared handlers instead of closures. It does what scanner.ts does
// (connect, read the result); fast-scan.ts explains why it exists.
//
// An engine opens the connections (a Prober: start a probe, abandon one):
//   'net'      net-engine.mjs: net.Socket, public and documented. The default.
//   'handles'  handles-engine.mjs: the bare TCP handles inside net.Socket, from Node's INTERNAL
//              process.binding('tcp_wrap') (DEP0111). Opt-in, to show what the stream costs.
//
// Why JavaScript in a TypeScript course: this file also runs inside worker threads, and a worker
// is a fresh Node instance. Node 20 cannot run TypeScript, and loading tsx into every worker made
// it start about three times slower (measured: 0.24 s instead of 0.07 s on a quiet machine).
// So the files a worker loads are plain JS, with their types in JSDoc comments, which the
// typecheck checks (each file says `// @ts-check`; allowJs is in tsconfig.base.json).
import { handlesProber } from './handles-engine.mjs';
import { netProber } from './net-engine.mjs';

/**
 * How probes are opened: 'net' (the default, public API) or 'handles' (Node internals, opt-in).
 *
 * @typedef {'net' | 'handles'} SweepEngine
 */

/**
 * @typedef {object} SweepOptions
 * @property {number} concurrency Most connects in flight at once.
 * @property {number} timeoutMs A connect still unfinished after this long is abandoned; its port
 *   goes to `timedOut`.
 * @property {SweepEngine} [engine] Default: DEFAULT_ENGINE.
 * @property {Int32Array} [cursor] Shared between threads (an Int32Array over a SharedArrayBuffer,
 *   starting at 0): the index of the next port of `ports` to probe. Without it the sweep keeps
 *   its own counter.
 */

/**
 * What one sweep saw. Ports that need another look are listed, not decided.
 *
 * @typedef {object} SweepOutcome
 * @property {number[]} open Ports that accepted the connection.
 * @property {number} refused How many ports refused (ECONNREFUSED): closed.
 * @property {number[]} timedOut No answer within timeoutMs: filtered, unless a retry answers.
 * @property {number[]} selfConnects The answer came from our own socket (self-connect): probe again.
 * @property {Array<{ port: number, code: string }>} failed Any other error, by port: the caller
 *   classifies them (see port-state.ts).
 */

/**
 * How one probe ended.
 *
 * @typedef {{ kind: 'connected', selfConnect: boolean } | { kind: 'failed', code: string }} ProbeEnd
 */

/**
 * What an engine calls when a probe ends; `probe` is the object its start() returned.
 *
 * @typedef {(probe: object, end: ProbeEnd) => void} OnEnd
 */

/**
 * An engine, bound to one address: start() opens a probe and returns an object that stands for
 * it (and is handed to onEnd); abandon() gives up on one that is still connecting.
 *
 * @typedef {{ start(port: number): object, abandon(probe: object): void }} Prober
 */

/** The engine a sweep uses when none is named: the public API. */
export const DEFAULT_ENGINE = /** @type {SweepEngine} */ ('net');

// #region sweep
/**
 * Connects to every port in `ports` on `address` (an IP literal, so no DNS lookup per probe),
 * `concurrency` at a time, and sorts the answers. Never rejects.
 *
 * With `options.cursor` several threads sweep ONE shared list: each takes the next port index
 * with Atomics.add, so a thread that starts late (or runs slower) simply takes fewer ports.
 *
 * @param {string} address
 * @param {ArrayLike<number>} ports
 * @param {SweepOptions} options
 * @returns {Promise<SweepOutcome>}
 */
export function sweepPorts(address, ports, options) {
  const { concurrency, timeoutMs, engine = DEFAULT_ENGINE, cursor } = options;
  /** @type {SweepOutcome} */
  const outcome = { open: [], refused: 0, timedOut: [], selfConnects: [], failed: [] };
  // Insertion order is start order and every probe has the same timeout, so the oldest probe is
  // always first: the deadline check can stop at the first probe that still has time.
  /** @type {Map<object, { port: number, deadline: number, late?: boolean }>} */
  const inFlight = new Map();
  let next = 0;
  /** The index of the next port to probe: our own counter, or the threads' shared one. */
  const take = cursor === undefined ? () => next++ : () => Atomics.add(cursor, 0, 1);
  let exhausted = false;

  return new Promise((resolve) => {
    /** @type {OnEnd} */
    const onEnd = (probe, end) => {
      const entry = inFlight.get(probe);
      if (entry === undefined) return; // abandoned after its deadline
      inFlight.delete(probe);
      if (end.kind === 'connected') {
        if (end.selfConnect) outcome.selfConnects.push(entry.port);
        else outcome.open.push(entry.port);
        // Refused is by far the most common answer: count it; the caller classifies the rest.
      } else if (end.code === 'ECONNREFUSED') outcome.refused += 1;
      else outcome.failed.push({ port: entry.port, code: end.code });
      launch();
    };
    const prober = engine === 'handles' ? handlesProber(address, onEnd) : netProber(address, onEnd);
    // One timer for all probes instead of one per probe.
    const ticker = setInterval(expireOverdue, Math.max(5, Math.min(100, timeoutMs / 4)));

    function launch() {
      while (!exhausted && inFlight.size < concurrency) {
        const index = take();
        if (index >= ports.length) {
          exhausted = true;
          break;
        }
        const port = /** @type {number} */ (ports[index]);
        inFlight.set(prober.start(port), { port, deadline: performance.now() + timeoutMs });
      }
      if (inFlight.size === 0 && exhausted) {
        clearInterval(ticker);
        resolve(outcome);
      }
    }

    function expireOverdue() {
      const now = performance.now();
      /** @type {object[]} */
      const overdue = [];
      for (const [probe, entry] of inFlight) {
        if (entry.deadline > now) break;
        // Past its deadline at two ticks in a row: in between, the event loop has run whole turns.
        // A refused connect ends in a 'close' one turn after its error, and on a busy machine the
        // first tick past the deadline can come before that turn (a closed port seen "filtered").
        if (entry.late) overdue.push(probe);
        else entry.late = true;
      }
      if (overdue.length === 0) return;
      // Timers run BEFORE the event loop polls for I/O. On a busy machine an answer may already
      // be waiting; setImmediate runs after the poll, so such a probe is not wrongly timed out.
      setImmediate(() => {
        for (const probe of overdue) {
          const entry = inFlight.get(probe);
          if (entry === undefined) continue;
          inFlight.delete(probe);
          prober.abandon(probe);
          outcome.timedOut.push(entry.port);
        }
        launch();
      });
    }

    launch();
  });
}
// #endregion sweep
