// A UDP pinger (Kurose & Ross's lab 2): send numbered pings one at a time, wait at most timeoutMs
// for each reply, and report every round-trip time and the loss. Reliability starts here: the
// sequence number says WHICH ping a reply answers, and the timeout decides when one is lost.
import {
  type DatagramSocket,
  type SockAddr,
  SocketError,
  SocketTimeoutError,
  socket,
} from '@netprog/socket-core';
import { formatPing, replySeq } from './ping-message.ts';
import type { PingResult } from './ping-stats.ts';

export interface PingOptions {
  /** How many pings (default 10, as in the lab). */
  count?: number;
  /** How long to wait for each reply, in milliseconds (default 1000: the lab's one second). */
  timeoutMs?: number;
  /** Called after each ping with its result, so a CLI can print as it goes. */
  onResult?: (result: PingResult) => void;
}

/** Big enough for any reply a pinger expects; a longer datagram is cut (see recvfrom). */
const REPLY_BUFSIZE = 2_048;

/**
 * Pings `target` over UDP `count` times, one at a time, and resolves with one result per ping:
 * a reply with its round-trip time, a timeout, or "refused" (nothing bound to that port).
 *
 * The socket is connected, so the kernel delivers only the target's datagrams and reports an
 * ICMP port unreachable as ECONNREFUSED. Round-trip times come from process.hrtime.bigint():
 * loopback RTTs are tens of microseconds, far below what Date.now() can measure.
 *
 * @example
 * await using peer = await listenLossyUdp({ seed: 42, loss: 0.3 });
 * const results = await ping(peer.address, { count: 10, timeoutMs: 200 });
 * console.log(formatSummary(summarise(results), '127.0.0.1'));
 */
export async function ping(target: SockAddr, options: PingOptions = {}): Promise<PingResult[]> {
  const { count = 10, timeoutMs = 1_000, onResult } = options;
  await using sock = socket(target[0].includes(':') ? 'AF_INET6' : 'AF_INET', 'SOCK_DGRAM');
  await sock.connect(target);
  const results: PingResult[] = [];
  // #region ping-loop
  for (let seq = 1; seq <= count; seq++) {
    const sentAt = process.hrtime.bigint();
    await sock.send(formatPing(seq, Date.now()));
    const result = await awaitReply(sock, seq, sentAt, timeoutMs);
    results.push(result);
    onResult?.(result);
  }
  // #endregion ping-loop
  return results;
}

// #region await-reply
/**
 * Waits for the reply to ping `seq` until `timeoutMs` after it was sent. A reply with another
 * sequence number (a late reply to an earlier ping, or a duplicate) is ignored, and the wait
 * goes on with the time that is left: it must not make this ping's timeout longer.
 */
async function awaitReply(
  sock: DatagramSocket,
  seq: number,
  sentAt: bigint,
  timeoutMs: number,
): Promise<PingResult> {
  const deadline = sentAt + BigInt(Math.round(timeoutMs * 1e6));
  for (;;) {
    const leftMs = Number(deadline - process.hrtime.bigint()) / 1e6;
    if (leftMs <= 0) return { seq, outcome: 'timeout' };
    sock.settimeout(leftMs);
    try {
      const reply = await sock.recv(REPLY_BUFSIZE);
      const rttMs = Number(process.hrtime.bigint() - sentAt) / 1e6;
      if (replySeq(reply) === seq) return { seq, outcome: 'reply', rttMs };
    } catch (error) {
      if (error instanceof SocketTimeoutError) return { seq, outcome: 'timeout' };
      if (error instanceof SocketError && error.code === 'ECONNREFUSED') {
        return { seq, outcome: 'refused' };
      }
      throw error;
    }
  }
}
// #endregion await-reply
