import { randomBytes } from 'node:crypto';
import { udpSocket } from '@netprog/socket-core';
import { listenLossyUdp, mulberry32 } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { fragment, HEADER_BYTES, Reassembler } from '../exercises/fragments.ts';

/** A seeded shuffle, so a failing order can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('fragment', () => {
  it('cuts a message into full datagrams and a last one, each with its header', () => {
    const message = randomBytes(2_500);
    const datagrams = fragment(7, message, 1_000);
    expect(datagrams.map((d) => d.length)).toEqual([1_000, 1_000, 524]);
    expect(datagrams.map((d) => [d.readUInt32BE(0), d.readUInt16BE(4), d.readUInt16BE(6)])).toEqual(
      [
        [7, 0, 3],
        [7, 1, 3],
        [7, 2, 3],
      ],
    );
    expect(Buffer.concat(datagrams.map((d) => d.subarray(HEADER_BYTES)))).toEqual(message);
  });

  it('makes one fragment for an empty message, and exact fits need no extra fragment', () => {
    expect(fragment(1, new Uint8Array(0), 100).map((d) => d.toString('hex'))).toEqual([
      '0000000100000001',
    ]);
    expect(fragment(1, Buffer.alloc(184), 100)).toHaveLength(2);
  });

  it('refuses a maxDatagram that leaves no room, and messages needing over 65,535 fragments', () => {
    expect(() => fragment(1, Buffer.from('x'), HEADER_BYTES)).toThrow(RangeError);
    expect(() => fragment(1, Buffer.alloc(65_536), 9)).toThrow(RangeError);
    expect(fragment(1, Buffer.alloc(65_535), 9)).toHaveLength(65_535);
  });
});

describe('Reassembler', () => {
  it('puts shuffled, duplicated fragments back together and returns the message once', () => {
    const message = randomBytes(10_000);
    const datagrams = fragment(42, message, 700);
    const arrivals = shuffled([...datagrams, ...datagrams.slice(0, 5)], 3);
    const reassembler = new Reassembler();
    const done = arrivals.map((d) => reassembler.push(d)).filter((r) => r !== null);
    expect(done).toEqual([{ messageId: 42, message }]);
    expect(reassembler.push(datagrams[0] as Buffer)).toBeNull(); // a late duplicate changes nothing
  });

  it('keeps interleaved messages apart', () => {
    const a = randomBytes(3_000);
    const b = randomBytes(1_000);
    const arrivals = shuffled([...fragment(1, a, 500), ...fragment(2, b, 500)], 5);
    const reassembler = new Reassembler();
    const done = arrivals.map((d) => reassembler.push(d)).filter((r) => r !== null);
    expect(done.sort((x, y) => x.messageId - y.messageId)).toEqual([
      { messageId: 1, message: a },
      { messageId: 2, message: b },
    ]);
  });

  it('ignores datagrams that cannot be fragments', () => {
    const reassembler = new Reassembler();
    expect(reassembler.push(Buffer.from('short'))).toBeNull();
    expect(reassembler.push(Buffer.from('00000001 0000 0000', 'hex'))).toBeNull(); // count 0
    expect(reassembler.push(Buffer.from('00000001 0002 0002 ff', 'hex'))).toBeNull(); // index >= count
    expect(reassembler.push(fragment(9, Buffer.from('ok'), 100)[0] as Buffer)).toEqual({
      messageId: 9,
      message: Buffer.from('ok'),
    });
  });

  it('carries a 100 KB message through the lossy peer, reordered and duplicated, in 1,200-byte datagrams', {
    timeout: 10_000,
  }, async () => {
    await using peer = await listenLossyUdp({
      seed: 8,
      duplicate: 0.3,
      reorder: 0.4,
      reorderHoldMs: 20,
    });
    await using sock = udpSocket();
    await sock.connect(peer.address);
    sock.settimeout(2_000);
    const message = randomBytes(100_000);
    const datagrams = fragment(77, message, 1_200);
    for (const datagram of datagrams) {
      expect(datagram.length).toBeLessThanOrEqual(1_200);
      await sock.send(datagram);
    }
    const reassembler = new Reassembler();
    let done: { messageId: number; message: Buffer } | null = null;
    while (done === null) done = reassembler.push(await sock.recv(2_048));
    expect(done.messageId).toBe(77);
    expect(done.message.equals(message)).toBe(true);
    expect(peer.stats.reordered).toBeGreaterThan(0);
  });
});
