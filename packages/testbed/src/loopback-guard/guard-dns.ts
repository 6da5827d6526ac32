// Guarding DNS. Two different rules, because Node has two different resolvers:
// - dns.lookup (getaddrinfo, what net.connect uses) asks the SYSTEM resolver, which may send a
//   query to the network for any name it does not know, so it is guarded by the NAME: only
//   'localhost', IP literals (answered without asking anyone) and this machine's own name where
//   /etc/hosts provably answers it (own-name.ts) pass.
// - dns.resolve*/reverse and Resolver objects (c-ares) send queries to the SERVERS set with
//   setServers, so they are guarded by the SERVER: every configured server must be on loopback
//   and not on port 53 (the system's own stub resolver, which forwards). A Resolver pointed at a
//   fake DNS server on 127.0.0.1:<ephemeral port> may then look up any name at all.
import dns from 'node:dns';
import { isIP } from 'node:net';
import { checkTarget } from './check-target.ts';
import { LoopbackGuardError } from './guard-error.ts';
import { isLoopback } from './is-loopback.ts';
import { type OwnNameAnswer, readOwnNameAnswer } from './own-name.ts';

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
 * reject, and nothing is sent. Whether this machine's own name may be looked up is decided here,
 * once, from /etc/hosts and /etc/nsswitch.conf (see readOwnNameAnswer).
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

  // By name: getaddrinfo (lookup) and getnameinfo (lookupService).
  const ownName = readOwnNameAnswer();
  const lookup: Refusal = (_self, args) => lookupRefusal(ownName, args[0], args[1]);
  const reverse: Refusal = (_self, args) => reverseRefusal(ownName, args[0]);
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
 * dns.lookup(host, options): 'localhost', IP literals and this machine's own name (where
 * /etc/hosts answers it for the family asked) pass; every other name is refused. Any IP literal
 * passes because getaddrinfo answers it without asking anyone, and Node looks up literals all the
 * time (`server.listen(0, '0.0.0.0')`, a UDP socket binding 0.0.0.0); where it then CONNECTS is
 * guarded separately.
 */
function lookupRefusal(own: OwnNameAnswer, host: unknown, options: unknown): Error | undefined {
  // An empty or missing name also makes Node answer locally.
  if (typeof host !== 'string' || host === '' || isIP(host) !== 0 || isLoopback(host)) {
    return undefined;
  }
  if (host.toLowerCase() !== own.name.toLowerCase()) {
    return new LoopbackGuardError(
      'DNS lookup',
      host,
      " (only localhost, IP addresses and this machine's name where /etc/hosts answers it may be looked up)",
    );
  }
  if (!own.local) {
    return new LoopbackGuardError(
      'DNS lookup',
      host,
      ` (this machine's name, but ${own.reason}, so getaddrinfo may ask DNS)`,
    );
  }
  // getaddrinfo for one family goes on to DNS when /etc/hosts lists the name for the other only.
  const family = lookupFamily(options);
  if (family === 0 || own.families.has(family)) return undefined;
  return new LoopbackGuardError(
    'DNS lookup',
    host,
    ` (this machine's name, but /etc/hosts has no IPv${family} line for it, so an IPv${family} lookup asks DNS)`,
  );
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
 * dns.lookupService: a reverse lookup asks DNS for a PTR record, unless the address is loopback
 * or one /etc/hosts gives for this machine's own name (then getnameinfo finds it in the file).
 */
function reverseRefusal(own: OwnNameAnswer, address: unknown): Error | undefined {
  if (typeof address !== 'string' || isLoopback(address)) return undefined;
  if (own.local && own.addresses.has(address)) return undefined;
  return new LoopbackGuardError('DNS lookup', address, ' (a reverse lookup of it queries DNS)');
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
