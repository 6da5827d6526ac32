// setsockopt for a TCP Socket. Node has no general setsockopt: a few options can be passed to
// listen() or connect() when Node creates the OS socket, and two can be changed on a connection.
// This file knows which is which; the Socket applies them.
import util from 'node:util';
import { stateError, UnsupportedError } from '../errors.ts';
import { reusePortSupport } from '../node-support.ts';
import type { Family, SocketState } from '../types.ts';

/** The socket options setsockopt() can set: the ones Node lets a program influence at all. */
export type SocketOption =
  | 'SO_REUSEADDR'
  | 'SO_REUSEPORT'
  | 'IPV6_V6ONLY'
  | 'TCP_NODELAY'
  | 'SO_KEEPALIVE';

/** What setsockopt() recorded, for listen() and connect() to pass to Node. */
export interface TcpOptions {
  /** SO_REUSEPORT, passed to listen(). */
  reusePort: boolean;
  /** IPV6_V6ONLY, passed to listen(); undefined leaves Node's default (dual-stack). */
  ipv6Only: boolean | undefined;
  /** TCP_NODELAY, applied to the connection (now, or when it opens). */
  noDelay: boolean;
  /** SO_KEEPALIVE, applied to the connection (now, or when it opens). */
  keepAlive: boolean;
}

/** The options of a new socket: Node's defaults. */
export function defaultOptions(): TcpOptions {
  return { reusePort: false, ipv6Only: undefined, noDelay: false, keepAlive: false };
}

/**
 * Records `option` in `options`, or throws where Node cannot do it: SO_REUSEADDR off, SO_REUSEPORT
 * on a Node without it, IPV6_V6ONLY on an AF_INET socket, and the two listen-time options once
 * the socket already listens or connects (`state` says whether it does).
 *
 * @example
 * const options = defaultOptions();
 * recordOption(options, 'TCP_NODELAY', true, 'AF_INET', 'fresh');
 * console.log(options.noDelay); // true
 */
export function recordOption(
  options: TcpOptions,
  option: SocketOption,
  on: boolean,
  family: Family,
  state: SocketState,
): void {
  switch (option) {
    case 'SO_REUSEADDR':
      if (!on) {
        throw new UnsupportedError(
          'setsockopt(SO_REUSEADDR, false): Node always sets SO_REUSEADDR on listening sockets ' +
            'and cannot turn it off.',
        );
      }
      return;
    case 'SO_REUSEPORT': {
      const support = reusePortSupport();
      if (on && !support.supported) {
        throw new UnsupportedError(`setsockopt(SO_REUSEPORT): ${support.reason}.`);
      }
      requireBeforeListen(option, state);
      options.reusePort = on;
      return;
    }
    case 'IPV6_V6ONLY':
      if (family !== 'AF_INET6') {
        throw stateError(
          'ENOPROTOOPT',
          'setsockopt',
          'IPV6_V6ONLY applies to AF_INET6 sockets only',
        );
      }
      requireBeforeListen(option, state);
      options.ipv6Only = on;
      return;
    case 'TCP_NODELAY':
      options.noDelay = on;
      return;
    case 'SO_KEEPALIVE':
      options.keepAlive = on;
      return;
    default:
      throw new TypeError(
        `setsockopt(option): expected one of SO_REUSEADDR, SO_REUSEPORT, IPV6_V6ONLY, ` +
          `TCP_NODELAY, SO_KEEPALIVE; got ${util.inspect(option)} (Node exposes no other socket options)`,
      );
  }
}

function requireBeforeListen(option: SocketOption, state: SocketState): void {
  if (state !== 'fresh' && state !== 'bound') {
    throw new UnsupportedError(
      `setsockopt(${option}): Node applies this option only when listen() creates the OS ` +
        `socket, and this socket is already ${state}: set it right after socket().`,
    );
  }
}
