// The readable form of a socket, modelled on Python's repr:
//   <socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', 54321) raddr=('127.0.0.1', 8080)>
import type { Family, SockAddr, SockType } from './types.ts';

/** What the representation shows; the Socket class fills it in. */
export interface SocketView {
  readonly fd: number;
  readonly family: Family;
  readonly type: SockType;
  readonly closed: boolean;
  /** The local address, shown as laddr (omitted when unknown). */
  readonly laddr?: SockAddr | undefined;
  /** The peer's address, shown as raddr (only for a connected socket). */
  readonly raddr?: SockAddr | undefined;
}

/**
 * Formats a socket like Python's repr. Addresses are Python tuples: `('127.0.0.1', 8080)`.
 * For IPv6, Python prints a 4-tuple `('::1', 8080, 0, 0)` with flowinfo and scope_id; Node
 * exposes neither number, so the 2-tuple is printed rather than two made-up zeros (a link-local
 * address keeps its zone in the host instead, e.g. 'fe80::1%eth0').
 *
 * @example
 * formatSocket({ fd: 3, family: 'AF_INET', type: 'SOCK_STREAM', closed: false, laddr: ['0.0.0.0', 0] });
 * // "<socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('0.0.0.0', 0)>"
 */
export function formatSocket(view: SocketView): string {
  const parts = ['<socket'];
  if (view.closed) parts.push('[closed]');
  parts.push(`fd=${view.fd}`, `family=${view.family}`, `type=${view.type}`);
  if (!view.closed && view.laddr) parts.push(`laddr=${formatAddressTuple(view.laddr)}`);
  if (!view.closed && view.raddr) parts.push(`raddr=${formatAddressTuple(view.raddr)}`);
  return `${parts.join(' ')}>`;
}

/**
 * An address as Python prints a tuple: `('127.0.0.1', 8080)`.
 *
 * @example
 * formatAddressTuple(['::1', 443]); // "('::1', 443)"
 */
export function formatAddressTuple([host, port]: SockAddr): string {
  return `(${pythonString(host)}, ${port})`;
}

/** Python's repr of a str: single quotes, unless the text contains one and no double quote. */
function pythonString(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replaceAll("'", "\\'")}'`;
}
