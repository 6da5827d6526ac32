// The one place the UDP code reads a private field of Node's: the OS file descriptor.
import type dgram from 'node:dgram';

/**
 * The OS file descriptor behind a dgram.Socket, or -1 when there is none (not bound yet, closed,
 * or on Windows, where libuv reports -1).
 *
 * Why a private field: like TCP (see node-handle.ts), Node has no public API for a UDP socket's
 * fd, yet the fd is what the Berkeley API and tools like lsof talk about. dgram keeps its libuv
 * handle under a symbol described as 'state symbol'; the older `_handle` getter would print a
 * deprecation warning (DEP0112), so it is not used. If a future Node moves the handle, this
 * returns -1 instead of throwing.
 *
 * @example
 * import dgram from 'node:dgram';
 * const s = dgram.createSocket('udp4').bind(0, '127.0.0.1');
 * s.once('listening', () => console.log(dgramFd(s))); // e.g. 23
 */
export function dgramFd(socket: dgram.Socket | undefined): number {
  if (socket === undefined) return -1;
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  if (symbol === undefined) return -1;
  const state = (socket as unknown as Record<symbol, { handle?: { fd?: unknown } | null }>)[symbol];
  const fd = state?.handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : -1;
}
