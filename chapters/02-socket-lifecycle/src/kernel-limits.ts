// The Linux settings behind this chapter's numbers: how long the accept queue may be, which ports
// are ephemeral, which ones need privileges. Read from /proc/sys; null where that does not exist
// (macOS, Windows), so callers can say "not Linux" rather than print a wrong number.

import { readFile } from 'node:fs/promises';

export interface KernelLimits {
  /** net.core.somaxconn: listen()'s backlog is silently capped to this. */
  somaxconn: number | null;
  /** net.ipv4.ip_local_port_range: where port-0 binds and client ports come from. */
  ephemeralPorts: readonly [low: number, high: number] | null;
  /** net.ipv4.ip_unprivileged_port_start: ports below this need CAP_NET_BIND_SERVICE (default 1024). */
  unprivilegedPortStart: number | null;
}

async function readNumbers(path: string): Promise<number[] | null> {
  try {
    return (await readFile(path, 'utf8')).trim().split(/\s+/).map(Number);
  } catch {
    return null;
  }
}

/**
 * Reads the kernel limits relevant to bind and listen.
 *
 * @example
 * await kernelLimits() // { somaxconn: 4096, ephemeralPorts: [32768, 60999], unprivilegedPortStart: 1024 }
 */
export async function kernelLimits(): Promise<KernelLimits> {
  const [somaxconn, range, unprivileged] = await Promise.all([
    readNumbers('/proc/sys/net/core/somaxconn'),
    readNumbers('/proc/sys/net/ipv4/ip_local_port_range'),
    readNumbers('/proc/sys/net/ipv4/ip_unprivileged_port_start'),
  ]);
  const [low, high] = range ?? [];
  return {
    somaxconn: somaxconn?.[0] ?? null,
    ephemeralPorts: low !== undefined && high !== undefined ? [low, high] : null,
    unprivilegedPortStart: unprivileged?.[0] ?? null,
  };
}

/**
 * The accept-queue length Linux really uses for a Node listen() with this backlog: Node turns a
 * missing or 0 backlog into 511 (`backlog || 511` in lib/net.js), then the kernel caps it at
 * somaxconn. Linux lets backlog + 1 connections wait (the queue is "full" only when it exceeds
 * the backlog).
 *
 * @example
 * effectiveBacklog(undefined, 4096) // { node: 511, kernel: 511, waiting: 512 }
 * effectiveBacklog(10000, 4096)     // { node: 10000, kernel: 4096, waiting: 4097 }
 */
export function effectiveBacklog(
  requested: number | undefined,
  somaxconn: number,
): { node: number; kernel: number; waiting: number } {
  const node = requested || 511;
  const kernel = Math.min(node, somaxconn);
  return { node, kernel, waiting: kernel + 1 };
}
