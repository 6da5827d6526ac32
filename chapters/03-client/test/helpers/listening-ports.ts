// Ports something on this machine is listening on right now (Linux: /proc/net/tcp and tcp6).
// Full-range scans in tests skip them: they are not ours to probe (a CI agent, another test's
// server), and skipping them keeps the expected open set exact.
import { readFile } from 'node:fs/promises';
import { parseProcNetTable } from '@netprog/socket-core';
import { isLinux } from '@netprog/testbed/linux-only';
import { SYSTEM_DNS_PORT } from '@netprog/testbed/loopback-guard';

/**
 * The TCP ports in LISTEN state, or [] where /proc/net is not available (off Linux nothing is
 * known to skip).
 *
 * @example
 * const skip = new Set(await listeningPorts());
 */
export async function listeningPorts(): Promise<number[]> {
  if (!isLinux) return [];
  const ports = new Set<number>();
  for (const proto of ['tcp', 'tcp6'] as const) {
    const text = await readFile(`/proc/net/${proto}`, 'utf8').catch(() => '');
    for (const entry of parseProcNetTable(text, proto)) {
      if (entry.state === 'LISTEN') ports.add(entry.local[1]);
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * 1-65535 without the ports listed in `skip`.
 *
 * @example
 * allPortsExcept(await listeningPorts()).length // 65535 minus the listeners
 */
export function allPortsExcept(skip: Iterable<number>): number[] {
  const skipped = new Set(skip);
  const ports: number[] = [];
  for (let port = 1; port <= 65_535; port++) if (!skipped.has(port)) ports.push(port);
  return ports;
}

/**
 * The ports a full-range scan under test leaves alone: other programs' listeners, and port 53,
 * where the loopback guard refuses net.Socket connects (a machine's DNS stub listens there and
 * forwards off the machine), so a probe would only report the guard's refusal.
 *
 * @example
 * const skip = await portsOffLimits(); // e.g. [53, 2024]
 */
export async function portsOffLimits(): Promise<number[]> {
  const ports = new Set([SYSTEM_DNS_PORT, ...(await listeningPorts())]);
  return [...ports].sort((a, b) => a - b);
}
