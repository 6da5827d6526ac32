// Whether this machine can use IPv6 on loopback. Some containers and CI runners have IPv6
// disabled; the dual-stack example and tests check first and say so instead of failing.

import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * True when a TCP server can listen on [::1]:0, the only proof that counts (an interface list can
 * show ::1 while the stack refuses it). The probe server is closed before this resolves.
 *
 * @example
 * if (!(await hasIpv6Loopback())) console.log('skipped: no IPv6 loopback (::1) on this machine');
 */
export async function hasIpv6Loopback(): Promise<boolean> {
  const probe = createServer();
  try {
    probe.listen({ host: '::1', port: 0 });
    await Promise.race([
      once(probe, 'listening'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    if (probe.listening) await new Promise((resolve) => probe.close(resolve));
  }
}
