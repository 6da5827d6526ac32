// Mutant: waits one interval before every ping, the first one too
// Why students write it: 'wait, then send' is the loop body that comes to mind first
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
import { type SockAddr, SocketTimeoutError, socket } from '@netprog/socket-core';

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

const now = (): bigint => process.hrtime.bigint();
const msBetween = (from: bigint, to: bigint): number => Number(to - from) / 1e6;

/**
 * Sends `count` pings `intervalMs` apart without waiting for replies, and reports each one.
 *
 * @example
 * const report = await ping(['127.0.0.1', 7000], { count: 10, intervalMs: 20, timeoutMs: 300 });
 * report.lossPercent; // 30 when 3 of 10 were lost
 */
export async function ping(target: SockAddr, options: PingOptions): Promise<PingReport> {
  const { count, intervalMs, timeoutMs } = options;
  await using sock = socket('AF_INET', 'SOCK_DGRAM');
  await sock.connect(target);
  const sentAt = new Map<number, bigint>();
  const rtts = new Map<number, number>();

  // The sender runs on its own: one ping every intervalMs, whatever happens to the replies.
  const sender = (async () => {
    for (let seq = 1; seq <= count; seq++) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      sentAt.set(seq, now());
      await sock.send(`Ping ${seq} ${Date.now()}`);
    }
  })();

  // The receiver: until every ping is answered, or the last ping's timeout has passed.
  while (rtts.size < count) {
    const lastSent = sentAt.get(count);
    // Until the last ping has gone, wake up every interval; then wait out its timeout.
    const waitMs = lastSent === undefined ? intervalMs : timeoutMs - msBetween(lastSent, now());
    if (waitMs <= 0) break;
    sock.settimeout(waitMs);
    let reply: Buffer;
    try {
      reply = await sock.recv(2_048);
    } catch (error) {
      if (error instanceof SocketTimeoutError) continue;
      throw error;
    }
    const receivedAt = now();
    const match = /^ping (\d+) /i.exec(reply.toString('latin1'));
    const seq = Number(match?.[1]);
    const sent = sentAt.get(seq);
    if (sent === undefined || rtts.has(seq)) continue; // not a reply, or a duplicate
    const rtt = msBetween(sent, receivedAt);
    if (rtt <= timeoutMs) rtts.set(seq, rtt); // a late reply is a lost ping
  }
  await sender;

  const results = Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    rttMs: rtts.get(i + 1) ?? null,
  }));
  const times = [...rtts.values()];
  const received = times.length;
  return {
    results,
    sent: count,
    received,
    lossPercent: count === 0 ? 0 : ((count - received) * 100) / count,
    minMs: received === 0 ? null : Math.min(...times),
    avgMs: received === 0 ? null : times.reduce((a, b) => a + b, 0) / received,
    maxMs: received === 0 ? null : Math.max(...times),
  };
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
  const lines = report.results.map(({ seq, rttMs }) =>
    rttMs === null
      ? `Request timed out (seq=${seq})`
      : `Reply from ${target}: seq=${seq} time=${rttMs.toFixed(3)} ms`,
  );
  lines.push(
    `--- ${target} UDP ping statistics ---`,
    `${report.sent} packets transmitted, ${report.received} received, ${Number(report.lossPercent.toFixed(1))}% packet loss`,
  );
  const times = [report.minMs, report.avgMs, report.maxMs].filter((ms) => ms !== null);
  if (times.length === 3) {
    lines.push(`rtt min/avg/max = ${times.map((ms) => ms.toFixed(3)).join('/')} ms`);
  }
  return lines;
}
