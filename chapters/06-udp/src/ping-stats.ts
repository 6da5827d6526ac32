// The pinger's arithmetic and its lines of output: pure functions, so that the numbers in the
// summary can be tested without a network.

/** What happened to one ping. */
export type PingResult =
  | { readonly seq: number; readonly outcome: 'reply'; readonly rttMs: number }
  | { readonly seq: number; readonly outcome: 'timeout' | 'refused' };

/** ping's closing statistics. Round-trip times are null when no reply came back. */
export interface PingSummary {
  readonly sent: number;
  readonly received: number;
  /** (sent - received) / sent, as a percentage: 30 for 3 lost of 10. */
  readonly lossPercent: number;
  readonly minMs: number | null;
  readonly avgMs: number | null;
  readonly maxMs: number | null;
}

/**
 * Counts, loss and min/avg/max round-trip time over every ping sent.
 *
 * @example
 * summarise([{ seq: 1, outcome: 'reply', rttMs: 2 }, { seq: 2, outcome: 'timeout' }])
 * // { sent: 2, received: 1, lossPercent: 50, minMs: 2, avgMs: 2, maxMs: 2 }
 */
export function summarise(results: readonly PingResult[]): PingSummary {
  const rtts = results.flatMap((r) => (r.outcome === 'reply' ? [r.rttMs] : []));
  const sent = results.length;
  const received = rtts.length;
  return {
    sent,
    received,
    lossPercent: sent === 0 ? 0 : ((sent - received) * 100) / sent,
    minMs: received === 0 ? null : Math.min(...rtts),
    avgMs: received === 0 ? null : rtts.reduce((a, b) => a + b, 0) / received,
    maxMs: received === 0 ? null : Math.max(...rtts),
  };
}

/**
 * One line per ping, as ping prints it.
 *
 * @example
 * formatResult({ seq: 1, outcome: 'reply', rttMs: 0.0824 }, '127.0.0.1:40000')
 * // 'Reply from 127.0.0.1:40000: seq=1 time=0.082 ms'
 * formatResult({ seq: 2, outcome: 'timeout' }, '127.0.0.1:40000') // 'Request timed out (seq=2)'
 */
export function formatResult(result: PingResult, target: string): string {
  switch (result.outcome) {
    case 'reply':
      return `Reply from ${target}: seq=${result.seq} time=${result.rttMs.toFixed(3)} ms`;
    case 'timeout':
      return `Request timed out (seq=${result.seq})`;
    case 'refused':
      return `Port unreachable (seq=${result.seq}): ECONNREFUSED, nothing is bound to ${target}`;
  }
}

/**
 * ping's closing lines: counts and loss, then min/avg/max when anything came back.
 *
 * @example
 * formatSummary(summarise(results), '127.0.0.1:40000')
 * // --- 127.0.0.1:40000 UDP ping statistics ---
 * // 10 packets transmitted, 7 received, 30% packet loss
 * // rtt min/avg/max = 0.052/0.105/0.215 ms
 */
export function formatSummary(summary: PingSummary, target: string): string {
  const loss = Number(summary.lossPercent.toFixed(1));
  const lines = [
    `--- ${target} UDP ping statistics ---`,
    `${summary.sent} packets transmitted, ${summary.received} received, ${loss}% packet loss`,
  ];
  const { minMs, avgMs, maxMs } = summary;
  if (minMs !== null && avgMs !== null && maxMs !== null) {
    lines.push(
      `rtt min/avg/max = ${[minMs, avgMs, maxMs].map((ms) => ms.toFixed(3)).join('/')} ms`,
    );
  }
  return lines.join('\n');
}
