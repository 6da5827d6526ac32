// The one place socket-core reads a private field of Node's: the OS file descriptor.
import type net from 'node:net';

/** The part of Node's private libuv handle wrapper that we read. */
interface HandleWithFd {
  readonly fd?: number;
}

/**
 * The OS file descriptor behind a net.Socket or net.Server, or -1 when there is none (not created
 * yet, already closed, or on Windows, where libuv reports -1).
 *
 * Why the private field: Node has no public API for the fd of a TCP socket, yet the fd is exactly
 * what the Berkeley API is about (Python's fileno(), the fd= in its repr, the numbers lsof and
 * /proc/<pid>/fd show). `_handle` is Node's internal TCPWrap; its `fd` getter has existed for
 * many years. If a future Node removes it, this returns -1 instead of throwing.
 *
 * @example
 * import net from 'node:net';
 * const server = net.createServer().listen(0, '127.0.0.1');
 * server.once('listening', () => console.log(handleFd(server))); // e.g. 21
 */
export function handleFd(owner: net.Socket | net.Server | undefined): number {
  // biome-ignore lint/complexity/useLiteralKeys: reading Node's private `_handle` on purpose, see above
  const handle = (owner as unknown as Record<string, unknown> | undefined)?.['_handle'] as
    | HandleWithFd
    | null
    | undefined;
  const fd = handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : -1;
}
