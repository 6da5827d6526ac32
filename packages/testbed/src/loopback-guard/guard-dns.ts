// Guarding DNS. Two different rules, because Node has two different resolvers:
// - dns.lookup (getaddrinfo, what net.connect, dgram and server.listen use for a name) and
//   dns.lookupService (getnameinfo) ask the SYSTEM resolver, which sends the question to DNS
//   unless /etc/hosts answers it. They are guarded by the QUESTION: IP literals pass, and a name
//   (or, for lookupService, an address) passes only where /etc/hosts answers it for the family
//   asked (hosts-answer.ts has the rule, and why). `localhost` is no exception: with no `::1`
//   line in /etc/hosts, an IPv6 lookup of it asks DNS.
// - dns.resolve*/reverse and Resolver objects (c-ares) send queries to the SERVERS set with
//   setServers, so they are guarded by the SERVER: every configured server must be on loopback
//   and not on port 53 (the system's own stub resolver, which forwards). A Resolver pointed at a
//   fake DNS server on 127.0.0.1:<ephemeral port> may then look up any name at all.
import dns from 'node:dns';
import { checkTarget } from './check-target.ts';
import { LoopbackGuardError } from './guard-error.ts';
import {
  type ForwardQuestion,
  forwardLookupRefusal,
  type ResolverFiles,
  reverseLookupRefusal,
} from './hosts-answer.ts';
import { readResolverFiles } from './read-resolver-files.ts';

/** The c-ares query methods of a Resolver (resolve, resolve4, ..., reverse). */
const QUERY_METHODS = Object.getOwnPropertyNames(dns.Resolver.prototype).filter(
  (name) => name.startsWith('resolve') || name === 'reverse',
);

// biome-ignore lint/suspicious/noExplicitAny: the wrappers forward any arguments unchanged.
type AnyFunction = (...args: any[]) => any;
/** An object whose methods the guard replaces and later restores. */
type Patchable = Record<string, unknown>;
/** Why a call must not go ahead (an error), or undefined; `self` is the call's `this`. */
type Refusal = (self: unknown, args: readonly unknown[]) => Error | undefined;

/**
 * Replaces dns.lookup, dns.lookupService, the dns.resolve* functions, the same in dns.promises,
 * and the query methods of both Resolver classes; returns a function that restores them all.
 * A refused call fails at once: callback APIs get the error on the next tick, promise APIs
 * reject, and nothing is sent. /etc/hosts, /etc/nsswitch.conf and the machine's address
 * families are read once, here (readResolverFiles).
 *
 * @example
 * const restore = guardDns();
 * await dns.promises.lookup('example.com'); // rejects: loopback guard: refused DNS lookup to example.com ...
 * restore();
 */
export function guardDns(): () => void {
  const restores: Array<() => void> = [];
  const replace = (
    target: Patchable,
    name: string,
    wrap: (original: AnyFunction) => AnyFunction,
  ): void => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = wrap(original as AnyFunction);
    restores.push(() => {
      target[name] = original;
    });
  };
  const callbackApi = dns as unknown as Patchable;
  const promiseApi = dns.promises as unknown as Patchable;
  const resolverPrototype = dns.Resolver.prototype as unknown as Patchable;
  const promiseResolverPrototype = dns.promises.Resolver.prototype as unknown as Patchable;

  // By question: getaddrinfo (lookup) and getnameinfo (lookupService).
  const files = readResolverFiles();
  const lookup: Refusal = (_self, args) => lookupRefusal(files, args[0], args[1]);
  const reverse: Refusal = (_self, args) => reverseRefusal(files, args[0]);
  replace(callbackApi, 'lookup', (original) => callbackStyle(original, lookup));
  replace(promiseApi, 'lookup', (original) => promiseStyle(original, lookup));
  replace(callbackApi, 'lookupService', (original) => callbackStyle(original, reverse));
  replace(promiseApi, 'lookupService', (original) => promiseStyle(original, reverse));
  // By server: the module-level functions query the default resolver, Resolver methods their own.
  const ownServers: Refusal = (self) => serverRefusal((self as dns.Resolver).getServers());
  for (const name of QUERY_METHODS) {
    replace(callbackApi, name, (original) =>
      callbackStyle(original, () => serverRefusal(dns.getServers())),
    );
    replace(promiseApi, name, (original) =>
      promiseStyle(original, () => serverRefusal(dns.promises.getServers())),
    );
    replace(resolverPrototype, name, (original) => callbackStyle(original, ownServers));
    replace(promiseResolverPrototype, name, (original) => promiseStyle(original, ownServers));
  }
  return () => {
    for (const restore of restores.reverse()) restore();
  };
}

