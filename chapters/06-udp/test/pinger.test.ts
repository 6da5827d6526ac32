// The pinger against the lossy peer: the loss it reports must be exactly the peer's plan.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { closedUdpPort, LossyPlan, listenLossyUdp } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { formatSummary, summarise } from '../src/ping-stats.ts';
import { ping } from '../src/pinger.ts';

/**
 * Loopback replies take well under 1 ms, but a busy 2-core machine can stall a process for
 * hundreds of milliseconds, and a reply later than the timeout IS a lost ping. One second (the
 * lab's own timeout) keeps the exact counts exact; each planned loss costs one timeout.
 */
const TIMEOUT_MS = 1_000;

// Concurrent: each test has its own peer and mostly waits out planned losses (about 7.6 s one
// after another, 3 s side by side), and a waiting test costs no CPU.
describe.concurrent('ping against the lossy peer', () => {
  // The chapter's "done when": the summary's loss is exactly the loss the seed makes, computed
  // without asking the peer (a fresh LossyPlan replays the seeded generator), and the peer's own
  // log of what it did agrees. Loopback itself loses nothing, so every loss here is planned.
  for (const seed of [42, 4]) {
    it(`prints exactly the loss seed ${seed} makes at 30%: the summary matches the replayed plan`, {
      timeout: 20_000,
    }, async () => {
      const count = 10;
      const loss = 0.3;
      const replayed = new LossyPlan({ seed, loss }).first(count);
      const planned = replayed.filter((d) => d.drop).map((d) => d.index + 1);
      expect(planned.length).toBeGreaterThan(0); // a seed that drops nothing would prove nothing

      await using peer = await listenLossyUdp({ seed, loss });
      const results = await ping(peer.address, { count, timeoutMs: TIMEOUT_MS });
      const name = `${peer.host}:${peer.port}`;

      expect(results.filter((r) => r.outcome === 'timeout').map((r) => r.seq)).toEqual(planned);
      expect(peer.log).toEqual(replayed);
      const lost = planned.length;
      expect(formatSummary(summarise(results), name).split('\n').slice(0, 2)).toEqual([
        `--- ${name} UDP ping statistics ---`,
        `${count} packets transmitted, ${count - lost} received, ${(lost * 100) / count}% packet loss`,
      ]);
      expect(summarise(results)).toMatchObject({
        sent: count,
        received: count - lost,
        lossPercent: (lost * 100) / count,
      });
      expect(peer.stats).toMatchObject({ received: count, dropped: lost, echoed: count - lost });
    });
  }

  it('counts a duplicated reply once and never takes it for the next ping’s reply', {
    timeout: 20_000,
  }, async () => {
    await using peer = await listenLossyUdp({ seed: 5, loss: 0.2, duplicate: 1 });
    const results = await ping(peer.address, { count: 8, timeoutMs: TIMEOUT_MS });
    const planned = peer
      .plan(8)
      .filter((d) => d.drop)
      .map((d) => d.index + 1);
    expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((r) => r.outcome === 'timeout').map((r) => r.seq)).toEqual(planned);
    expect(peer.stats.duplicated).toBe(8 - planned.length);
  });

  it('ignores a late reply to an earlier ping while it waits for the current one', {
    timeout: 20_000,
  }, async () => {
    // Ping 1 is answered only after 1.3 x the timeout: during ping 2's wait, before ping 2's own
    // reply (0.6 x the timeout after ping 2). A pinger that took any reply for the current ping
    // would report ping 2 about twice as fast as it really was.
    const T = 1_000;
    const delays: Record<string, number> = { '1': 1.3 * T, '2': 0.6 * T };
    const timers = new Set<NodeJS.Timeout>();
    const server = dgram.createSocket('udp4');
    server.on('message', (message, rinfo) => {
      const seq = message.toString().split(' ')[1] ?? '';
      const timer = setTimeout(() => {
        timers.delete(timer);
        server.send(message, rinfo.port, rinfo.address);
      }, delays[seq] ?? 0);
      timers.add(timer);
    });
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const started = performance.now();
      const results = await ping(['127.0.0.1', server.address().port], { count: 3, timeoutMs: T });
      expect(results.map((r) => r.outcome)).toEqual(['timeout', 'reply', 'reply']);
      const second = results[1];
      expect(second?.outcome === 'reply' && second.rttMs).toBeGreaterThanOrEqual(0.5 * T);
      expect(performance.now() - started).toBeLessThan(3 * T);
    } finally {
      for (const timer of timers) clearTimeout(timer);
      server.close();
    }
  });

  it('says "refused" when nothing is bound to the port (ICMP port unreachable)', async () => {
    await using closed = await closedUdpPort();
    const results = await ping(closed.address, { count: 2, timeoutMs: 2_000 });
    expect(results.map((r) => r.outcome)).toEqual(['refused', 'refused']);
  });
});
