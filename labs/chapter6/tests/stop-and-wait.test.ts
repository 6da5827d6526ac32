import { type LossyUdpOptions, listenLossyUdp } from '@netprog/testbed';
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
  });
});

describe('sendReliably', () => {
  it('delivers everything, in order, with one transmission each when nothing is lost', {
    timeout: 15_000,
  }, async () => {
    const { peer, delivered } = await receiverBehindLossyNetwork({ seed: 1 });
    await using _ = peer;
    const sent = messages(5);
    expect(await sendReliably(peer.address, sent, { timeoutMs: 1_000, maxTries: 5 })).toEqual({
      transmissions: 5,
    });
    expect(delivered).toEqual(texts(sent));
  });

  it('retransmits exactly once per loss (seed 42, loss 30%): the count the plan predicts', {
    timeout: 20_000,
  }, async () => {
    const { peer, delivered } = await receiverBehindLossyNetwork({ seed: 42, loss: 0.3 });
    await using _ = peer;
    const sent = messages(8);
    // Walk the plan: each dropped arrival costs one retransmission, until all 8 got through.
    let expectedTransmissions = 0;
    for (let through = 0; through < sent.length; expectedTransmissions++) {
      if (!peer.willDrop(expectedTransmissions)) through++;
    }
    // An ACK takes well under 1 ms; 800 ms keeps a stalled machine from causing a retransmission.
    const result = await sendReliably(peer.address, sent, { timeoutMs: 800, maxTries: 10 });
    expect(delivered).toEqual(texts(sent));
    expect(result.transmissions).toBe(expectedTransmissions);
    expect(expectedTransmissions).toBeGreaterThan(8); // seed 42 really loses some
  });

  it('survives duplicated, reordered and delayed ACKs as well as loss: everything once, in order', {
    timeout: 20_000,
  }, async () => {
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
    const result = await sendReliably(peer.address, sent, { timeoutMs: 800, maxTries: 10 });
    expect(delivered).toEqual(texts(sent));
    expect(result.transmissions).toBe(peer.stats.received);
    expect(peer.stats.duplicated).toBeGreaterThan(0);
  });

  it('gives up after maxTries transmissions of one message, with code ETIMEDOUT', {
    timeout: 15_000,
  }, async () => {
    await using blackhole = await listenLossyUdp({ seed: 1, loss: 1 });
    const started = performance.now();
    const error = await sendReliably(blackhole.address, messages(2), {
      timeoutMs: 100,
      maxTries: 3,
    }).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).toBe('ETIMEDOUT');
    expect(blackhole.stats.received).toBe(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('sends nothing for no messages', async () => {
    const { peer, delivered } = await receiverBehindLossyNetwork({ seed: 1 });
    await using _ = peer;
    expect(await sendReliably(peer.address, [], { timeoutMs: 100, maxTries: 2 })).toEqual({
      transmissions: 0,
    });
    expect([peer.stats.received, delivered.length]).toEqual([0, 0]);
  });
});
