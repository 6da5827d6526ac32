// Pure parsing of Linux's /proc/net/{tcp,tcp6,udp,udp6}: the tables `netstat` and old `ss`
// versions read. No I/O here, so every rule can be tested with lines captured from a real kernel.
//
// A line looks like this (header: sl local_address rem_address st tx_queue:rx_queue ... uid timeout inode):
//    4: 0100007F:1F90 0100007F:C5B6 01 00000000:00000000 00:00000000 00000000  1000  0 13043 ...
// The kernel prints each address as the raw bytes of the in-kernel 32-bit words with `%08X`, so on
// a little-endian CPU 127.0.0.1 (bytes 7F 00 00 01) comes out as "0100007F". Ports are printed
// with `%04X` from a host-order number, so "1F90" is simply 8080.

import { isIPv4 } from 'node:net';

/** Which /proc/net table an entry came from: the IPv6 tables also hold dual-stack sockets. */
export type NetstatProto = 'tcp' | 'tcp6' | 'udp' | 'udp6';

/**
 * Socket states as the kernel names them (include/net/tcp_states.h, without the `TCP_` prefix).
 * UDP reuses two of them: CLOSE for an unconnected socket (ss prints `UNCONN`) and ESTABLISHED
 * for a connected one.
 */
export type TcpStateName =
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
  | 'CLOSING'
  | 'NEW_SYN_RECV'
  | 'BOUND_INACTIVE'
  | 'UNKNOWN';

/** The `st` column's numbers in the kernel's order: index 1 is ESTABLISHED, 0x0A is LISTEN. */
const STATES_BY_CODE: readonly TcpStateName[] = [
  'UNKNOWN',
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
  'NEW_SYN_RECV',
  'BOUND_INACTIVE',
];

/** One socket as /proc/net/* describes it. Addresses are Python-like `[host, port]` tuples. */
export interface ProcNetEntry {
  proto: NetstatProto;
  local: readonly [host: string, port: number];
  /** `['0.0.0.0', 0]` / `['::', 0]` when there is no peer (a LISTEN or unconnected UDP socket). */
  remote: readonly [host: string, port: number];
  state: TcpStateName;
  /** The raw `st` number, kept so that a state this table does not know is still visible. */
  stateCode: number;
  /** Bytes queued for sending / received but not yet read by the process. */
  txQueue: number;
  rxQueue: number;
  /** Owner's user id. */
  uid: number;
  /**
   * The socket's inode number: the same number `readlink /proc/<pid>/fd/<n>` shows as
   * `socket:[inode]`, which is how a socket is tied to the process holding it. 0 for sockets no
   * process holds any more (TIME_WAIT).
   */
  inode: number;
}

/**
 * A /proc/net line that does not have the expected shape; `line` is the line itself.
 *
 * @example
 * try {
 *   parseProcNetLine('garbage', 'tcp', true);
 * } catch (e) {
 *   if (e instanceof ProcNetParseError) console.log(e.line); // 'garbage'
 * }
 */
export class ProcNetParseError extends Error {
  readonly line: string;
  constructor(message: string, line: string) {
    super(`${message} in /proc/net line ${JSON.stringify(line.trim())}`);
    this.name = 'ProcNetParseError';
    this.line = line;
  }
}

/**
 * Maps the `st` column (hex) to the kernel's state name; unknown codes give 'UNKNOWN'.
 *
 * @example
 * procNetStateName(0x0a) // 'LISTEN'
 * procNetStateName(0x06) // 'TIME_WAIT'
 */
export function procNetStateName(code: number): TcpStateName {
  return STATES_BY_CODE[code] ?? 'UNKNOWN';
}

/**
 * Writes an IPv6 address (16 bytes) exactly as `inet_ntop` does, so it matches what ss and Node
 * print: lower-case hex, no leading zeros, the longest run of two or more zero groups replaced by
 * `::` (RFC 5952), and an IPv4 tail written dotted for IPv4-mapped addresses (`::ffff:127.0.0.1`,
 * the form IPv4 peers take on a dual-stack socket) and for the deprecated IPv4-compatible ones
 * (`::1.2.3.4`, which RFC 5952 would not do but inet_ntop still does).
 *
 * @example
 * formatIpv6Bytes([0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1]) // '::1'
 */
export function formatIpv6Bytes(bytes: readonly number[]): string {
  if (bytes.length !== 16) throw new RangeError(`IPv6 needs 16 bytes, got ${bytes.length}`);
  const zeroUpTo = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  const ipv4Tail = bytes.slice(12).join('.');
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${ipv4Tail}`;
  // IPv4-compatible: six zero groups, then a non-zero seventh (else '::1' would become '::0.0.0.1').
  if (zeroUpTo(12) && (bytes[12] !== 0 || bytes[13] !== 0)) return `::${ipv4Tail}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // Find the longest run of zero groups (first one wins a tie); a single zero group stays.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLength < 2) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

// #region decode-address
/**
 * Turns one 32-bit word as /proc prints it ("0100007F") back into the 4 bytes it stands for.
 * The kernel printed the word in the CPU's byte order; every CPU Node runs on for Linux in
 * practice is little-endian (x86-64, arm64), so the byte order is reversed here. On a big-endian
 * machine the bytes would already be in order.
 */
function wordToBytes(word: string, littleEndian: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(word.slice(i, i + 2), 16));
  return littleEndian ? bytes.reverse() : bytes;
}

