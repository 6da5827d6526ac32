// How long does Linux keep trying to connect before it reports ETIMEDOUT by itself? The kernel
// resends the SYN with growing gaps; the sysctls below decide how many times. The pure function
// computes the schedule; the small reader fetches this machine's settings from /proc.
import { readFile } from 'node:fs/promises';

/** The Linux settings that shape an unanswered connect. */
export interface SynRetrySettings {
  /** net.ipv4.tcp_syn_retries: how many times the SYN is resent (default 6). */
  synRetries: number;
  /**
   * net.ipv4.tcp_syn_linear_timeouts (recent kernels, default 4; this course's 6.18 test machine
   * has it): resends that each wait one initial RTO, before the doubling starts. They come ON TOP
   * of tcp_syn_retries (measured here: 10 resends, ETIMEDOUT after ~131 s). Kernels without the
   * file behave as 0.
   */
  linearTimeouts: number;
  /** The first retransmission timeout, ms (RFC 6298: 1 s; older kernels used 3 s). */
  initialRtoMs?: number;
  /** The cap on any single gap (Linux TCP_RTO_MAX: 120 s). */
  maxRtoMs?: number;
}

/** When each SYN leaves, and when connect() finally fails with ETIMEDOUT. */
export interface SynRetrySchedule {
  /** Send times of the first SYN (0) and of every resend, ms after connect() was called. */
  sendsAtMs: number[];
  /** When the kernel gives up: one more (doubled) timeout after the last resend. */
  giveUpAtMs: number;
}

// #region schedule
/**
 * The kernel's SYN schedule for an unanswered connect. With the classic defaults
 * (6 retries, no linear timeouts, 1 s initial RTO) the gaps are 1, 2, 4, ... 64 s and connect()
 * fails after 127 s; with 4 linear timeouts (newer kernels) the first five gaps are 1 s and it
 * fails after 131 s. Real timings run a little late: the kernel's timers for long gaps are coarse.
 *
 * @example
 * synRetrySchedule({ synRetries: 6, linearTimeouts: 0 }).giveUpAtMs // 127000
 * synRetrySchedule({ synRetries: 6, linearTimeouts: 4 }).sendsAtMs  // [0, 1000, 2000, 3000, 4000, 5000, 7000, 11000, 19000, 35000, 67000]
 */
export function synRetrySchedule(settings: SynRetrySettings): SynRetrySchedule {
  const { synRetries, linearTimeouts, initialRtoMs = 1_000, maxRtoMs = 120_000 } = settings;
  for (const [name, value] of Object.entries({ synRetries, linearTimeouts })) {
    if (!Number.isInteger(value) || value < 0 || value > 255) {
      throw new RangeError(`synRetrySchedule: ${name} must be an integer 0..255, got ${value}`);
    }
  }
  // The gap before resend i (and, for i = total + 1, before giving up): linear gaps first, then
  // the exponential backoff starting again from one RTO, doubling each time, capped.
  const gap = (i: number) =>
    Math.min(
      maxRtoMs,
      i <= linearTimeouts ? initialRtoMs : initialRtoMs * 2 ** (i - linearTimeouts - 1),
    );
  const totalResends = synRetries + linearTimeouts;
  const sendsAtMs = [0];
  let t = 0;
  for (let i = 1; i <= totalResends; i++) {
    t += gap(i);
    sendsAtMs.push(t);
  }
  return { sendsAtMs, giveUpAtMs: t + gap(totalResends + 1) };
}
// #endregion schedule

/**
 * Reads this machine's SYN retry settings from /proc/sys, or returns null where there is no such
 * file (macOS, Windows, or a container without /proc/sys). A kernel without the
 * tcp_syn_linear_timeouts file counts as 0.
 *
 * @example
 * const settings = await readSynRetrySettings(); // { synRetries: 6, linearTimeouts: 4 } here
 */
export async function readSynRetrySettings(
  procSys = '/proc/sys/net/ipv4',
): Promise<{ synRetries: number; linearTimeouts: number } | null> {
  const read = (name: string) =>
    readFile(`${procSys}/${name}`, 'utf8').then(
      (text) => Number.parseInt(text.trim(), 10),
      () => null,
    );
  const synRetries = await read('tcp_syn_retries');
  if (synRetries === null || Number.isNaN(synRetries)) return null;
  const linearTimeouts = (await read('tcp_syn_linear_timeouts')) ?? 0;
  return { synRetries, linearTimeouts: Number.isNaN(linearTimeouts) ? 0 : linearTimeouts };
}
