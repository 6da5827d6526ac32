// Mutant: rethrows a new Error with a friendlier message and loses the resolver's code
// Why students write it: wants a clear message for the user
// Exercise 5: is this DNS resolver lying?
//
// The notes tell of an ISP whose DNS servers answered every name that does not exist with the
// address of their own ads server. Write the check a careful program (or a curious user) would
// run against a resolver:
//   - Make `probes` names that cannot exist: random labels under .invalid, a top-level domain
//     reserved never to exist (RFC 6761 §6.4). Random, so a resolver cannot recognise or cache
//     the test: use node:crypto (randomUUID or randomBytes as hex), at least 8 random
//     characters each, and only letters, digits and hyphens (what a DNS label may hold).
//   - Ask resolver.resolve4 about each one.
//     * rejects with code 'ENOTFOUND' (NXDOMAIN): the honest answer.
//     * resolves with addresses: a lie; collect the addresses.
//     * rejects with any other code (ETIMEOUT, ECONNREFUSED, ESERVFAIL...): you learnt nothing,
//       so reject too, with an error that keeps that `code`. Never call a silent server honest.
//   - Report { hijacked, probes, addresses }: hijacked is true when any probe got an address;
//     probes are the names you asked about, in order; addresses are the invented addresses,
//     each listed once.

import { randomBytes } from 'node:crypto';
import type { Resolver } from 'node:dns/promises';

export interface HijackReport {
  hijacked: boolean;
  /** The names asked about, in order. */
  probes: string[];
  /** Every address the resolver invented, each once (empty when honest). */
  addresses: string[];
}

/**
 * Probes `resolver` with `probes` (default 3) random names that cannot exist.
 *
 * @example
 * await detectHijacking(honest)   // { hijacked: false, probes: ['k3j9x0q2ab.invalid', ...], addresses: [] }
 * await detectHijacking(liar)     // { hijacked: true, probes: [...], addresses: ['203.0.113.7'] }
 */
export async function detectHijacking(resolver: Resolver, probes = 3): Promise<HijackReport> {
  const names = Array.from({ length: probes }, () => `${randomBytes(8).toString('hex')}.invalid`);
  const invented = new Set<string>();
  for (const name of names) {
    try {
      for (const address of await resolver.resolve4(name)) invented.add(address);
    } catch (error) {
      // NXDOMAIN is the honest answer; anything else means we cannot tell, so say so.
      if ((error as NodeJS.ErrnoException).code !== 'ENOTFOUND')
        throw new Error(`cannot tell whether the resolver lies: ${(error as Error).message}`);
    }
  }
  return { hijacked: invented.size > 0, probes: names, addresses: [...invented] };
}
