// The two ways Node resolves names, behind one small interface: the operating system
// (dns.lookup: getaddrinfo on libuv's thread pool) and DNS itself (dns.resolve*: c-ares).
import { promises as dnsPromises } from 'node:dns';
import type { Resolver } from 'node:dns/promises';
import { toGaiError } from './resolution-error.ts';
import type { ResolutionOptions } from './types.ts';

/** One address, as both paths report it. */
export interface AddressAnswer {
  address: string;
  family: 4 | 6;
}

/** What the resolution calls need from a path. Every method rejects with a GaiError on failure. */
export interface ResolutionPath {
  /** 'system' = dns.lookup / lookupService; 'dns' = Resolver queries. */
  readonly kind: 'system' | 'dns';
  /** The addresses of a NAME (not an IP literal), family 0 = both, in the path's order. */
  addresses(host: string, family: 0 | 4 | 6, hints?: number): Promise<AddressAnswer[]>;
  /** The names of an address, the primary one first. */
  names(address: string): Promise<string[]>;
  /**
   * The CNAME chain from `host` to its canonical name: `[host, ..., canonical]`. The system path
   * cannot see it (dns.lookup returns no canonical name) and always returns `[host]`.
   */
  aliasChain(host: string): Promise<string[]>;
}

/** Default bound on one resolution, in milliseconds. */
export const DEFAULT_RESOLUTION_TIMEOUT_MS = 10_000;

/** How many CNAME hops to follow: real resolvers stop at about this depth too. */
const MAX_CNAME_HOPS = 8;

/**
 * The path the options ask for: DNS queries through `options.resolver`, else the operating system.
 *
 * @example
 * const path = resolutionPath({});                       // dns.lookup, like Python
 * const viaDns = resolutionPath({ resolver });            // e.g. testbed's fake DNS server's
 */
export function resolutionPath(options: ResolutionOptions = {}): ResolutionPath {
  const timeout = options.timeout === undefined ? DEFAULT_RESOLUTION_TIMEOUT_MS : options.timeout;
  const path = options.resolver === undefined ? systemPath() : dnsPath(options.resolver);
  return {
    kind: path.kind,
    addresses: (host, family, hints) => bounded(path.addresses(host, family, hints), timeout, host),
    names: (address) => bounded(path.names(address), timeout, address),
    aliasChain: (host) => bounded(path.aliasChain(host), timeout, host),
  };
}

/** The operating system's resolver, exactly what Python's socket module calls. */
// #region system-path
function systemPath(): ResolutionPath {
  return {
    kind: 'system',
    async addresses(host, family, hints = 0) {
      try {
        // order 'verbatim' keeps getaddrinfo's own order (RFC 6724 sorting, /etc/gai.conf).
        const answers = await dnsPromises.lookup(host, {
          all: true,
          family,
          hints,
          order: 'verbatim',
        });
        return answers.map(({ address, family: f }) => ({ address, family: f === 6 ? 6 : 4 }));
      } catch (error) {
        throw toGaiError(error, host);
      }
    },
    async names(address) {
      try {
        // getnameinfo(3) with NI_NAMEREQD: /etc/hosts first, then PTR queries, per nsswitch.conf.
        const { hostname } = await dnsPromises.lookupService(address, 0);
        return [hostname];
      } catch (error) {
        throw toGaiError(error, address);
      }
    },
    async aliasChain(host) {
      return [host];
    },
  };
}
// #endregion system-path

/** DNS queries through one Resolver: no /etc/hosts, no nsswitch, no thread pool. */
// #region dns-path
function dnsPath(resolver: Resolver): ResolutionPath {
  /** The addresses of one family (an A or AAAA query); rejects as the Resolver does. */
  const query = async (host: string, family: 4 | 6): Promise<AddressAnswer[]> => {
    const list = family === 4 ? await resolver.resolve4(host) : await resolver.resolve6(host);
    return list.map((address) => ({ address, family }));
  };
  return {
    kind: 'dns',
    async addresses(host, family) {
      const families: Array<4 | 6> = family === 0 ? [6, 4] : [family];
      // Both queries go out at once. There is no RFC 6724 sorting on this path: AAAA answers come
      // first, then A answers, each in the order the server sent them.
      const settled = await Promise.allSettled(families.map((f) => query(host, f)));
      const found = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
      if (found.length > 0) return found;
      // Nothing found: report the most telling failure (a timeout beats "no such record").
      const reasons = settled.flatMap((s) =>
        s.status === 'rejected' ? [s.reason as unknown] : [],
      );
      const codeOf = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;
      const worst =
        reasons.find((e) => !['ENOTFOUND', 'ENODATA'].includes(codeOf(e) ?? '')) ??
        reasons.find((e) => codeOf(e) === 'ENOTFOUND') ??
        reasons[0];
      throw toGaiError(worst ?? Object.assign(new Error('no answer'), { code: 'ENODATA' }), host);
    },
    async names(address) {
      try {
        return await resolver.reverse(address);
      } catch (error) {
        throw toGaiError(error, address);
      }
    },
    async aliasChain(host) {
      const chain = [host];
      for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
        const current = chain[chain.length - 1] ?? host;
        let targets: string[];
        try {
          targets = await resolver.resolveCname(current);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // ENODATA: no CNAME, so `current` is canonical. ENOTFOUND: let the address query say so.
          if (code === 'ENODATA' || code === 'ENOTFOUND') return chain;
          throw toGaiError(error, current);
        }
        const next = targets[0];
        if (next === undefined || chain.includes(next)) return chain;
        chain.push(next);
      }
      return chain;
    },
  };
}
// #endregion dns-path

/**
 * Rejects with a GaiError-like timeout after `ms` (null: never). The work itself is not stopped:
 * Node cannot cancel a getaddrinfo() that is already running on the thread pool.
 */
function bounded<T>(work: Promise<T>, ms: number | null, what: string): Promise<T> {
  if (ms === null) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = Object.assign(new Error(`no answer within ${ms} ms`), {
        code: 'ETIMEOUT',
        syscall: 'resolve',
      });
      reject(toGaiError(error, what));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
