// How many bytes the kernel holds for a TCP connection that no program has read yet: what `ss`
// shows as Recv-Q, read through socket-core's netstat() (Linux /proc/net/tcp). The boundary demo
// waits for it, so that its TCP receiver reads only once every byte the sender wrote is there.
import { type NetstatEntry, netstat, type SockAddr } from '@netprog/socket-core';

/**
 * Waits until the kernel's receive queue of the connection from `remote` to `local` (the
 * receiving end, held by this process) holds at least `bytes` bytes, and resolves with how many
 * it holds. There is no event for "bytes arrived but nobody read them", so this looks at
 * /proc/net/tcp again after each turn of the event loop, at most `timeoutMs` long; a reader must
 * not have started reading the connection, or the bytes leave the queue as they arrive.
 *
 * Linux only: elsewhere netstat() throws NetstatUnsupportedError.
 *
 * @example
 * await client.sendAll('hello');
 * await waitForReceiveQueue(client.getpeername(), client.getsockname(), 5, 2_000); // 5
 */
export async function waitForReceiveQueue(
  local: SockAddr,
  remote: SockAddr,
  bytes: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let seen: number | undefined;
  for (;;) {
    const entries = await netstat({ protocols: ['tcp', 'tcp6'] });
    seen = entries.find((entry) => isConnection(entry, local, remote))?.rxQueue;
    if (seen !== undefined && seen >= bytes) return seen;
    if (performance.now() >= deadline) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const found = seen === undefined ? 'no such connection in this process' : `${seen} bytes`;
  throw new Error(
    `waitForReceiveQueue: after ${timeoutMs} ms the receive queue of ${show(remote)} -> ` +
      `${show(local)} holds ${found}, not ${bytes}; did the sender send them, or did a reader ` +
      'already take them?',
  );
}

function isConnection(entry: NetstatEntry, local: SockAddr, remote: SockAddr): boolean {
  return (
    entry.state !== 'LISTEN' &&
    entry.local[0] === local[0] &&
    entry.local[1] === local[1] &&
    entry.remote[0] === remote[0] &&
    entry.remote[1] === remote[1]
  );
}

function show([host, port]: SockAddr): string {
  return `${host}:${port}`;
}
