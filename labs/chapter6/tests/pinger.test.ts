import dgram from 'node:dgram';
import { once } from 'node:events';
import { listenLossyUdp } from '@netprog/testbed';
import { TIMING_RETRIES } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { formatReport, type PingReport, ping } from '../exercises/pinger.ts';

/**
 * Loopback replies take well under 1 ms, but a busy machine can stall a process for a while, and
 * a reply later than the timeout is a lost ping. A stall can only ADD losses, never remove one,
 * so a test whose counts come out wrong is tried again (TIMING_RETRIES): a pinger whose logic is
 * wrong fails every try. Your pings are in flight together, so the lost ones cost about one
 * timeout in all.
 */
const TIMEOUT_MS = 250;

/**
 * A ping's timestamp (`Ping <seq> <Date.now()>`) differs from run to run: the wire report shown
 * under a failing test leaves it out when it holds your pings against the reference solution's.
 */
const PING_TIME = /^Ping \d+ (\d+)/;

/** The test's lossy peer, told that each ping's timestamp varies (PING_TIME). */
const lossyPeer = (options: Parameters<typeof listenLossyUdp>[0]) =>
  listenLossyUdp({ varies: [PING_TIME], ...options });

/** The round-trip times of the answered pings. */
const answered = (report: PingReport) =>
  report.results.flatMap((r) => (r.rttMs === null ? [] : [r.rttMs]));

