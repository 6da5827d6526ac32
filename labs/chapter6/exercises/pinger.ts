// Exercise 1: a pinger that does not wait. The chapter's pinger sends a ping, waits for its
// reply or its timeout, then sends the next: one ping in flight. Real ping sends one every
// interval whatever happened to the last, so several are in flight at once, and replies can
// come back late, twice, or out of order. The sequence number is the only way to tell which
// ping a reply answers.
//
// Build ping(target, { count, intervalMs, timeoutMs }):
//   - send `count` UDP datagrams to `target`, the k-th (k = 1..count) at about (k - 1) x intervalMs
//     after the first, each with the text `Ping <k> <Date.now()>` (Kurose & Ross's format);
//   - ping k is answered by a datagram whose text is `Ping <k> <anything>` (any letter case: the
//     lab's server upper-cases) that arrives within timeoutMs of sending ping k. Its round-trip
//     time is measured with process.hrtime.bigint(), from sending ping k to receiving its reply;
//   - a reply after the timeout, a second copy, or a datagram that is not a reply changes nothing;
//   - resolve as soon as every ping is answered or timed out, with one result per ping in seq order
//     and the summary: sent, received, loss in percent, and min/avg/max round-trip time (null if
//     none). count 0 sends nothing and reports 0% loss.
// formatReport turns a report into ping's lines (see its doc comment).
import type { SockAddr } from '@netprog/socket-core';

export interface PingOptions {
  count: number;
  intervalMs: number;
  timeoutMs: number;
}

export interface PingReport {
  /** One per ping, in seq order; rttMs is null for a ping that timed out. */
  results: Array<{ seq: number; rttMs: number | null }>;
  sent: number;
  received: number;
  /** (sent - received) / sent x 100: 30 for 3 lost out of 10. */
  lossPercent: number;
  minMs: number | null;
  avgMs: number | null;
  maxMs: number | null;
}

/**
 * Sends `count` pings `intervalMs` apart without waiting for replies, and reports each one.
 * socket-core's socket('AF_INET', 'SOCK_DGRAM') (connect, send, recv with settimeout) or
 * node:dgram both work.
 *
 * @example
 * const report = await ping(['127.0.0.1', 7000], { count: 10, intervalMs: 20, timeoutMs: 300 });
 * report.lossPercent; // 30 when 3 of 10 were lost
 */
export async function ping(target: SockAddr, options: PingOptions): Promise<PingReport> {
  throw new Error(
    `TODO: send ${options.count} pings to ${target.join(':')}, ${options.intervalMs} ms apart, and match the replies`,
  );
}

/**
 * ping's output, one string per line:
 *   'Reply from 127.0.0.1:7000: seq=1 time=0.082 ms'   (3 decimals)
 *   'Request timed out (seq=2)'
 *   '--- 127.0.0.1:7000 UDP ping statistics ---'
 *   '10 packets transmitted, 7 received, 30% packet loss'   (loss rounded to 1 decimal: 33.3%)
 *   'rtt min/avg/max = 0.052/0.105/0.215 ms'   (3 decimals; this line only if any reply came)
 *
 * @example
 * formatReport(report, '127.0.0.1:7000').join('\n');
 */
export function formatReport(report: PingReport, target: string): string[] {
  throw new Error(`TODO: format ${report.sent} results for ${target}`);
}
