// The scanner's guard: scanning a host you do not own is at best rude and at worst illegal, so
// the course's scanner only probes this machine's loopback addresses unless the user says,
// explicitly, that the target is theirs.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The command-line flag that lifts the loopback-only rule. */
export const OPT_IN_FLAG = '--i-own-this-host';

/** How to resolve a name: dns.promises.lookup by default (getaddrinfo, so /etc/hosts counts). */
export type LookupAll = (
  hostname: string,
  options: { all: true },
) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** The scanner refused a target because it is not a loopback address. */
export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError';
  readonly host: string;
  readonly address: string;
  constructor(host: string, address: string) {
    const named = host === address ? address : `${host} (${address})`;
    super(
      `refusing to scan ${named}: it is not a loopback address, and scanning hosts you do not ` +
        `own is not OK. If this host is yours, run again with ${OPT_IN_FLAG}`,
    );
    this.host = host;
    this.address = address;
  }
}

/** The target's name could not be turned into an address. */
export class TargetLookupError extends Error {
  override readonly name = 'TargetLookupError';
  readonly host: string;
  readonly code: string;
  constructor(host: string, code: string) {
    super(`cannot resolve host "${host}" (${code}): check the spelling, or give an IP address`);
    this.host = host;
    this.code = code;
  }
}

// #region is-loopback
/**
 * True for addresses that never leave this machine: all of 127.0.0.0/8, ::1, and IPv4 loopback
 * written as an IPv4-mapped IPv6 address (::ffff:127.x.y.z). Names are not resolved here.
 *
 * @example
 * isLoopbackAddress('127.0.0.1')        // true
 * isLoopbackAddress('::ffff:127.0.0.2') // true
 * isLoopbackAddress('10.0.0.1')         // false
 */
export function isLoopbackAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return address.startsWith('127.');
  if (kind === 6) {
    const lower = address.toLowerCase();
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped !== null && isLoopbackAddress(mapped[1]!);
  }
  return false;
}
// #endregion is-loopback

export interface ScanTarget {
  /** What the user typed. */
  host: string;
  /** The address the scanner will connect to. */
  address: string;
  family: 4 | 6;
}

// #region resolve-target
/**
 * Resolves `host` (names go through dns.lookup first, so "localhost" works) and checks that EVERY
 * address it stands for is loopback, so a name cannot smuggle in an outside address. Resolves to
 * the address to scan; rejects with TargetRefusedError, or TargetLookupError when the name does
 * not resolve.
 *
 * @example
 * await resolveScanTarget('localhost')                    // { host: 'localhost', address: '::1' or '127.0.0.1', ... }
 * await resolveScanTarget('192.0.2.7')                    // rejects: TargetRefusedError
 * await resolveScanTarget('192.0.2.7', { allowNonLoopback: true }) // resolves
 */
export async function resolveScanTarget(
  host: string,
  options: { allowNonLoopback?: boolean; lookup?: LookupAll } = {},
): Promise<ScanTarget> {
  const { allowNonLoopback = false, lookup = dnsLookup } = options;
  let addresses: ReadonlyArray<{ address: string; family: number }>;
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true });
    } catch (error) {
      throw new TargetLookupError(host, (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND');
    }
    if (addresses.length === 0) throw new TargetLookupError(host, 'ENOTFOUND');
  }
  if (!allowNonLoopback) {
    const outside = addresses.find((a) => !isLoopbackAddress(a.address));
    if (outside !== undefined) throw new TargetRefusedError(host, outside.address);
  }
  const first = addresses[0]!;
  return { host, address: first.address, family: first.family === 6 ? 6 : 4 };
}
// #endregion resolve-target
