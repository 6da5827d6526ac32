// @ts-check
// The default engine: probes opened with net.Socket, Node's public, documented API.
//
// A probe only needs one answer (connected, or which errno), but a net.Socket is a whole Duplex
// stream: building one per port, and collecting it afterwards, was most of what a probe cost in
// JavaScript. So the engine keeps a small pool of sockets and connects each one again once it
// has closed, as Node's documentation of socket.connect() allows ("only ... for reconnecting a
// socket after 'close' has been emitted"). Each connect still gets a fresh TCP handle inside, so
// the kernel sees exactly what nmap's probes look like: one new socket per port.
import net from 'node:net';

/**
 * @typedef {import('./connect-sweep.mjs').Prober} Prober
 * @typedef {import('./connect-sweep.mjs').OnEnd} OnEnd
 */

// #region engine
/**
 * A prober for `address` (an IP literal, so that no probe waits for a name lookup). The
 * handlers are shared by every socket, which they find in `this`.
 *
 * @param {string} address
 * @param {OnEnd} onEnd
 * @returns {Prober}
 */
export function netProber(address, onEnd) {
  /** Sockets whose last probe has closed, ready to connect again. */
  /** @type {net.Socket[]} */
  const idle = [];

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
  /** @this {net.Socket} */
  function onClose() {
    idle.push(this);
  }

  return {
    start(port) {
      let socket = idle.pop();
      if (socket === undefined) {
        socket = new net.Socket();
        socket.on('connect', onConnect);
        socket.on('error', onError);
        socket.on('close', onClose);
      }
      return socket.connect(port, address);
    },
    abandon(probe) {
      // Still connecting: destroy() ends it (resetAndDestroy would wait for the connect).
      /** @type {net.Socket} */ (probe).destroy();
    },
  };
}
// #endregion engine
