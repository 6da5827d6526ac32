// @ts-check
// The lean inner loop of the fast scanner: connect to many ports, `concurrency` at a time, with as
// little work per port as possible: no Promise per probe, no timer per probe (one ticker checks
// every deadline), shared handlers instead of closures, and RST instead of FIN on close. It
// does what scanner.ts does (connect, read the result); fast-scan.ts explains why it exists.
//
// Two engines open the connections:
//   'net'        net.connect(): public, documented API. Each probe builds a whole net.Socket
//                (a Duplex stream with its buffers and states) only to learn one errno.
//   'tcp-handle' the TCP handle that net.Socket itself wraps, from process.binding('tcp_wrap'):
//                Node's INTERNAL binding (undocumented, deprecated as DEP0111, may change in any
//                Node release). It costs about a third of the CPU per probe. Used only when
//                present; 'net' is the fallback.
//
// Why JavaScript in a TypeScript course: this file also runs inside worker threads, and a worker
// is a fresh Node instance. Node 20 cannot run TypeScript, and loading tsx into every worker made
// it start about three times slower (measured: 0.24 s instead of 0.07 s on a quiet machine).
// So this one file is plain JS, its types checked by `// @ts-check` and declared in
// connect-sweep.d.mts beside it.
import net from 'node:net';
import util from 'node:util';

/**
 * @typedef {import('./connect-sweep.d.mts').SweepOptions} SweepOptions
 * @typedef {import('./connect-sweep.d.mts').SweepOutcome} SweepOutcome
 * @typedef {import('./connect-sweep.d.mts').SweepEngine} SweepEngine
 * @typedef {{ kind: 'connected', selfConnect: boolean } | { kind: 'failed', code: string }} ProbeEnd
 * @typedef {(probe: object, end: ProbeEnd) => void} OnEnd
 * @typedef {{ start(port: number): object, abandon(probe: object): void }} Prober
 */

/** The internal binding, or undefined when this Node does not offer it. */
const tcpWrap = loadTcpWrap();

function loadTcpWrap() {
  // process.binding is internal, so Node's type definitions leave it out: hence the casts.
  const internal = /** @type {{ binding?: (name: string) => any }} */ (
    /** @type {unknown} */ (process)
  );
  try {
    const binding = internal.binding?.('tcp_wrap');
    const usable =
      typeof binding?.TCP === 'function' &&
      typeof binding?.TCPConnectWrap === 'function' &&
      typeof binding?.constants?.SOCKET === 'number';
    return usable ? binding : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The engine sweepPorts uses when none is named: 'tcp-handle' where Node offers it, else 'net'.
 *
 * @returns {SweepEngine}
 */
export function defaultEngine() {
  return tcpWrap === undefined ? 'net' : 'tcp-handle';
}

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
  const { concurrency, timeoutMs, engine = defaultEngine(), cursor } = options;
  /** @type {SweepOutcome} */
  const outcome = { open: [], refused: 0, timedOut: [], selfConnects: [], failed: [] };
  // Insertion order is start order and every probe has the same timeout, so the oldest probe is
  // always first: the deadline check can stop at the first probe that still has time.
  /** @type {Map<object, { port: number, deadline: number }>} */
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
    const prober =
      engine === 'tcp-handle' ? handleProber(address, onEnd) : netProber(address, onEnd);
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
        overdue.push(probe);
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

// #region net-engine
/**
 * Probes with net.connect(). The handlers are shared by all sockets and find theirs in `this`.
 *
 * @param {string} address
 * @param {OnEnd} onEnd
 * @returns {Prober}
 */
function netProber(address, onEnd) {
  /** @this {net.Socket} */
  function onConnect() {
    const selfConnect =
      this.localPort === this.remotePort && this.localAddress === this.remoteAddress;
    this.resetAndDestroy(); // RST, not FIN: no TIME_WAIT (nmap closes its probes the same way)
    onEnd(this, { kind: 'connected', selfConnect });
  }
  /**
   * @this {net.Socket}
   * @param {NodeJS.ErrnoException} error
   */
  function onError(error) {
    onEnd(this, { kind: 'failed', code: error.code ?? 'UNKNOWN' });
  }
  return {
    start(port) {
      const socket = net.connect({ host: address, port });
      socket.on('connect', onConnect);
      socket.on('error', onError);
      return socket;
    },
    abandon(probe) {
      // Still connecting: destroy() ends it (resetAndDestroy would wait for the connect).
      /** @type {net.Socket} */ (probe).destroy();
    },
  };
}
// #endregion net-engine

// #region handle-engine
/**
 * Probes with bare TCP handles, the object inside every net.Socket: connect, read the status,
 * close. No stream, no events, no Error objects.
 *
 * @param {string} address
 * @param {OnEnd} onEnd
 * @returns {Prober}
 */
function handleProber(address, onEnd) {
  if (tcpWrap === undefined) {
    throw new Error("the 'tcp-handle' engine is not available in this Node; use engine 'net'");
  }
  const { TCP, TCPConnectWrap, constants } = tcpWrap;
  const ipv6 = net.isIPv6(address);
  // libuv reports errors as negative numbers. Most probes are refused, so that answer is one
  // shared object instead of a name lookup and a new object per probe.
  const refusedStatus = uvErrorNumber('ECONNREFUSED');
  /** @type {ProbeEnd} */
  const refused = { kind: 'failed', code: 'ECONNREFUSED' };

  /**
   * libuv calls this when the connect finishes; status is 0 or a negative errno.
   *
   * @param {number} status
   * @param {any} handle the TCP handle (internal, so untyped)
   */
  function oncomplete(status, handle) {
    if (status !== 0) {
      handle.close();
      onEnd(
        handle,
        status === refusedStatus
          ? refused
          : { kind: 'failed', code: util.getSystemErrorName(status) },
      );
      return;
    }
    /** @type {{ address?: string, port?: number }} */
    const local = {};
    /** @type {{ address?: string, port?: number }} */
    const remote = {};
    handle.getsockname(local);
    handle.getpeername(remote);
    const selfConnect = local.port === remote.port && local.address === remote.address;
    // reset() closes with RST (what resetAndDestroy uses inside); close() if it is refused.
    if (handle.reset(noop) !== 0) handle.close();
    onEnd(handle, { kind: 'connected', selfConnect });
  }

  return {
    start(port) {
      const handle = new TCP(constants.SOCKET);
      const request = new TCPConnectWrap();
      request.oncomplete = oncomplete;
      const error = ipv6
        ? handle.connect6(request, address, port)
        : handle.connect(request, address, port);
      if (error !== 0) {
        // Failed at once (EMFILE, say): report it after the caller has registered the probe.
        handle.close();
        process.nextTick(onEnd, handle, { kind: 'failed', code: util.getSystemErrorName(error) });
      }
      return handle;
    },
    abandon(probe) {
      /** @type {any} */ (probe).close(); // closing the handle cancels its connect
    },
  };
}

function noop() {}

/**
 * libuv's (negative) number for an error name on this platform, e.g. -111 for ECONNREFUSED on Linux.
 *
 * @param {string} name
 */
function uvErrorNumber(name) {
  for (const [errno, [errName]] of util.getSystemErrorMap()) if (errName === name) return errno;
  return Number.NaN;
}
// #endregion handle-engine
