// Plain Node's own reusePort option, tried for real: Node 22.12+ sets SO_REUSEPORT with it, older
// Nodes (this course runs on 20) accept the option and silently ignore it.

import net from 'node:net';

/**
 * Plain Node's `listen({ host: '127.0.0.1', port, reusePort: true })`: resolves with the server,
 * or with the error code when the listen fails (EADDRINUSE where the option was ignored).
 *
 * @example
 * const first = await listenReusingPort(0);
 * const second = await listenReusingPort(first.address().port); // 'EADDRINUSE' on Node 20
 */
export function listenReusingPort(port: number): Promise<net.Server | string> {
  const server = net.createServer();
  // Node 20's types do not know reusePort yet (Node 20 itself ignores it).
  const options: net.ListenOptions & { reusePort: boolean } = {
    host: '127.0.0.1',
    port,
    reusePort: true,
  };
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(options, () => resolve(server));
  });
}

/**
 * Closes what listenReusingPort gave back (nothing to do for an error code).
 *
 * @example
 * await closeListener(await listenReusingPort(0));
 */
export function closeListener(server: net.Server | string): Promise<void> {
  return typeof server === 'string'
    ? Promise.resolve()
    : new Promise((resolve) => server.close(() => resolve()));
}
