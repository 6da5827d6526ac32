// Guarding UDP: dgram.Socket.prototype.send and connect.
import dgram from 'node:dgram';
import { checkTarget } from './check-target.ts';

type Send = typeof dgram.Socket.prototype.send;
type Connect = typeof dgram.Socket.prototype.connect;

/**
 * Replaces dgram's send and connect with checking versions; returns a function that restores
 * them. The rule is stricter than for TCP: the destination must be a loopback IP address or
 * 'localhost' (no other names), or be left out (Node then uses 127.0.0.1 / ::1), and the port
 * must not be 53 (see checkTarget). A send on a
 * connected socket names no destination and passes, since its connect was already checked.
 * A refused call sends nothing; it fails on the next tick through its callback, or through
 * 'error' when there is none, like any failed send.
 *
 * @example
 * const restore = guardDgram();
 * dgram.createSocket('udp4').send('x', 53, '198.51.100.1', (e) => console.log(e?.code)); // ENETUNREACH_GUARD
 * restore();
 */
export function guardDgram(): () => void {
  const { send, connect } = dgram.Socket.prototype;
  const guardedSend = function (this: dgram.Socket, ...args: unknown[]): void {
    if (!isConnected(this)) {
      // Node's own rule: (msg, offset, length, port, address, cb) when args 4/5 look like a
      // port and an address, otherwise (msg, port, address, cb).
      const long = Boolean(args[4]) || (Boolean(args[3]) && typeof args[3] !== 'function');
      const [port, address] = long ? [args[3], args[4]] : [args[1], args[2]];
      const error = checkTarget('UDP send', hostOrDefault(address), port as number);
      if (error !== undefined) {
        fail(this, error, lastCallback(args));
        return;
      }
    }
    Reflect.apply(send, this, args);
  };
  const guardedConnect = function (this: dgram.Socket, ...args: unknown[]): void {
    const [port, address] = args;
    const error = checkTarget('UDP connect', hostOrDefault(address), port as number);
    if (error !== undefined) {
      fail(this, error, lastCallback(args));
      return;
    }
    Reflect.apply(connect, this, args);
  };
  dgram.Socket.prototype.send = guardedSend as Send;
  dgram.Socket.prototype.connect = guardedConnect as Connect;
  return () => {
    dgram.Socket.prototype.send = send;
    dgram.Socket.prototype.connect = connect;
  };
}

/** A missing or empty address means loopback to Node (127.0.0.1 or ::1). */
function hostOrDefault(address: unknown): string {
  return typeof address === 'string' && address !== '' ? address : 'localhost';
}

function isConnected(socket: dgram.Socket): boolean {
  try {
    socket.remoteAddress(); // throws ERR_SOCKET_DGRAM_NOT_CONNECTED when not connected
    return true;
  } catch {
    return false;
  }
}

function lastCallback(args: unknown[]): ((error: Error) => void) | undefined {
  const last = args.findLast((arg) => typeof arg === 'function');
  return last as ((error: Error) => void) | undefined;
}

function fail(
  socket: dgram.Socket,
  error: Error,
  callback: ((error: Error) => void) | undefined,
): void {
  process.nextTick(() => (callback ? callback(error) : socket.emit('error', error)));
}
