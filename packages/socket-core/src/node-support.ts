// Which Berkeley features the running Node can express. Kept apart and pure, so the rule can be
// tested for other versions and platforms than the one running the tests.

/** Whether a feature is available, and if not, a sentence saying why and what to do. */
export interface Support {
  readonly supported: boolean;
  readonly reason: string;
}

/** Platforms where Node documents `reusePort` (SO_REUSEPORT with load balancing) as working. */
const REUSE_PORT_PLATFORMS = new Set(['linux', 'freebsd', 'sunos', 'aix']);

/**
 * Can `server.listen({ reusePort: true })` work here? Node added the option in v23.1.0 and
 * v22.12.0 and supports it on Linux 3.9+, FreeBSD 12+, Solaris 11.4 and AIX 7.2.5+ only. Older
 * Nodes silently ignore the option, so socket-core refuses it instead of pretending.
 *
 * @example
 * reusePortSupport('20.20.2', 'linux').supported; // false: needs Node >= 22.12
 * reusePortSupport('22.12.0', 'linux').supported; // true
 */
export function reusePortSupport(
  nodeVersion: string = process.versions.node,
  platform: string = process.platform,
): Support {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  const newEnough = major >= 23 ? major > 23 || minor >= 1 : major === 22 && minor >= 12;
  if (!newEnough) {
    return {
      supported: false,
      reason:
        `SO_REUSEPORT needs Node >= 22.12 (listen's reusePort option); this is Node ${nodeVersion}. ` +
        'Share one port between processes with node:cluster instead, or upgrade Node',
    };
  }
  if (!REUSE_PORT_PLATFORMS.has(platform)) {
    return {
      supported: false,
      reason: `Node supports reusePort on Linux, FreeBSD, Solaris and AIX, not on ${platform}`,
    };
  }
  return { supported: true, reason: 'supported' };
}
