// Why binding port 80 fails for one user and works for another. Classic Unix: ports below 1024
// need root. Linux today: they need the CAP_NET_BIND_SERVICE capability, and "below 1024" is the
// sysctl net.ipv4.ip_unprivileged_port_start (some distributions and containers lower it to 0).
// macOS since Mojave lets anyone bind low ports on the wildcard address.

import { readFile } from 'node:fs/promises';

/** Bit number of CAP_NET_BIND_SERVICE in the capability sets (include/uapi/linux/capability.h). */
export const CAP_NET_BIND_SERVICE = 10;

/** What decides whether this process may bind a low port. */
export interface PrivilegeFacts {
  platform: NodeJS.Platform;
  uid: number | null;
  /** Effective capabilities (CapEff in /proc/self/status), or null when unknown. */
  effectiveCapabilities: bigint | null;
  /** net.ipv4.ip_unprivileged_port_start, or null when unknown (not Linux). */
  unprivilegedPortStart: number | null;
}

/** The prediction for one port, with the reason in words. */
export interface PrivilegedBindPrediction {
  expect: 'ok' | 'EACCES' | 'unknown';
  reason: string;
}

/**
 * Parses the hex CapEff line out of /proc/<pid>/status.
 *
 * @example
 * parseCapEff('Name:\tnode\nCapEff:\t000001fffeffffff\n') // 0x1fffeffffffn
 */
export function parseCapEff(status: string): bigint | null {
  const match = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(status);
  return match?.[1] === undefined ? null : BigInt(`0x${match[1]}`);
}

/**
 * Predicts whether binding `port` will succeed, from the facts that decide it. Pure, so every
 * case (root, capability, lowered sysctl, macOS) can be tested without changing the machine.
 *
 * @example
 * predictPrivilegedBind(80, { platform: 'linux', uid: 1000, effectiveCapabilities: 0n, unprivilegedPortStart: 1024 })
 * // { expect: 'EACCES', reason: 'port 80 < net.ipv4.ip_unprivileged_port_start (1024) and this process lacks CAP_NET_BIND_SERVICE' }
 */
export function predictPrivilegedBind(
  port: number,
  facts: PrivilegeFacts,
): PrivilegedBindPrediction {
  if (port === 0)
    return { expect: 'ok', reason: 'port 0 asks for an ephemeral port, never privileged' };
  if (facts.platform === 'linux') {
    const start = facts.unprivilegedPortStart ?? 1024;
    if (port >= start) {
      return {
        expect: 'ok',
        reason: `port ${port} >= net.ipv4.ip_unprivileged_port_start (${start})`,
      };
    }
    if (facts.effectiveCapabilities === null) {
      return { expect: 'unknown', reason: 'could not read CapEff from /proc/self/status' };
    }
    const hasCap = ((facts.effectiveCapabilities >> BigInt(CAP_NET_BIND_SERVICE)) & 1n) === 1n;
    return hasCap
      ? {
          expect: 'ok',
          reason: `port ${port} < ${start}, but this process has CAP_NET_BIND_SERVICE${facts.uid === 0 ? ' (it runs as root)' : ''}`,
        }
      : {
          expect: 'EACCES',
          reason: `port ${port} < net.ipv4.ip_unprivileged_port_start (${start}) and this process lacks CAP_NET_BIND_SERVICE`,
        };
  }
  if (port >= 1024) return { expect: 'ok', reason: `port ${port} >= 1024` };
  if (facts.uid === 0) return { expect: 'ok', reason: 'root may bind any port' };
  if (facts.platform === 'darwin') {
    return {
      expect: 'unknown',
      reason:
        'macOS (10.14+) lets any user bind low ports on 0.0.0.0 but not on a specific address',
    };
  }
  return { expect: 'unknown', reason: `no rule known for ${facts.platform}` };
}

/**
 * Gathers the PrivilegeFacts of the running process.
 *
 * @example
 * predictPrivilegedBind(80, await privilegeFacts())
 */
export async function privilegeFacts(): Promise<PrivilegeFacts> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => null);
  const start = await readFile('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').catch(
    () => null,
  );
  return {
    platform: process.platform,
    uid: process.getuid?.() ?? null,
    effectiveCapabilities: status === null ? null : parseCapEff(status),
    unprivilegedPortStart: start === null ? null : Number(start.trim()),
  };
}
