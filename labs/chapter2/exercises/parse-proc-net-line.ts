// Exercise 1: read one line of Linux's /proc/net/tcp (or tcp6) the way netstat and ss do.
//
// A line looks like this (only the first columns matter here):
//    sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
//    1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000     0 13039 ...
// - addresses are hex: 8 digits for IPv4 (tcp), 32 for IPv6 (tcp6); see the lab README for the
//   byte order (it is NOT the order you read them in on a little-endian machine);
// - ports are 4 hex digits in the normal order ("1F90" is 8080);
// - st is the state as a 2-digit hex number (0A is LISTEN);
// - inode is decimal.

export type SockAddr = readonly [host: string, port: number];

export type TcpState =
  | 'ESTABLISHED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'TIME_WAIT'
  | 'CLOSE'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'LISTEN'
  | 'CLOSING';

export interface ProcNetTcpEntry {
  /** 'tcp' for an 8-digit (IPv4) address, 'tcp6' for a 32-digit one. */
  proto: 'tcp' | 'tcp6';
  local: SockAddr;
  /** ['0.0.0.0', 0] or ['::', 0] for a socket without a peer. */
  remote: SockAddr;
  state: TcpState;
  inode: number;
}

/**
 * Parses one data line of /proc/net/tcp or /proc/net/tcp6. IPv6 addresses must be written the
 * way Node writes them: '::1', '::', '::ffff:127.0.0.1', 'fe80::1'.
 * Throws an Error naming the line when it is not a data line (e.g. the header).
 *
 * @example
 * parseProcNetLine('   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 13039 1')
 * // { proto: 'tcp', local: ['127.0.0.1', 8080], remote: ['0.0.0.0', 0], state: 'LISTEN', inode: 13039 }
 */
export function parseProcNetLine(line: string): ProcNetTcpEntry {
  throw new Error(`TODO: parse the /proc/net/tcp line ${JSON.stringify(line)}`);
}
