// What the kernel says about one socket, next to what the program believes. The examples print
// both after every call, so the reader sees where Node's view and the kernel's agree, and the
// places (bind before listen) where Node has not created the OS socket yet.

import {
  formatNetstatEndpoint,
  type NetstatEntry,
  type NetstatOptions,
  netstat,
} from '@netprog/socket-core';

/**
 * One line for a netstat entry: `LISTEN 127.0.0.1:41234 -> 0.0.0.0:*`.
 *
 * @example
 * describeEntry({ state: 'ESTABLISHED', local: ['127.0.0.1', 50204], remote: ['127.0.0.1', 7001], ... })
 * // 'ESTABLISHED 127.0.0.1:50204 -> 127.0.0.1:7001'
 */
export function describeEntry(entry: Pick<NetstatEntry, 'state' | 'local' | 'remote'>): string {
  return `${entry.state} ${formatNetstatEndpoint(entry.local)} -> ${formatNetstatEndpoint(entry.remote)}`;
}

/**
 * The kernel's view of the socket behind file descriptor `fd` in this process, as one line; for
 * fd -1 (Node has no OS socket yet) it says so instead of asking the kernel.
 *
 * @example
 * await kernelView(server.fd) // 'LISTEN 127.0.0.1:41234 -> 0.0.0.0:*'
 * await kernelView(-1)        // 'no OS socket yet'
 */
export async function kernelView(fd: number): Promise<string> {
  if (fd < 0) return 'no OS socket yet';
  const entry = (await netstat({ protocols: ['tcp', 'tcp6'] })).find((e) => e.fd === fd);
  return entry === undefined ? `fd ${fd} is not a TCP socket` : describeEntry(entry);
}

/**
 * Polls netstat() until an entry matches, or rejects after `timeoutMs`. For states the kernel
 * reaches a moment after the call that caused them (TIME_WAIT appears when the peer's FIN
 * arrives, not when close() returns).
 *
 * @example
 * await waitForEntry((e) => e.state === 'TIME_WAIT' && e.local[1] === port, { all: true });
 */
export async function waitForEntry(
  match: (entry: NetstatEntry) => boolean,
  options: NetstatOptions & { timeoutMs?: number } = {},
): Promise<NetstatEntry> {
  const { timeoutMs = 2_000, ...netstatOptions } = options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = (await netstat(netstatOptions)).find(match);
    if (found !== undefined) return found;
    if (performance.now() > deadline) {
      throw new Error(`waitForEntry: no matching socket appeared within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
