// socket(family, type), Python's `socket.socket()`: the type decides the class, TCP or UDP.
import { DatagramSocket } from './dgram/datagram-socket.ts';
import { Socket } from './socket.ts';
import { checkSocketFamily, checkSocketType } from './socket-base.ts';
import type { Family, SockType } from './types.ts';

/**
 * Creates a socket, like Python's `socket.socket(family, type)`: TCP over IPv4 unless told
 * otherwise. The type decides the class, as it decides the protocol in socket(2):
 * `SOCK_STREAM` gives a Socket (TCP: connect, listen, accept, send, recv), `SOCK_DGRAM` a
 * DatagramSocket (UDP: sendto, recvfrom, connect, send, recv). TypeScript knows which one you
 * get from the type you pass.
 *
 * @example
 * const s = socket(); // Socket: AF_INET, SOCK_STREAM
 * const s6 = socket('AF_INET6'); // Socket over IPv6
 * const u = socket('AF_INET', 'SOCK_DGRAM'); // DatagramSocket
 * await u.sendto('ping', ['127.0.0.1', 53000]);
 */
export function socket(family?: Family, type?: 'SOCK_STREAM'): Socket;
export function socket(family: Family | undefined, type: 'SOCK_DGRAM'): DatagramSocket;
export function socket(family?: Family, type?: SockType): Socket | DatagramSocket;
export function socket(
  family: Family = 'AF_INET',
  type: SockType = 'SOCK_STREAM',
): Socket | DatagramSocket {
  // Check both before choosing a class, so a mistake reads the same whichever class it was for.
  checkSocketFamily(family, 'socket()');
  checkSocketType(type);
  return type === 'SOCK_DGRAM' ? new DatagramSocket(family) : new Socket(family);
}
