// Reading the output of Linux's `ss` (iproute2), so the chapter can check its netstat() against
// the tool every Linux admin uses. ss asks the kernel over netlink (inet_diag), a different path
// from /proc/net/tcp, which is what makes the comparison worth doing.

import type { TcpStateName } from '@netprog/socket-core';

/** One row of `ss -tan` / `ss -uan`, with the state renamed to the kernel's name. */
export interface SsRow {
  state: TcpStateName;
  /** ss's own spelling of the state, e.g. 'ESTAB' or 'TIME-WAIT'. */
  ssState: string;
  recvQ: number;
  sendQ: number;
  local: readonly [host: string, port: number];
  remote: readonly [host: string, port: number];
  /** With `-p`: the processes holding the socket, from `users:(("node",pid=7107,fd=19))`. */
  users: ReadonlyArray<{ command: string; pid: number; fd: number }>;
}

/** ss prints short state names; the kernel (and /proc, and our netstat()) uses these. */
const SS_STATES: Readonly<Record<string, TcpStateName>> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  UNCONN: 'CLOSE',
  CLOSE: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/**
 * Parses ss's `address:port` column. ss writes IPv6 hosts in brackets, `*` for a port it has no
 * number for (no peer), and a bare `*` host for the IPv6 wildcard of a dual-stack socket (one that
 * also accepts IPv4); `%lo` after a host names the device the socket is bound to and is dropped.
 *
 * @example
 * parseSsEndpoint('[::ffff:127.0.0.1]:34997') // ['::ffff:127.0.0.1', 34997]
 * parseSsEndpoint('0.0.0.0:*')                // ['0.0.0.0', 0]
 * parseSsEndpoint('*:34997')                  // ['::', 34997]
 */
export function parseSsEndpoint(text: string): readonly [host: string, port: number] {
  const split = text.lastIndexOf(':');
  if (split <= 0)
    throw new RangeError(`expected host:port in ss output, got ${JSON.stringify(text)}`);
  let host = text.slice(0, split);
  const portText = text.slice(split + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = host.replace(/%[^%\]]+$/, '');
  if (host === '*') host = '::';
  const port = portText === '*' ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`expected a port or * in ss output, got ${JSON.stringify(text)}`);
  }
  return [host, port];
}

/**
 * Parses the users:(("name",pid=N,fd=M),...) column that `ss -p` adds.
 *
 * @example
 * parseSsUsers('users:(("node",pid=7107,fd=19))') // [{ command: 'node', pid: 7107, fd: 19 }]
 */
export function parseSsUsers(text: string): SsRow['users'] {
  return [...text.matchAll(/\("([^"]*)",pid=(\d+),fd=(\d+)\)/g)].map((m) => ({
    command: m[1] ?? '',
    pid: Number(m[2]),
    fd: Number(m[3]),
  }));
}

/**
 * Parses the whole output of `ss -tan` (or `-uan`, with or without `-p`): the header line is
 * skipped, each other line becomes an SsRow.
 *
 * @example
 * parseSsOutput('State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nLISTEN 0 511 127.0.0.1:36135 0.0.0.0:*')
 * // [{ state: 'LISTEN', ssState: 'LISTEN', recvQ: 0, sendQ: 511, local: ['127.0.0.1', 36135], remote: ['0.0.0.0', 0], users: [] }]
 */
export function parseSsOutput(text: string): SsRow[] {
  const rows: SsRow[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const [ssState = '', recvQ = '', sendQ = '', local = '', remote = ''] = fields;
    if (line.trim() === '' || ssState === 'State' || ssState === 'Netid') continue;
    if (fields.length < 5) throw new RangeError(`unexpected ss line ${JSON.stringify(line)}`);
    rows.push({
      state: SS_STATES[ssState] ?? 'UNKNOWN',
      ssState,
      recvQ: Number(recvQ),
      sendQ: Number(sendQ),
      local: parseSsEndpoint(local),
      remote: parseSsEndpoint(remote),
      users: parseSsUsers(fields.slice(5).join(' ')),
    });
  }
  return rows;
}
