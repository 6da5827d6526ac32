// Guarding DNS. Two different rules, because Node has two different resolvers:
// - dns.lookup (getaddrinfo, what net.connect uses) asks the SYSTEM resolver, which may send a
//   query to the network for any name it does not know, so it is guarded by the NAME: only
//   'localhost' and IP literals pass (a literal is answered without asking anyone).
// - dns.resolve*/reverse and Resolver objects (c-ares) send queries to the SERVERS set with
//   setServers, so they are guarded by the SERVER: every configured server must be on loopback
//   and not on port 53 (the system's own stub resolver, which forwards). A Resolver pointed at a
//   fake DNS server on 127.0.0.1:<ephemeral port> may then look up any name at all.
import dns from 'node:dns';
import { isIP } from 'node:net';
import { checkTarget } from './check-target.ts';
import { LoopbackGuardError } from './guard-error.ts';
import { isLoopback } from './is-loopback.ts';

/** The c-ares query methods of a Resolver (resolve, resolve4, ..., reverse). */
const QUERY_METHODS = Object.getOwnPropertyNames(dns.Resolver.prototype).filter(
  (name) => name.startsWith('resolve') || name === 'reverse',
);

// biome-ignore lint/suspicious/noExplicitAny: the wrappers forward any arguments unchanged.
type AnyFunction = (...args: any[]) => any;
/** An object whose methods the guard replaces and later restores. */
type Patchable = Record<string, unknown>;
/** Why a call must not go ahead (an error), or undefined; `self` is the call's `this`. */
type Refusal = (self: unknown, first: unknown) => Error | undefined;

/**
 * Replaces dns.lookup, dns.lookupService, the dns.resolve* functions, the same in dns.promises,
 * and the query methods of both Resolver classes; returns a function that restores them all.
 * A refused call fails at once: callback APIs get the error on the next tick, promise APIs
 * reject, and nothing is sent.
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
  replace(callbackApi, 'lookup', (original) => callbackStyle(original, lookupRefusal));
  replace(promiseApi, 'lookup', (original) => promiseStyle(original, lookupRefusal));
  replace(callbackApi, 'lookupService', (original) => callbackStyle(original, reverseRefusal));
  replace(promiseApi, 'lookupService', (original) => promiseStyle(original, reverseRefusal));
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
 * dns.lookup: 'localhost' and IP literals pass, every other name is refused. Any IP literal passes
 * because getaddrinfo answers it without asking anyone, and Node looks up literals all the time
 * (`server.listen(0, '0.0.0.0')`, a UDP socket binding 0.0.0.0); where it then CONNECTS is
 * guarded separately.
 */
function lookupRefusal(_self: unknown, host: unknown): Error | undefined {
  // An empty or missing name also makes Node answer locally.
  if (typeof host !== 'string' || host === '' || isIP(host) !== 0 || isLoopback(host)) {
    return undefined;
  }
  return new LoopbackGuardError(
    'DNS lookup',
    host,
    ' (only localhost and IP addresses may be looked up)',
  );
}

/** dns.lookupService: a reverse lookup asks DNS for a PTR record, unless the address is loopback. */
function reverseRefusal(_self: unknown, address: unknown): Error | undefined {
  if (typeof address !== 'string' || isLoopback(address)) return undefined;
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
    const error = refusal(this, args[0]);
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
    const error = refusal(this, args[0]);
    return error === undefined ? Reflect.apply(original, this, args) : Promise.reject(error);
  };
}
