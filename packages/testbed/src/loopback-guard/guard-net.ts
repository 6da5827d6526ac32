// Guarding TCP: net.Socket.prototype.connect, which net.connect, http, fetch (undici) and tls
// all end up calling.
import dns from 'node:dns';
import net from 'node:net';
import { checkTarget } from './check-target.ts';

type Connect = typeof net.Socket.prototype.connect;
/** The shape of a `lookup` function as net.connect calls it (dns.lookup's callback form). */
type LookupFunction = (
  hostname: string,
  options: dns.LookupOptions,
  callback: (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void,
) => void;

/**
 * Replaces net.Socket.prototype.connect with a checking version and returns a function that puts
 * the original back. The rule: Unix-socket paths pass; an IP address must pass checkTarget
 * (loopback, not port 53); a host name is resolved by its usual lookup (dns.lookup, itself guarded, or the caller's own `lookup`,
 * e.g. one backed by a fake DNS server on 127.0.0.1) and EVERY address it yields must pass.
 * A refused connect never reaches the kernel: the socket fails on the next tick with a
 * LoopbackGuardError, through 'error' like any failed connect.
 *
 * @example
 * const restore = guardNetConnect();
 * net.connect(80, '192.0.2.1').on('error', (e) => console.log(e.code)); // ENETUNREACH_GUARD
 * restore();
 */
export function guardNetConnect(): () => void {
  const original = net.Socket.prototype.connect;
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const [options, callback] = connectArguments(args);
    if (options === undefined || options.path != null) return call(original, this, args);
    const host = options.host || 'localhost'; // Node's own default for a missing host
    if (net.isIP(host) !== 0) {
      const error = checkTarget('TCP connect', host, options.port);
      if (error === undefined) return call(original, this, args);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    // A name: let it resolve as usual, but check what it resolved to before Node dials it.
    const lookup = guardedLookup(
      (options.lookup as LookupFunction | undefined) ?? dns.lookup,
      options.port,
    );
    const checked = { ...options, lookup } as net.TcpSocketConnectOpts;
    return call(original, this, callback === undefined ? [checked] : [checked, callback]);
  };
  net.Socket.prototype.connect = guarded as Connect;
  return () => {
    net.Socket.prototype.connect = original;
  };
}

/** Options as net.connect understands them, with the fields the guard reads. */
interface ConnectOptions {
  host?: string;
  port?: number | string;
  path?: string | null;
  lookup?: unknown;
}

/**
 * Reads connect's overloads the way Node does: `(options[, cb])`, `(port[, host][, cb])`,
 * `(path[, cb])`, and the pre-normalised `[options, cb]` array net.connect passes internally.
 */
function connectArguments(args: unknown[]): [ConnectOptions | undefined, (() => void) | undefined] {
  const [first, second, third] = args;
  if (Array.isArray(first))
    return [first[0] as ConnectOptions, (first[1] ?? undefined) as () => void];
  const callback = [second, third].find((arg) => typeof arg === 'function') as
    | (() => void)
    | undefined;
  if (typeof first === 'object' && first !== null) return [first as ConnectOptions, callback];
  if (typeof first === 'string' && !/^\d+$/.test(first)) return [{ path: first }, callback];
  if (first === undefined) return [undefined, callback];
  return [
    { port: first as number, host: typeof second === 'string' ? second : undefined },
    callback,
  ];
}

/** Wraps a lookup function so that a non-loopback answer fails instead of being dialled. */
function guardedLookup(lookup: LookupFunction, port: number | string | undefined): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const refusals = addresses.map((one) => checkTarget('TCP connect', one, port, hostname));
      const refusal = refusals.find((error) => error !== undefined);
      if (refusal === undefined) return callback(null, address, family);
      callback(refusal, address, family);
    });
  };
}

function call(original: Connect, socket: net.Socket, args: unknown[]): net.Socket {
  return Reflect.apply(original, socket, args) as net.Socket;
}
