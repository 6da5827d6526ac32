// Guarding the TCP handle under net.Socket. Chapter 3's fast scanner opens connections with the
// bare handles of Node's internal tcp_wrap binding (process.binding('tcp_wrap')), which never
// pass through net.Socket.prototype.connect. Every TCP connect in a thread, net's included, ends
// in one of the handle's two methods, connect (IPv4) and connect6 (IPv6), with an IP address, so
// checking there closes that door.
import { checkTarget } from './check-target.ts';
import { isLoopback } from './is-loopback.ts';

/** The part of the internal binding the guard touches (internal, so typed here by hand). */
type HandleConnect = (this: unknown, request: unknown, address: string, port: number) => number;
interface TcpHandlePrototype {
  connect: HandleConnect;
  connect6: HandleConnect;
}

/**
 * Replaces the TCP handle's connect and connect6 with versions that throw a LoopbackGuardError
 * for an address off loopback, and returns a function that restores them. net.Socket never gets
 * here with such an address (guardNetConnect refuses it first, with a socket error); a caller of
 * the bare handle gets the exception at once, where it called connect. Does nothing where the
 * binding is not available.
 *
 * Unlike guardNetConnect it lets port 53 on loopback through: that rule keeps DNS queries away
 * from a local stub resolver that forwards them, and a bare handle sends nothing unless its
 * caller writes. The course's one bare-handle user, chapter 3's fast scanner, sweeps every port
 * of 127.0.0.1 (53 included) and never writes a byte.
 *
 * @example
 * const restore = guardTcpHandles();
 * const { TCP, TCPConnectWrap, constants } = process.binding('tcp_wrap');
 * new TCP(constants.SOCKET).connect(new TCPConnectWrap(), '192.0.2.1', 80); // throws
 * restore();
 */
export function guardTcpHandles(): () => void {
  const prototype = tcpHandlePrototype();
  if (prototype === undefined) return () => {};
  const { connect, connect6 } = prototype;
  const checked = (original: HandleConnect): HandleConnect =>
    function (this: unknown, request, address, port) {
      if (!isLoopback(address)) throw checkTarget('TCP connect', address, port);
      return Reflect.apply(original, this, [request, address, port]) as number;
    };
  prototype.connect = checked(connect);
  prototype.connect6 = checked(connect6);
  return () => {
    prototype.connect = connect;
    prototype.connect6 = connect6;
  };
}

function tcpHandlePrototype(): TcpHandlePrototype | undefined {
  // process.binding is internal, so Node's types leave it out.
  const internal = process as unknown as { binding?: (name: string) => unknown };
  try {
    const binding = internal.binding?.('tcp_wrap') as { TCP?: { prototype: unknown } } | undefined;
    const prototype = binding?.TCP?.prototype as Partial<TcpHandlePrototype> | undefined;
    if (typeof prototype?.connect !== 'function' || typeof prototype.connect6 !== 'function') {
      return undefined;
    }
    return prototype as TcpHandlePrototype;
  } catch {
    return undefined;
  }
}
