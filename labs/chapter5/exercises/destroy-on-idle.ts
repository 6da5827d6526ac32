// Exercise 2: make the idle timer fatal.
//
// socket.setTimeout(ms) only emits 'timeout' after `ms` without any activity; the socket stays
// open (the "idle-timer trap"). Turn it into a real failure.
import type net from 'node:net';

/**
 * Arms an idle timeout on `socket`: if no byte is sent or received for `idleMs`, the socket is
 * destroyed with an Error whose `code` is 'ETIMEDOUT' and whose message names the limit (so its
 * 'error' event reports it and 'close' follows with hadError = true). Activity restarts the countdown, so a peer that keeps
 * sending, however slowly, is never cut off.
 *
 * Calling it again replaces the previous timeout (no second 'timeout' listener of yours may pile
 * up; the caller's own 'timeout' listeners stay); `idleMs` 0 turns it off.
 *
 * @example
 * destroyOnIdle(socket, 5_000);
 * socket.on('error', (e) => console.log(e.code)); // 'ETIMEDOUT' after 5 s of silence
 */
export function destroyOnIdle(socket: net.Socket, idleMs: number): void {
  // TODO: socket.setTimeout(idleMs) starts Node's idle timer; handle its 'timeout' event.
  throw new Error(
    `TODO: destroyOnIdle(socket to port ${socket.remotePort}, ${idleMs}) is not written yet (exercises/destroy-on-idle.ts)`,
  );
}
