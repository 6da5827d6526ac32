// Asking both of Node's resolvers the same question, to see where their answers differ.
import { promises as dnsPromises } from 'node:dns';
import type { Resolver } from 'node:dns/promises';

/**
 * What one path answered: the addresses, the error code it failed with, or why it was not asked
 * (the operating system would have sent the question to a DNS server off this machine).
 */
export type PathAnswer = { addresses: string[] } | { code: string } | { notRun: string };

/** Both answers for one name. */
export interface TwoAnswers {
  name: string;
  /** dns.lookup: the operating system (getaddrinfo: /etc/hosts, then DNS, per nsswitch.conf). */
  system: PathAnswer;
  /** resolver.resolve4 + resolve6: DNS queries to the resolver's servers, nothing else. */
  dns: PathAnswer;
  /** True when both found the same set of addresses (order aside), or both failed the same way. */
  agree: boolean;
}

/**
 * Resolves `name` through the operating system (`dns.lookup(name, { all: true })`) and through
 * `resolver` (`resolve6` and `resolve4`), and reports both answers side by side.
 *
 * Careful with the system half: for a name that is not in /etc/hosts, getaddrinfo asks this
 * machine's real DNS servers, which may be on the internet. Pass `systemRefusal` (testbed's
 * systemLookupRefusal(name)) and, when it says so, the system half is not asked.
 *
 * @example
 * const answers = await bothPaths('localhost', fake.resolver(), systemLookupRefusal('localhost'));
 * // { system: { addresses: ['127.0.0.1'] }, dns: { code: 'ENOTFOUND' }, agree: false }
 */
export async function bothPaths(
  name: string,
  resolver: Resolver,
  systemRefusal?: string,
): Promise<TwoAnswers> {
  const [system, dns] = await Promise.all([
    systemRefusal === undefined
      ? answerOf(async () => (await dnsPromises.lookup(name, { all: true })).map((a) => a.address))
      : { notRun: systemRefusal },
    answerOf(async () => {
      const [v6, v4] = await Promise.allSettled([resolver.resolve6(name), resolver.resolve4(name)]);
      const found = [v6, v4].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      if (found.length > 0) return found;
      throw v4.status === 'rejected' ? v4.reason : new Error('no addresses');
    }),
  ]);
  return { name, system, dns, agree: sameAnswer(system, dns) };
}

/**
 * True when two answers name the same addresses (in any order) or the same error code.
 *
 * @example
 * sameAnswer({ addresses: ['::1', '127.0.0.1'] }, { addresses: ['127.0.0.1', '::1'] }) // true
 */
export function sameAnswer(a: PathAnswer, b: PathAnswer): boolean {
  if ('notRun' in a || 'notRun' in b) return false;
  if ('code' in a || 'code' in b) return 'code' in a && 'code' in b && a.code === b.code;
  const left = [...a.addresses].sort();
  const right = [...b.addresses].sort();
  return left.length === right.length && left.every((address, i) => address === right[i]);
}

/**
 * One line for an answer: `127.0.0.1, ::1`, `fails: ENOTFOUND` or `(not run: why)`.
 *
 * @example
 * describeAnswer({ code: 'ENOTFOUND' }) // 'fails: ENOTFOUND'
 */
export function describeAnswer(answer: PathAnswer): string {
  if ('notRun' in answer) return `(not run: ${answer.notRun})`;
  return 'code' in answer ? `fails: ${answer.code}` : answer.addresses.join(', ');
}

async function answerOf(run: () => Promise<string[]>): Promise<PathAnswer> {
  try {
    return { addresses: await run() };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}