/**
 * Decodes an address as /proc/net prints it: 8 hex digits for IPv4 (one little-endian word),
 * 32 for IPv6 (four little-endian words, each reversed on its own).
 *
 * @example
 * decodeProcNetAddress('0100007F') // '127.0.0.1'
 * decodeProcNetAddress('0000000000000000FFFF00000100007F') // '::ffff:127.0.0.1'
 * decodeProcNetAddress('00000000000000000000000001000000') // '::1'
 */
export function decodeProcNetAddress(hex: string, littleEndian = true): string {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) {
    throw new RangeError(
      `expected 8 (IPv4) or 32 (IPv6) hex digits for an address, got ${JSON.stringify(hex)}`,
    );
  }
  if (hex.length === 8) return wordToBytes(hex, littleEndian).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordToBytes(hex.slice(i, i + 8), littleEndian));
  return formatIpv6Bytes(bytes);
}

// #endregion decode-address

/**
 * Decodes `ADDRESS:PORT` ("0100007F:1F90") into a `[host, port]` tuple.
 *
 * @example
 * decodeProcNetEndpoint('0100007F:1F90') // ['127.0.0.1', 8080]
 */
export function decodeProcNetEndpoint(
  text: string,
  littleEndian = true,
): readonly [host: string, port: number] {
  const match = /^([0-9A-Fa-f]+):([0-9A-Fa-f]{4})$/.exec(text);
  if (match === null)
    throw new RangeError(`expected ADDRESS:PORT in hex, got ${JSON.stringify(text)}`);
  const [, address = '', port = ''] = match;
  return [decodeProcNetAddress(address, littleEndian), Number.parseInt(port, 16)];
}

/**
 * Parses one data line of /proc/net/{tcp,tcp6,udp,udp6} (not the header) into a typed entry.
 * Throws ProcNetParseError, naming the line, when it does not have the kernel's shape, or when
 * the address width does not match the table (an IPv4 table holds 8-digit addresses).
 *
 * @example
 * parseProcNetLine('   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 13039 1 0 100 0 0 10 0', 'tcp')
 * // { proto: 'tcp', local: ['127.0.0.1', 8080], remote: ['0.0.0.0', 0], state: 'LISTEN', stateCode: 10,
 * //   txQueue: 0, rxQueue: 0, uid: 1000, inode: 13039 }
 */
export function parseProcNetLine(
  line: string,
  proto: NetstatProto,
  littleEndian = true,
): ProcNetEntry {
  const fields = line.trim().split(/\s+/);
  // sl, local, remote, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode, ...
  if (fields.length < 10 || !/^\d+:$/.test(fields[0] ?? '')) {
    throw new ProcNetParseError(
      'expected "sl: local remote st tx:rx tr:when retrnsmt uid timeout inode"',
      line,
    );
  }
  const field = (i: number) => fields[i] ?? '';
  const [localText, remoteText, stText, queues] = [field(1), field(2), field(3), field(4)];
  const [uidText, inodeText] = [field(7), field(9)];
  const wantDigits = proto === 'tcp' || proto === 'udp' ? 8 : 32;
  if (localText.indexOf(':') !== wantDigits || remoteText.indexOf(':') !== wantDigits) {
    throw new ProcNetParseError(`expected ${wantDigits}-digit addresses for ${proto}`, line);
  }
  let local: readonly [string, number];
  let remote: readonly [string, number];
  try {
    local = decodeProcNetEndpoint(localText, littleEndian);
    remote = decodeProcNetEndpoint(remoteText, littleEndian);
  } catch (error) {
    throw new ProcNetParseError((error as Error).message, line);
  }
  const queueMatch = /^([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8})$/.exec(queues);
  if (!/^[0-9A-Fa-f]{2}$/.test(stText) || queueMatch === null) {
    throw new ProcNetParseError('expected a 2-digit hex state and tx:rx queues', line);
  }
  if (!/^\d+$/.test(uidText) || !/^\d+$/.test(inodeText)) {
    throw new ProcNetParseError('expected decimal uid and inode', line);
  }
  const stateCode = Number.parseInt(stText, 16);
  return {
    proto,
    local,
    remote,
    state: procNetStateName(stateCode),
    stateCode,
    txQueue: Number.parseInt(queueMatch[1] ?? '0', 16),
    rxQueue: Number.parseInt(queueMatch[2] ?? '0', 16),
    uid: Number(uidText),
    inode: Number(inodeText),
  };
}

/**
 * Parses a whole /proc/net table (its header line is skipped; blank lines are ignored).
 *
 * @example
 * import { readFile } from 'node:fs/promises';
 * parseProcNetTable(await readFile('/proc/net/tcp', 'utf8'), 'tcp') // ProcNetEntry[]
 */
export function parseProcNetTable(
  text: string,
  proto: NetstatProto,
  littleEndian = true,
): ProcNetEntry[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => parseProcNetLine(line, proto, littleEndian));
}

/**
 * Strips the `::ffff:` prefix of an IPv4-mapped IPv6 address (the form an IPv4 peer takes on a
 * dual-stack IPv6 socket), so both ends of one connection can be compared; other hosts pass
 * through unchanged.
 *
 * @example
 * stripIpv4Mapped('::ffff:127.0.0.1') // '127.0.0.1'
 * stripIpv4Mapped('::1')              // '::1'
 */
export function stripIpv4Mapped(host: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  return match?.[1] !== undefined && isIPv4(match[1]) ? match[1] : host;
}
