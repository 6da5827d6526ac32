// Printing netstat() entries the way the command-line tools do, for examples and the chapter text.

import type { NetstatEntry } from './netstat.ts';

/**
 * Writes an endpoint as `host:port`, with IPv6 hosts in brackets (as ss does) so the port cannot
 * be mistaken for part of the address, and port 0 as `*` ("any": no peer yet).
 *
 * @example
 * formatNetstatEndpoint(['127.0.0.1', 7001]) // '127.0.0.1:7001'
 * formatNetstatEndpoint(['::', 0])           // '[::]:*'
 */
export function formatNetstatEndpoint([host, port]: readonly [string, number]): string {
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `${shownHost}:${port === 0 ? '*' : port}`;
}

/**
 * Formats entries as a table in the spirit of Linux `netstat -tunap`: Proto, Local Address,
 * Foreign Address, State and, when any entry has one, PID/Program.
 *
 * @example
 * console.log(formatNetstat(await netstat()));
 * // Proto  Local Address     Foreign Address   State        PID/Program
 * // tcp    127.0.0.1:7001    0.0.0.0:*         LISTEN       4242/node
 */
export function formatNetstat(entries: readonly NetstatEntry[]): string {
  const withOwner = entries.some((e) => e.pid !== undefined);
  const header = ['Proto', 'Local Address', 'Foreign Address', 'State'];
  if (withOwner) header.push('PID/Program');
  const rows = entries.map((e) => {
    const row = [e.proto, formatNetstatEndpoint(e.local), formatNetstatEndpoint(e.remote), e.state];
    if (withOwner) row.push(e.pid === undefined ? '-' : `${e.pid}/${e.command ?? '?'}`);
    return row;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
