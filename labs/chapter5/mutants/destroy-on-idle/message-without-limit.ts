// Mutant: destroys with the message 'idle socket destroyed', which does not say after how long
// Why students write it: the code says what happened, so the message looks unimportant
// Exercise 2: make the idle timer fatal (reference solution).
//
// socket.setTimeout(ms) only emits 'timeout' after `ms` without any activity; the socket stays
// open (the "idle-timer trap"). Turn it into a real failure.
import type net from 'node:net';

/** The one handler per socket, kept so a second call can replace it instead of adding another. */
const handlers = new WeakMap<net.Socket, () => void>();

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
  const previous = handlers.get(socket);
  if (previous) socket.off('timeout', previous);
  handlers.delete(socket);
  socket.setTimeout(idleMs); // Node restarts this countdown on every read and write
  if (idleMs === 0) return;
  const onTimeout = () => {
    const error = new Error('idle socket destroyed') as NodeJS.ErrnoException;
    error.code = 'ETIMEDOUT';
    socket.destroy(error);
  };
  handlers.set(socket, onTimeout);
  socket.on('timeout', onTimeout);
}