// Each test has its own peer, so they run side by side (describe.concurrent), five at a time
// (vitest's maxConcurrency): the short ones free their places early enough that the whole group
// takes about as long as its longest test, about 0.35 s. Every reply that must count has at least
// 150 ms to spare before its timeout.
describe.concurrent('ping: pings in flight together, matched by sequence number', () => {
  it(
    'loses exactly the pings the lossy peer drops (seed 42, loss 30%), and counts right',
    TIMING_RETRIES,
    async ({ expect }) => {
      const seen: string[] = [];
      await using peer = await lossyPeer({
        seed: 42,
        loss: 0.3,
        respond: (message) => {
          seen.push(message.toString());
          return Buffer.from(message.toString().toUpperCase()); // like Kurose & Ross's server
        },
      });
      const report = await ping(peer.address, { count: 10, intervalMs: 5, timeoutMs: TIMEOUT_MS });
      const dropped = peer
        .plan(10)
        .filter((d) => d.drop)
        .map((d) => d.index + 1);
      expect(
        report.results.map((r) => r.seq),
        'the seq of each result',
      ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(
        report.results.filter((r) => r.rttMs === null).map((r) => r.seq),
        'the pings reported lost',
      ).toEqual(dropped);
      expect(report).toMatchObject({
        sent: 10,
        received: 10 - dropped.length,
        lossPercent: dropped.length * 10,
      });
      const rtts = answered(report);
      expect(report.minMs, 'min over the answered pings').toBe(Math.min(...rtts));
      expect(report.maxMs, 'max over the answered pings').toBe(Math.max(...rtts));
      expect(report.avgMs, 'avg over the answered pings').toBeCloseTo(
        rtts.reduce((a, b) => a + b, 0) / rtts.length,
        6,
      );
      expect(peer.stats.received, 'pings the peer received').toBe(10);
      // The peer answers (and so sees) only the pings it does not drop.
      const kept = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((seq) => !dropped.includes(seq));
      for (const [i, text] of seen.entries()) {
        const [, seq, time] = /^Ping (\d+) (\d+)$/.exec(text) ?? [];
        expect(seq, `ping ${kept[i]} arrived as ${JSON.stringify(text)}`).toBe(String(kept[i]));
        expect(
          Math.abs(Number(time) - Date.now()),
          `${JSON.stringify(text)}: is its time Date.now()?`,
        ).toBeLessThan(60_000);
      }
    },
  );

  it(
    'summarises the round-trip times: min <= avg <= max, null when nothing came back',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using peer = await lossyPeer({
        seed: 3,
        delayMs: 5,
        jitterMs: 20,
      });
      // Every ping is answered, so the pinger resolves long before this timeout.
      const report = await ping(peer.address, { count: 6, intervalMs: 5, timeoutMs: 1_000 });
      const rtts = answered(report);
      expect(rtts, 'every ping answered').toHaveLength(6);
      expect(report.minMs).toBe(Math.min(...rtts));
      expect(report.maxMs).toBe(Math.max(...rtts));
      expect(report.avgMs).toBeCloseTo(rtts.reduce((a, b) => a + b, 0) / 6, 6);
      expect(report.minMs, 'every reply waited at least delayMs').toBeGreaterThanOrEqual(4);

      await using silent = await lossyPeer({ seed: 1, loss: 1 });
      const none = await ping(silent.address, { count: 2, intervalMs: 5, timeoutMs: 50 });
      expect(none).toMatchObject({
        received: 0,
        lossPercent: 100,
        minMs: null,
        avgMs: null,
        maxMs: null,
      });
    },
  );

  it(
    'sends one ping every interval without waiting for replies, times each from its own send, and waits for the last',
    TIMING_RETRIES,
    async ({ expect }) => {
      // Every reply takes 75 ms: one ping at a time would need at least 8 x 75 = 600 ms. The last
      // ping leaves at 245 ms and is answered at 320 ms, after the FIRST ping's timeout (300 ms).
      const arrivals: number[] = [];
      await using peer = await lossyPeer({
        seed: 1,
        delayMs: 75,
        respond: (message) => {
          arrivals.push(performance.now());
          return message;
        },
      });
      const started = performance.now();
      const report = await ping(peer.address, { count: 8, intervalMs: 35, timeoutMs: 300 });
      const elapsed = performance.now() - started;
      expect(report.received, 'pings answered').toBe(8);
      // One at a time cannot take less than 600 ms, however idle the machine: the bound is that
      // floor, so only a stall of 280 ms can fail a pinger that overlaps its pings.
      expect(elapsed, `took ${elapsed.toFixed(0)} ms (one at a time: 600 ms or more)`).toBeLessThan(
        600,
      );
      for (const { seq, rttMs } of report.results) {
        expect(rttMs, `the RTT of ping ${seq} (every reply took 75 ms)`).toBeGreaterThanOrEqual(70);
      }
      // Sent at 0, 35, ..., 245 ms: all at once would arrive within a few ms. (Arrival times are
      // read on a busy event loop, so only half the spread is required.)
      const spread = (arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0);
      expect(spread, 'ms between the first and the last ping to arrive').toBeGreaterThanOrEqual(
        120,
      );
    },
  );

  it(
    'counts duplicated and reordered replies once each, and resolves as soon as all are in',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using peer = await lossyPeer({
        seed: 9,
        duplicate: 0.5,
        reorder: 0.5,
        reorderHoldMs: 30,
      });
      const started = performance.now();
      const report = await ping(peer.address, { count: 10, intervalMs: 5, timeoutMs: 3_000 });
      const elapsed = performance.now() - started;
      expect(peer.stats.duplicated).toBeGreaterThan(0);
      expect(peer.stats.reordered).toBeGreaterThan(0);
      expect(report.results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(report).toMatchObject({ sent: 10, received: 10, lossPercent: 0 });
      expect(
        elapsed,
        `took ${elapsed.toFixed(0)} ms although every reply was in within about 100 ms (timeout 3,000 ms)`,
      ).toBeLessThan(2_000);
    },
  );

  it(
    'treats a reply that comes after its timeout as lost, and a datagram that answers no ping as nothing',
    TIMING_RETRIES,
    async ({ expect }) => {
      // Ping 1 (sent at once) is answered 160 ms after it arrives: later than its 150 ms timeout
      // (a timer is never early). Ping 2 (sent at 170 ms, so the pinger is still listening when
      // the late reply comes) is answered at once, but never before that late reply has gone, so
      // the pinger reads the late reply first however busy the machine: a pinger that takes late
      // replies fails every try. Ping 2's answer has 150 ms to spare. Every ping also brings two
      // datagrams that answer no ping, one of them quoting the ping.
      const timers = new Set<NodeJS.Timeout>();
      const server = dgram.createSocket('udp4');
      let lateSent = false;
      let heldBack: (() => void) | undefined;
      server.on('message', (message, rinfo) => {
        const send = (bytes: Uint8Array) => server.send(bytes, rinfo.port, rinfo.address);
        const text = message.toString();
        send(Buffer.from('Ping 99 0'));
        send(Buffer.from(`echo of: ${text}`));
        if (text.startsWith('Ping 1 ')) {
          const late = () => {
            send(message);
            lateSent = true;
            heldBack?.();
          };
          timers.add(setTimeout(late, 160));
        } else if (text.startsWith('Ping 2 ') && !lateSent) heldBack = () => send(message);
        else send(message);
      });
      server.bind(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const report = await ping(['127.0.0.1', server.address().port], {
          count: 2,
          intervalMs: 170,
          timeoutMs: 150,
        });
        expect(
          report.results.map((r) => r.rttMs === null),
          'lost, ping by ping',
        ).toEqual([true, false]);
        expect(report).toMatchObject({ sent: 2, received: 1 });
      } finally {
        for (const timer of timers) clearTimeout(timer);
        server.close();
      }
    },
  );

  it(
    'keeps the RTT of the first copy of a reply: a second copy changes nothing',
    TIMING_RETRIES,
    async ({ expect }) => {
      // Ping 1 is answered at once and again 180 ms later, well within its 400 ms timeout. Ping
      // 2's answer is held back until the copy has gone, so the pinger is still listening when
      // the copy comes, and reads it first however busy the machine.
      const timers = new Set<NodeJS.Timeout>();
      const server = dgram.createSocket('udp4');
      let copySent = false;
      let heldBack: (() => void) | undefined;
      let pings = 0;
      /** How long ping 2's answer was held back: its RTT cannot be shorter. */
      let heldMs = 0;
      server.on('message', (message, rinfo) => {
        pings++;
        const send = () => server.send(message, rinfo.port, rinfo.address);
        if (message.toString().startsWith('Ping 1 ')) {
          send();
          const copy = () => {
            send();
            copySent = true;
            heldBack?.();
          };
          timers.add(setTimeout(copy, 180));
        } else if (copySent) send();
        else {
          const arrived = performance.now();
          heldBack = () => {
            heldMs = performance.now() - arrived;
            send();
          };
        }
      });
      server.bind(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const report = await ping(['127.0.0.1', server.address().port], {
          count: 2,
          intervalMs: 10,
          timeoutMs: 400,
        });
        expect(report.received, 'pings answered').toBe(2);
        const first = report.results[0]?.rttMs ?? Number.NaN;
        expect(first, "ping 1's RTT: its first answer, not the copy 180 ms later").toBeLessThan(
          150,
        );
        // A report no ping stands behind fails here: the peer counts what really arrived.
        expect(pings, 'pings the peer received').toBe(2);
        expect(
          report.results[1]?.rttMs ?? Number.NaN,
          `ping 2's RTT: its answer was held back ${heldMs.toFixed(0)} ms`,
        ).toBeGreaterThanOrEqual(heldMs - 5);
      } finally {
        for (const timer of timers) clearTimeout(timer);
        server.close();
      }
    },
  );

  it('sends the first ping at once, not after an interval', TIMING_RETRIES, async ({ expect }) => {
    const arrivals: number[] = [];
    await using silent = await lossyPeer({
      seed: 1,
      respond: () => {
        arrivals.push(performance.now());
        return null;
      },
    });
    const started = performance.now();
    // One ping: a pinger that waits an interval before each ping sends it 250 ms late. (With two,
    // the whole test would take an interval more, for nothing this test checks.)
    await ping(silent.address, { count: 1, intervalMs: 250, timeoutMs: 10 });
    const first = (arrivals[0] ?? Number.NaN) - started;
    expect(first, 'ms until the first ping arrived (the interval is 250 ms)').toBeLessThan(200);
    expect(arrivals, 'pings the peer received').toHaveLength(1);
  });

  it('sends nothing for count 0, and reports 0% loss', async ({ expect }) => {
    await using peer = await lossyPeer({ seed: 1 });
    const report = await ping(peer.address, { count: 0, intervalMs: 10, timeoutMs: TIMEOUT_MS });
    expect(report).toEqual({
      results: [],
      sent: 0,
      received: 0,
      lossPercent: 0,
      minMs: null,
      avgMs: null,
      maxMs: null,
    });
    expect(peer.stats.received, 'pings the peer received').toBe(0);
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