/**
 * dns.lookup(host, options): IP literals and the empty name pass (getaddrinfo answers them
 * without asking anyone; Node looks literals up for `listen(0, '0.0.0.0')` and UDP binds), and
 * so does a name /etc/hosts answers for the family asked. Every other name is refused before it
 * reaches getaddrinfo, with the family and the reason in the message.
 */
function lookupRefusal(files: ResolverFiles, host: unknown, options: unknown): Error | undefined {
  if (typeof host !== 'string') return undefined; // Node itself rejects it
  const question = lookupQuestion(host, options);
  const reason = forwardLookupRefusal(question, files);
  if (reason === undefined) return undefined;
  return new LoopbackGuardError('DNS lookup', host, `: ${reason}`);
}

/**
 * What a dns.lookup call asks getaddrinfo, from its arguments: the family and the hints that
 * change which families are looked up (dns.V4MAPPED, dns.ADDRCONFIG).
 *
 * @example
 * lookupQuestion('localhost', { family: 6, hints: dns.V4MAPPED })
 * // { name: 'localhost', family: 6, v4mapped: true, addrconfig: false }
 */
export function lookupQuestion(name: string, options: unknown): ForwardQuestion {
  const hints =
    typeof options === 'object' && options !== null
      ? Number((options as { hints?: unknown }).hints ?? 0)
      : 0;
  return {
    name,
    family: lookupFamily(options),
    v4mapped: (hints & dns.V4MAPPED) !== 0,
    addrconfig: (hints & dns.ADDRCONFIG) !== 0,
  };
}

/**
 * The family a dns.lookup call asks for, from its second argument: a number, or options with
 * `family` (4, 6, 'IPv4', 'IPv6'); 0 (either) when none is given.
 *
 * @example
 * lookupFamily({ family: 4, all: true }) // 4
 * lookupFamily(() => {})                 // 0: the callback, no options
 */
export function lookupFamily(options: unknown): 0 | 4 | 6 {
  const family =
    typeof options === 'object' && options !== null
      ? (options as { family?: unknown }).family
      : options;
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * dns.lookupService (getnameinfo): a reverse lookup asks DNS for a PTR record unless a line of
 * /etc/hosts starts with that very address. Loopback is no exception: `::1` or `127.0.0.2` with
 * no line of their own are asked of DNS.
 */
function reverseRefusal(files: ResolverFiles, address: unknown): Error | undefined {
  if (typeof address !== 'string') return undefined; // Node itself rejects it
  const reason = reverseLookupRefusal(address, files);
  if (reason === undefined) return undefined;
  return new LoopbackGuardError('DNS lookup', address, `: ${reason}`);
}

/** An error for the first configured DNS server the guard refuses, or undefined. */
function serverRefusal(servers: string[]): Error | undefined {
  for (const server of servers) {
    const [host, port] = serverHostPort(server);
    const error = checkTarget('DNS query', host, port);
    if (error !== undefined) return error;
  }
  return undefined;
}

/**
 * The host and port of a server string from getServers() (port 53 when none is written).
 *
 * @example
 * serverHostPort('[::1]:5354') // ['::1', 5354]
 * serverHostPort('10.0.0.53')  // ['10.0.0.53', 53]
 */
export function serverHostPort(server: string): [host: string, port: number] {
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(server);
  if (bracketed !== null) return [bracketed[1] ?? '', Number(bracketed[2])];
  const withPort = /^([^:]+):(\d+)$/.exec(server);
  if (withPort !== null) return [withPort[1] ?? '', Number(withPort[2])];
  return [server, 53];
}

/** A callback-style wrapper: a refusal goes to the last (callback) argument on the next tick. */
function callbackStyle(original: AnyFunction, refusal: Refusal): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const error = refusal(this, args);
    if (error === undefined) return Reflect.apply(original, this, args);
    const callback = args.findLast((arg) => typeof arg === 'function') as AnyFunction | undefined;
    if (callback === undefined) throw error;
    process.nextTick(callback, error);
    return undefined;
  };
}

/** A promise-style wrapper: a refusal becomes a rejected promise. */
function promiseStyle(original: AnyFunction, refusal: Refusal): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const error = refusal(this, args);
    return error === undefined ? Reflect.apply(original, this, args) : Promise.reject(error);
  };
}
