// The I/O shell of hosts-answer.ts: reads the files glibc's resolver reads, and the machine's
// address families, once.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { ResolverFiles } from './hosts-answer.ts';

/**
 * /etc/hosts and /etc/nsswitch.conf as they are now (a missing file reads as empty), the
 * platform, and the families of this machine's addresses other than 127.0.0.1 and ::1, which is
 * what glibc's AI_ADDRCONFIG counts. (Node lists the interfaces that are up; glibc also counts
 * addresses on interfaces that are down. The difference only matters on a machine with no
 * non-loopback address of either family on any interface that is up.)
 *
 * @example
 * forwardLookupRefusal({ name: 'localhost', family: 6 }, readResolverFiles())
 */
export function readResolverFiles(): ResolverFiles {
  const configured = new Set<4 | 6>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.address === '127.0.0.1' || entry.address === '::1') continue;
      configured.add(entry.family === 'IPv4' ? 4 : 6);
    }
  }
  return {
    hosts: readOrEmpty('/etc/hosts'),
    nsswitch: readOrEmpty('/etc/nsswitch.conf'),
    platform: process.platform,
    configured,
  };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
