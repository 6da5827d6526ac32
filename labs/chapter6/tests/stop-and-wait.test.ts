import dgram from 'node:dgram';
import { once } from 'node:events';
import { closedUdpPort, type LossyUdpOptions, listenLossyUdp } from '@netprog/testbed';
import { TIMING_RETRIES, within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { ACK, DATA, decodeAck, encodeData, sendReliably } from '../exercises/stop-and-wait.ts';

/**
 * The grader's receiver, running inside the lossy peer: it delivers each sequence number once,
 * in order, and ACKs every DATA frame it has already delivered (so a lost ACK is repaired by the
 * sender's retransmission). Frames from the future are ignored, as stop-and-wait never sends them.
 */
async function receiverBehindLossyNetwork(options: LossyUdpOptions) {
  const delivered: string[] = [];
  let expected = 0;
  const peer = await listenLossyUdp({
    ...options,
    respond: (frame) => {
      if (frame.length < 5 || frame[0] !== DATA) return null;
      const seq = frame.readUInt32BE(1);
      if (seq === expected) {
        delivered.push(frame.subarray(5).toString());
        expected++;
      }
      if (seq >= expected) return null;
      const ack = Buffer.alloc(5);
      ack[0] = ACK;
      ack.writeUInt32BE(seq, 1);
      return ack;
    },
  });
  return { peer, delivered };
}

const messages = (count: number): Buffer[] =>
  Array.from({ length: count }, (_, i) => Buffer.from(`message ${i}`));
const texts = (list: Buffer[]): string[] => list.map((m) => m.toString());

describe('frames', () => {
  it('encodes DATA and decodes ACK frames byte for byte', () => {
    expect(encodeData(1, Buffer.from('hi')).toString('hex')).toBe('44000000016869');
    expect(encodeData(0x01020304, new Uint8Array(0)).toString('hex')).toBe('4401020304');
    expect(decodeAck(Buffer.from('41000000ff', 'hex'))).toBe(255);
    expect(decodeAck(Buffer.from('44000000ff', 'hex'))).toBeNull();
    expect(decodeAck(Buffer.from('41000000ff00', 'hex'))).toBeNull();
    expect(decodeAck(Buffer.from('41', 'hex'))).toBeNull();
    // Any Uint8Array, not only a Buffer; sequence numbers are unsigned 32-bit.
    expect(decodeAck(new Uint8Array([0x41, 0xff, 0xff, 0xff, 0xfe]))).toBe(0xfffffffe);
    expect(encodeData(0xfffffffe, new Uint8Array([7])).toString('hex')).toBe('44fffffffe07');
  });
});

/**
 * An ACK takes well under 1 ms on loopback; a machine busy enough to hold one back for 150 ms
 * makes the sender retransmit once more than the plan says. A stall can only ADD transmissions,
 * never remove one, so a count that comes out wrong is tried again (TIMING_RETRIES): a sender
 * whose logic is wrong gets the wrong count on every try.
 */
const TIMEOUT_MS = 150;

// Each test has its own peer, so they run side by side (describe.concurrent).
describe.concurrent('sendReliably', () => {
  it(
    'delivers everything, in order, with one transmission each when nothing is lost',
    TIMING_RETRIES,
    async ({ expect }) => {
      const { peer, delivered } = await receiverBehindLossyNetwork({ seed: 1 });
      await using _ = peer;
      const sent = messages(5);
      expect(
        await sendReliably(peer.address, sent, { timeoutMs: TIMEOUT_MS, maxTries: 5 }),
      ).toEqual({
        transmissions: 5,
      });
      expect(delivered, 'what the receiver delivered').toEqual(texts(sent));
    },
  );

  it(
    'retransmits exactly once per loss (seed 40, loss 30%): the count the plan predicts',
    TIMING_RETRIES,
    async ({ expect }) => {
      const { peer, delivered } = await receiverBehindLossyNetwork({ seed: 40, loss: 0.3 });
      await using _ = peer;
      const sent = messages(8);
      // Walk the plan: each dropped arrival costs one retransmission, until all 8 got through.
      let expectedTransmissions = 0;
      for (let through = 0; through < sent.length; expectedTransmissions++) {
        if (!peer.willDrop(expectedTransmissions)) through++;
      }
      const lost = peer
        .plan(expectedTransmissions)
        .filter((d) => d.drop)
        .map((d) => d.index);
      expect(lost, 'control: seed 40 drops the 3rd and 4th datagrams').toEqual([2, 3]);
      // Message 2 is lost twice, so it takes all 3 of its tries.
      const result = await sendReliably(peer.address, sent, { timeoutMs: TIMEOUT_MS, maxTries: 3 });
      expect(delivered, 'what the receiver delivered').toEqual(texts(sent));
      expect(result.transmissions, 'DATA datagrams sent, retransmissions included').toBe(
        expectedTransmissions,
      );
      expect(peer.stats.received, 'DATA datagrams the receiver got').toBe(expectedTransmissions);
    },
  );

  it('survives duplicated, reordered and delayed ACKs as well as loss: everything once, in order', async ({
    expect,
  }) => {
    const { peer, delivered } = await receiverBehindLossyNetwork({
      seed: 2024,
      loss: 0.2,
      duplicate: 0.4,
      reorder: 0.3,
      jitterMs: 10,
      reorderHoldMs: 20,
    });
    await using _ = peer;
    const sent = messages(10);
    const result = await sendReliably(peer.address, sent, { timeoutMs: TIMEOUT_MS, maxTries: 10 });
    expect(delivered, 'what the receiver delivered').toEqual(texts(sent));
    expect(result.transmissions, 'DATA datagrams sent = DATA datagrams received').toBe(
      peer.stats.received,
    );
    expect(peer.stats.duplicated).toBeGreaterThan(0);
  });

  it('gives up after maxTries transmissions of one message, with code ETIMEDOUT, saying which', async ({
    expect,
  }) => {
    // A receiver that acknowledges message 0 and never hears anything after it.
    const seqs: number[] = [];
    await using peer = await listenLossyUdp({
      seed: 1,
      respond: (frame) => {
        seqs.push(frame.readUInt32BE(1));
        return frame.readUInt32BE(1) === 0 ? Buffer.from([ACK, 0, 0, 0, 0]) : null;
      },
    });
    const started = performance.now();
    const error = await within(
      sendReliably(peer.address, messages(2), { timeoutMs: 100, maxTries: 3 }).then(
        () => null,
        (e: NodeJS.ErrnoException) => e,
      ),
      3_000,
      'sendReliably settling',
    );
    expect(error?.code).toBe('ETIMEDOUT');
    expect(
      seqs.filter((seq) => seq === 1),
      `transmissions of message 1 (the sequence numbers received: ${seqs.join(', ')})`,
    ).toEqual([1, 1, 1]);
    expect(error?.message, 'the message names message 1 (sequence number 1)').toMatch(/\b1\b/);
    expect(error?.message, 'the message names the 3 transmissions').toMatch(/\b3\b/);
    expect(
      performance.now() - started,
      'ms until it gave up (3 tries of 100 ms)',
    ).toBeGreaterThanOrEqual(290);
  });

  it(
    'passes a refusal (nothing listening on the port) through at once',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using closed = await closedUdpPort();
      const started = performance.now();
      const error = await sendReliably(closed.address, messages(1), {
        timeoutMs: 2_000,
        maxTries: 3,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
      expect(performance.now() - started, 'ms until the refusal came through').toBeLessThan(1_000);
    },
  );

  it(
    'does not wait longer when stale ACKs keep coming: each try waits timeoutMs from its send',
    TIMING_RETRIES,
    async ({ expect }) => {
      // A receiver that never ACKs message 0, but sends an old ACK (of seq 4294967295) every 30 ms.
      const timers = new Set<NodeJS.Timeout>();
      let datagrams = 0;
      const stale = dgram.createSocket('udp4');
      stale.on('message', (_frame, rinfo) => {
        datagrams++;
        const ack = Buffer.from([ACK, 0xff, 0xff, 0xff, 0xff]);
        for (let ms = 30; ms <= 1_500; ms += 30) {
          timers.add(setTimeout(() => stale.send(ack, rinfo.port, rinfo.address), ms));
        }
      });
      stale.bind(0, '127.0.0.1');
      await once(stale, 'listening');
      try {
        const started = performance.now();
        const error = await within(
          sendReliably(['127.0.0.1', stale.address().port], messages(1), {
            timeoutMs: 150,
            maxTries: 2,
          }).then(
            () => null,
            (e: NodeJS.ErrnoException) => e,
          ),
          3_000,
          'sendReliably settling while stale ACKs kept coming',
        );
        const elapsed = performance.now() - started;
        expect(error?.code).toBe('ETIMEDOUT');
        expect(datagrams, 'transmissions of message 0').toBe(2);
        expect(elapsed, `gave up after ${elapsed.toFixed(0)} ms (2 tries of 150 ms)`).toBeLessThan(
          1_000,
        );
      } finally {
        for (const timer of timers) clearTimeout(timer);
        stale.close();
      }
    },
  );

  it('sends nothing for no messages', async ({ expect }) => {
    const { peer, delivered } = await receiverBehindLossyNetwork({ seed: 1 });
    await using _ = peer;
    expect(await sendReliably(peer.address, [], { timeoutMs: 100, maxTries: 2 })).toEqual({
      transmissions: 0,
    });
    expect([peer.stats.received, delivered.length]).toEqual([0, 0]);
  });
});
