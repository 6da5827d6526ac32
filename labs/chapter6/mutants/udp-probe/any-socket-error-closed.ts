// Mutant: answers closed for any SocketError, timeouts included (SocketTimeoutError is a SocketError)
// Why students write it: the refusal arrives as a SocketError, so the class looks like enough
// Exercise 5: is anything listening on this UDP port? TCP answers at once (SYN-ACK or RST); UDP
// answers nothing unless the program on that port decides to reply. What the kernel does for a
// port where nothing is bound is send ICMP "port unreachable", and only a CONNECTED UDP socket
// hears it: as ECONNREFUSED on its next call. That is how nmap's UDP scan tells ports apart.
//
// probeUdpPort(target, timeoutMs): send one datagram (any bytes) to `target` and wait at most
// timeoutMs:
//   - a datagram comes back:          'open'
//   - ECONNREFUSED (ICMP unreachable): 'closed' (at once, not after the timeout)
//   - nothing within timeoutMs:        'open|filtered' (a silent program, or a firewall that
//                                       drops: UDP cannot tell them apart)
// Close your socket in every case.
import { type SockAddr, SocketError, SocketTimeoutError, socket } from '@netprog/socket-core';

export type UdpPortState = 'open' | 'closed' | 'open|filtered';

/**
 * Probes one UDP port the way nmap -sU does.
 *
 * @example
 * await probeUdpPort(['127.0.0.1', 9999], 500); // 'closed' when nothing is bound there
 */
export async function probeUdpPort(target: SockAddr, timeoutMs: number): Promise<UdpPortState> {
  await using sock = socket('AF_INET', 'SOCK_DGRAM');
  await sock.connect(target); // connected, or the ICMP error would never reach us
  sock.settimeout(timeoutMs);
  await sock.send('probe');
  try {
    await sock.recv(2_048);
    return 'open';
  } catch (error) {
    if (error instanceof SocketError) return 'closed';
    if (error instanceof SocketTimeoutError) return 'open|filtered';
    throw error;
  }
}
