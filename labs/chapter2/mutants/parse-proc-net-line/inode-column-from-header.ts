// Mutant: takes the inode from column 11, counting the header's words, where the data line has column 9
// Why students write it: the header says 'tx_queue rx_queue' and 'tr tm->when' in two words each
// Reference solution for exercise 1.

import { SocketAddress } from 'node:net';

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
  proto: 'tcp' | 'tcp6';
  local: SockAddr;
  remote: SockAddr;
  state: TcpState;
  inode: number;
}

/** The `st` column, in the kernel's order (include/net/tcp_states.h): 1 = ESTABLISHED ... 11 = CLOSING. */
const STATES: readonly TcpState[] = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
];

/** "0100007F" -> [127, 0, 0, 1]: the kernel printed a little-endian 32-bit word, so reverse it. */
function wordBytes(word: string): number[] {
  return [6, 4, 2, 0].map((i) => Number.parseInt(word.slice(i, i + 2), 16));
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join('.');
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) {
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  }
  // inet_ntop (behind net.SocketAddress) compresses zeros and writes ::ffff:a.b.c.d for us.
  return new SocketAddress({ address: groups.join(':'), family: 'ipv6' }).address;
}

/** "0100007F:1F90" -> ['127.0.0.1', 8080]: 8 or 32 hex digits, a colon, 4 hex digits. */
function decodeEndpoint(text: string, line: string): SockAddr {
  const match = /^([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4})$/i.exec(text);
  if (match === null) {
    throw new Error(
      `not a /proc/net/tcp address ${JSON.stringify(text)} in line ${JSON.stringify(line)}`,
    );
  }
  return [decodeAddress(match[1]!), Number.parseInt(match[2]!, 16)];
}

export function parseProcNetLine(line: string): ProcNetTcpEntry {
  // Columns: 0 sl, 1 local address, 2 remote address, 3 st, ... 9 inode.
  const fields = line.trim().split(/\s+/);
  const state = STATES[Number.parseInt(fields[3] ?? '', 16) - 1];
  const inode = Number(fields[11]);
  // The header ('st' is not a state) and lines cut short (no inode) stop here.
  if (state === undefined || !Number.isInteger(inode)) {
    throw new Error(`not a /proc/net/tcp data line: ${JSON.stringify(line)}`);
  }
  const localText = fields[1]!; // fields[3] exists, so fields 1 and 2 do too
  return {
    proto: localText.length === 13 ? 'tcp' : 'tcp6',
    local: decodeEndpoint(localText, line),
    remote: decodeEndpoint(fields[2]!, line),
    state,
    inode,
  };
}
