import dgram from 'node:dgram';
import { once } from 'node:events';
import { listenLossyUdp } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { formatReport, ping } from '../exercises/pinger.ts';

/**
 * Loopback replies take well under 1 ms, but a busy machine can stall a process for hundreds of
 * milliseconds, and a reply later than the timeout is a lost ping: one second keeps exact counts
 * exact. Your pings are in flight together, so the lost ones cost about one timeout in all.
 */
const TIMEOUT_MS = 1_000;

describe('ping: pings in flight together, matched by sequence number', () => {
  it('loses exactly the pings the lossy peer drops (seed 42, loss 30%), and counts right', {
    timeout: 15_000,
  }, async () => {
    const seen: string[] = [];
    await using peer = await listenLossyUdp({
      seed: 42,
      loss: 0.3,
      respond: (message) => {
        seen.push(message.toString());
        return Buffer.from(message.toString().toUpperCase()); // like Kurose & Ross's server
      },
    });
    const report = await ping(peer.address, { count: 10, intervalMs: 10, timeoutMs: TIMEOUT_MS });
    const dropped = peer
      .plan(10)
      .filter((d) => d.drop)
      .map((d) => d.index + 1);
    expect(report.results.filter((r) => r.rttMs === null).map((r) => r.seq)).toEqual(dropped);
    expect(report.results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(report).toMatchObject({
      sent: 10,
      received: 10 - dropped.length,
      lossPercent: dropped.length * 10,
    });
    expect(peer.stats.received).toBe(10);
    for (const text of seen) expect(text).toMatch(/^Ping ([1-9]|10) \d+$/);
  });

  it('summarises the round-trip times of the replies: min <= avg <= max, null when none came', {
    timeout: 15_000,
  }, async () => {
    await using peer = await listenLossyUdp({ seed: 3, delayMs: 5, jitterMs: 20 });
    const report = await ping(peer.address, { count: 6, intervalMs: 5, timeoutMs: TIMEOUT_MS });
    const rtts = report.results.map((r) => r.rttMs ?? Number.NaN);
    expect(report.minMs).toBe(Math.min(...rtts));
    expect(report.maxMs).toBe(Math.max(...rtts));
    expect(report.avgMs).toBeCloseTo(rtts.reduce((a, b) => a + b, 0) / 6, 6);
    expect(report.minMs).toBeGreaterThanOrEqual(4); // every reply waited at least delayMs

    await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
    const none = await ping(silent.address, { count: 2, intervalMs: 5, timeoutMs: 100 });
    expect(none).toMatchObject({
      received: 0,
      lossPercent: 100,
      minMs: null,
      avgMs: null,
      maxMs: null,
    });
  });

  it('does not wait for a reply before sending the next ping, and times each ping from its own send', {
    timeout: 15_000,
  }, async () => {
    // Every reply takes 200 ms: one ping at a time would need 10 x 200 ms.
    await using peer = await listenLossyUdp({ seed: 1, delayMs: 200 });
    const started = performance.now();
    const report = await ping(peer.address, { count: 10, intervalMs: 20, timeoutMs: 1_000 });
    expect(performance.now() - started).toBeLessThan(1_900); // one at a time: >= 2,000 ms
    expect(report.received).toBe(10);
    for (const { rttMs } of report.results) expect(rttMs).toBeGreaterThanOrEqual(195);
  });

  it('counts duplicated and reordered replies once each, in seq order', {
    timeout: 15_000,
  }, async () => {
    await using peer = await listenLossyUdp({
      seed: 9,
      duplicate: 0.5,
      reorder: 0.5,
      reorderHoldMs: 30,
    });
    const report = await ping(peer.address, { count: 10, intervalMs: 5, timeoutMs: TIMEOUT_MS });
    expect(peer.stats.duplicated).toBeGreaterThan(0);
    expect(peer.stats.reordered).toBeGreaterThan(0);
    expect(report.results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(report).toMatchObject({ sent: 10, received: 10, lossPercent: 0 });
  });

  it('treats a reply that comes after its timeout as lost', { timeout: 15_000 }, async () => {
    const timers = new Set<NodeJS.Timeout>();
    const server = dgram.createSocket('udp4');
    server.on('message', (message, rinfo) => {
      const late = message.toString().startsWith('Ping 2 ');
      const timer = setTimeout(
        () => server.send(message, rinfo.port, rinfo.address),
        late ? 2 * TIMEOUT_MS : 0,
      );
      timers.add(timer);
    });
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const report = await ping(['127.0.0.1', server.address().port], {
        count: 3,
        intervalMs: 10,
        timeoutMs: TIMEOUT_MS,
      });
      expect(report.results.map((r) => r.rttMs === null)).toEqual([false, true, false]);
      expect(report.received).toBe(2);
    } finally {
      for (const timer of timers) clearTimeout(timer);
      server.close();
    }
  });
});

describe('formatReport', () => {
  it('prints ping’s lines', () => {
    const lines = formatReport(
      {
        results: [
          { seq: 1, rttMs: 0.0824 },
          { seq: 2, rttMs: null },
          { seq: 3, rttMs: 1.5 },
        ],
        sent: 3,
        received: 2,
        lossPercent: 100 / 3,
        minMs: 0.0824,
        avgMs: 0.7912,
        maxMs: 1.5,
      },
      '127.0.0.1:7000',
    );
    expect(lines).toEqual([
      'Reply from 127.0.0.1:7000: seq=1 time=0.082 ms',
      'Request timed out (seq=2)',
      'Reply from 127.0.0.1:7000: seq=3 time=1.500 ms',
      '--- 127.0.0.1:7000 UDP ping statistics ---',
      '3 packets transmitted, 2 received, 33.3% packet loss',
      'rtt min/avg/max = 0.082/0.791/1.500 ms',
    ]);
  });

  it('leaves out the rtt line when nothing came back', () => {
    const lines = formatReport(
      {
        results: [{ seq: 1, rttMs: null }],
        sent: 1,
        received: 0,
        lossPercent: 100,
        minMs: null,
        avgMs: null,
        maxMs: null,
      },
      'h:1',
    );
    expect(lines).toEqual([
      'Request timed out (seq=1)',
      '--- h:1 UDP ping statistics ---',
      '1 packets transmitted, 0 received, 100% packet loss',
    ]);
  });
});
