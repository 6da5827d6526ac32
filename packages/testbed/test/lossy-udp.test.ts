import dgram from 'node:dgram';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closedUdpPort, LossyPlan, listenLossyUdp } from '../src/lossy-udp/index.ts';
import { mulberry32 } from '../src/seed/index.ts';
import { handlesSettleTo } from './handles.ts';

/** A client socket whose datagrams are queued, so a test can wait for "the next one" (bounded). */
async function udpClient() {
  const socket = dgram.createSocket('udp4');
  const queue: Buffer[] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (message) => {
    queue.push(message);
    wake?.();
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    send: (text: string | Buffer, port: number) =>
      new Promise<void>((resolve, reject) =>
        socket.send(text, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
      ),
    /** The next datagram, or null when none arrives within `ms`. */
    next: async (ms: number): Promise<Buffer | null> => {
      const deadline = performance.now() + ms;
      while (queue.length === 0) {
        const left = deadline - performance.now();
        if (left <= 0) return null;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      return queue.shift() ?? null;
    },
    queued: () => queue.length,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, different ones for different seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first[0]).toBe(0.6011037519201636);
    expect(mulberry32(43)()).not.toBe(first[0]);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('LossyPlan', () => {
  it('decides by arrival index only: asking out of order gives the same answers', () => {
    const forwards = new LossyPlan({ seed: 7, loss: 0.3, duplicate: 0.2, jitterMs: 5 }).first(50);
    const plan = new LossyPlan({ seed: 7, loss: 0.3, duplicate: 0.2, jitterMs: 5 });
    const backwards = [49, 10, 0, 25].map((i) => plan.decision(i));
    expect(backwards).toEqual([forwards[49], forwards[10], forwards[0], forwards[25]]);
  });

  it('is mulberry32 replayed: arrival n drops when draw 4n of the seed is below `loss`', () => {
    // Four draws per arrival (drop, duplicate, reorder, jitter), used or not, so anyone holding
    // the seed can recompute the plan without the peer.
    const random = mulberry32(42);
    const replayed = Array.from({ length: 50 }, () => {
      const [dropDraw = 1] = [random(), random(), random(), random()];
      return dropDraw < 0.3;
    });
    const plan = new LossyPlan({ seed: 42, loss: 0.3 }).first(50).map((d) => d.drop);
    expect(plan).toEqual(replayed);
    // Seed 42 drops arrivals 1, 6 and 9 (pings #2, #7 and #10 in the chapter's pinger).
    expect(plan.flatMap((drop, index) => (drop && index < 10 ? [index] : []))).toEqual([1, 6, 9]);
  });

  it('drops about `loss` of the arrivals, never with loss 0, always with loss 1', () => {
    const dropped = new LossyPlan({ seed: 1, loss: 0.3 }).first(10_000).filter((d) => d.drop);
    expect(dropped.length / 10_000).toBeGreaterThan(0.28);
    expect(dropped.length / 10_000).toBeLessThan(0.32);
    expect(new LossyPlan({ seed: 1 }).first(100).some((d) => d.drop)).toBe(false);
    expect(new LossyPlan({ seed: 1, loss: 1 }).first(100).every((d) => d.drop)).toBe(true);
  });

  it('never duplicates or reorders a dropped datagram; delays stay within delayMs..delayMs+jitterMs', () => {
    const plan = new LossyPlan({ seed: 3, loss: 0.5, duplicate: 0.9, reorder: 0.9 });
    for (const d of plan.first(200))
      if (d.drop) expect([d.duplicate, d.reorder]).toEqual([false, false]);
    const delays = new LossyPlan({ seed: 3, delayMs: 10, jitterMs: 5 })
      .first(500)
      .map((d) => d.delayMs);
    expect(Math.min(...delays)).toBe(10);
    expect(Math.max(...delays)).toBe(15);
  });

  it('refuses options that make no sense, saying which and why', () => {
    expect(() => new LossyPlan({ seed: 1, loss: 30 })).toThrow(/loss is a probability from 0 to 1/);
    expect(() => new LossyPlan({ seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => new LossyPlan({ seed: 1, delayMs: -1 })).toThrow(/delayMs must be a whole number/);
    expect(() => new LossyPlan({ seed: 1, delayMs: 900, jitterMs: 200 })).toThrow(
      /at most 1000 ms/,
    );
    expect(() => new LossyPlan({ seed: 1 }).decision(-1)).toThrow(/index must be an integer >= 0/);
  });
});

describe('listenLossyUdp', () => {
  it('echoes exactly the datagrams its plan does not drop, and counts what it did', async () => {
    await using peer = await listenLossyUdp({ seed: 42, loss: 0.3 });
    const client = await udpClient();
    const answered: number[] = [];
    for (let i = 0; i < 20; i++) {
      await client.send(`ping ${i}`, peer.port);
      const reply = await client.next(peer.willDrop(i) ? 30 : 2_000);
      if (reply !== null) {
        expect(reply.toString()).toBe(`ping ${i}`);
        answered.push(i);
      }
    }
    await client.close();
    const expected = peer
      .plan(20)
      .filter((d) => !d.drop)
      .map((d) => d.index);
    expect(answered).toEqual(expected);
    expect(expected.length).toBeLessThan(20); // seed 42 really drops some
    expect(peer.log).toEqual(peer.plan(20)); // what it did is what it planned, arrival by arrival
    expect(peer.stats).toEqual({
      received: 20,
      dropped: 20 - expected.length,
      echoed: expected.length,
      duplicated: 0,
      reordered: 0,
    });
  });

  it('sends both copies of a duplicated reply', async () => {
    await using peer = await listenLossyUdp({ seed: 5, duplicate: 1 });
    const client = await udpClient();
    await client.send('twice', peer.port);
    expect(String(await client.next(2_000))).toBe('twice');
    expect(String(await client.next(2_000))).toBe('twice');
    await client.close();
    expect(peer.stats.duplicated).toBe(1);
  });

  it('holds a reordered reply back until the next reply has gone, as its plan says', async () => {
    const options = { seed: 11, reorder: 0.3, reorderHoldMs: 500 };
    await using peer = await listenLossyUdp(options);
    const client = await udpClient();
    const count = 20;
    for (let i = 0; i < count; i++) await client.send(String(i), peer.port);
    const received: number[] = [];
    for (let i = 0; i < count; i++) received.push(Number(await client.next(2_000)));
    await client.close();
    // The same rule the peer follows, applied to the plan: a held reply goes after the next one.
    const expected: number[] = [];
    let held: number | undefined;
    for (const d of peer.plan(count)) {
      if (d.reorder) {
        if (held !== undefined) expected.push(held);
        held = d.index;
      } else {
        expected.push(d.index);
        if (held !== undefined) expected.push(held);
        held = undefined;
      }
    }
    if (held !== undefined) expected.push(held);
    expect(received).toEqual(expected);
    expect(received).not.toEqual([...received].sort((a, b) => a - b));
    expect(peer.stats.reordered).toBe(peer.plan(count).filter((d) => d.reorder).length);
  });

  it('delays replies by delayMs', async () => {
    await using peer = await listenLossyUdp({ seed: 1, delayMs: 40 });
    const client = await udpClient();
    const started = performance.now();
    await client.send('slow', peer.port);
    expect(String(await client.next(2_000))).toBe('slow');
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    await client.close();
  });

  it('answers with `respond`, sends nothing for null, and keeps what `respond` threw', async () => {
    await using peer = await listenLossyUdp({
      seed: 1,
      respond: (message, from, index) => {
        if (index === 1) return null;
        if (index === 2) throw new Error('grader bug');
        return Buffer.from(`${index}:${message.toString().toUpperCase()} from ${from[0]}`);
      },
    });
    const client = await udpClient();
    for (const word of ['a', 'b', 'c', 'd']) await client.send(word, peer.port);
    expect(String(await client.next(2_000))).toBe('0:A from 127.0.0.1');
    expect(String(await client.next(2_000))).toBe('3:D from 127.0.0.1');
    expect(await client.next(50)).toBeNull();
    await client.close();
    expect(peer.errors).toHaveLength(1);
    expect(peer.stats).toMatchObject({ received: 4, dropped: 0, echoed: 2 });
  });

  it('closes cleanly, twice, even with replies still delayed', async () => {
    // Earlier tests' sockets may still be on their way out: start from a settled state.
    const before = await handlesSettleTo([], 2_000);
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // `respond` runs when the datagram arrives, before the delay: the reply is then pending.
    const peer = await listenLossyUdp({
      seed: 1,
      delayMs: 500,
      respond: (message) => {
        arrived();
        return message;
      },
    });
    const client = await udpClient();
    await client.send('never answered', peer.port);
    await arrival;
    await Promise.all([peer.close(), peer.close()]);
    await client.close();
    // A busy machine can take a while to release a closed handle; a real leak never goes away.
    expect(await handlesSettleTo(before, 3_000)).toEqual(before);
  });
});

describe('closedUdpPort', () => {
  it('gives a port where a connected UDP socket gets ECONNREFUSED', async () => {
    await using closed = await closedUdpPort();
    const socket = dgram.createSocket('udp4');
    const code = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('no error within 2 s'), 2_000);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(String(error.code));
      });
      socket.connect(closed.port, closed.host, () => socket.send('anyone?'));
    });
    socket.close();
    expect(code).toBe('ECONNREFUSED');
  });
});
