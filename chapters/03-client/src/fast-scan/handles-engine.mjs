// @ts-check
// The opt-in engine (--engine handles): probes opened with bare TCP handles, the object inside
// every net.Socket, taken from process.binding('tcp_wrap').
//
// INTERNAL: that binding is Node's private plumbing. It is undocumented, deprecated (DEP0111),
// and may change or vanish in any Node release. It is here to show what a net.Socket costs on
// top of the system calls (about half of a probe's CPU time in the recorded benchmark), not as
// something to build on. Nothing else in the course uses it, and the scanner uses it only when
// asked to and only when handlesUnavailable() finds it usable; otherwise it falls back to the
// public engine (net-engine.mjs).
import net from 'node:net';
import util from 'node:util';

/**
 * @typedef {import('./connect-sweep.mjs').Prober} Prober
 * @typedef {import('./connect-sweep.mjs').OnEnd} OnEnd
 * @typedef {import('./connect-sweep.mjs').ProbeEnd} ProbeEnd
 */

/**
 * The part of `process` loadTcpWrap() looks at; tests hand it a process without the binding.
 * (`binding` is internal, so Node's types leave it out.)
 *
 * @typedef {object} ProcessLike
 * @property {string} version
 * @property {string[]} execArgv
 * @property {Record<string, string | undefined>} env
 * @property {((name: string) => any) | undefined} [binding]
 * @property {(warning: string | Error, ...rest: any[]) => void} emitWarning
 */

/**
 * The part of the binding this engine uses. Internal, so nothing types it: `any` is the honest
 * type of what comes out of it.
 *
 * @typedef {{ TCP: any, TCPConnectWrap: any, constants: { SOCKET: number } }} TcpWrap
 */

/**
 * Loads the binding from `proc` and says why it cannot be used: it is gone, it throws, it lacks
 * what the engine needs, or Node deprecates it at run time (a DEP0111 warning, e.g. under
 * --pending-deprecation, or with --throw-deprecation, where it would be thrown). It touches
 * nothing but `proc`, so that tests can hand it a process without the binding.
 *
 * @param {ProcessLike} proc
 * @returns {{ binding: TcpWrap } | { unavailable: string }}
 */
export function loadTcpWrap(proc) {
  const node = `Node ${proc.version}`;
  if (typeof proc.binding !== 'function') return { unavailable: `${node} has no process.binding` };
  if (pendingDeprecation(proc)) {
    return {
      unavailable: `${node} runs with --pending-deprecation, which deprecates it (DEP0111)`,
    };
  }
  // A deprecation warning is emitted synchronously from inside binding(): catch it there, so
  // that the fallback is one line of ours instead of Node's warning plus ours.
  let deprecated = false;
  const emitWarning = proc.emitWarning;
  proc.emitWarning = /** @type {ProcessLike['emitWarning']} */ (
    (warning, ...rest) => {
      const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
      const type = typeof rest[0] === 'object' ? rest[0]?.type : rest[0];
      if (type === 'DeprecationWarning' && code === 'DEP0111') deprecated = true;
      else Reflect.apply(emitWarning, proc, [warning, ...rest]);
    }
  );
  try {
    const binding = proc.binding('tcp_wrap');
    if (deprecated) {
      return { unavailable: `${node} deprecates process.binding at run time (DEP0111)` };
    }
    const usable =
      typeof binding?.TCP === 'function' &&
      typeof binding?.TCPConnectWrap === 'function' &&
      typeof binding?.constants?.SOCKET === 'number';
    return usable
      ? { binding }
      : { unavailable: `${node}'s process.binding('tcp_wrap') lacks TCP handles` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { unavailable: `${node} refused process.binding('tcp_wrap'): ${message}` };
  } finally {
    proc.emitWarning = emitWarning;
  }
}

/**
 * Whether Node was started with --pending-deprecation (a flag or the environment variable):
 * then process.binding warns on its first call only, which another module may have made.
 *
 * @param {ProcessLike} proc
 */
function pendingDeprecation(proc) {
  const flag = '--pending-deprecation';
  return (
    proc.execArgv.includes(flag) ||
    (proc.env.NODE_OPTIONS ?? '').split(/\s+/).includes(flag) ||
    proc.env.NODE_PENDING_DEPRECATION === '1'
  );
}

/** @type {ReturnType<typeof loadTcpWrap> | undefined} */
let loaded;

/** This process's answer, asked once (Node warns only once, so a second look would miss it). */
function tcpWrap() {
  loaded ??= loadTcpWrap(/** @type {ProcessLike} */ (/** @type {unknown} */ (process)));
  return loaded;
}

/**
 * Why this Node cannot run the handles engine, or undefined when it can.
 *
 * @returns {string | undefined}
 */
export function handlesUnavailable() {
  const answer = tcpWrap();
  return 'unavailable' in answer ? answer.unavailable : undefined;
}

/**
 * Probes with bare TCP handles: connect, read the status, close. No stream, no events, no Error
 * objects.
 *
 * @param {string} address
 * @param {OnEnd} onEnd
 * @returns {Prober}
 */
export function handlesProber(address, onEnd) {
  const answer = tcpWrap();
  if ('unavailable' in answer) {
    throw new Error(`the handles engine cannot run: ${answer.unavailable}; use the net engine`);
  }
  const { TCP, TCPConnectWrap, constants } = answer.binding;
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
