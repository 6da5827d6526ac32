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

/** An 8-byte fragment header: message ID, index, count (big-endian). */
function header(messageId: number, index: number, count: number): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeUInt32BE(messageId, 0);
  bytes.writeUInt16BE(index, 4);
  bytes.writeUInt16BE(count, 6);
  return bytes;
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
    expect(() => fragment(1, Buffer.from('x'), HEADER_BYTES), 'maxDatagram 8, 1 byte').toThrow(
      RangeError,
    );
    expect(() => fragment(1, new Uint8Array(0), HEADER_BYTES), 'maxDatagram 8, empty').toThrow(
      RangeError,
    );
    expect(() => fragment(1, Buffer.from('x'), 5), 'the message names maxDatagram, 5').toThrow(
      /\b5\b/,
    );
    expect(() => fragment(1, Buffer.alloc(65_536), 9)).toThrow(RangeError);
    expect(
      () => fragment(1, Buffer.alloc(65_536), 9),
      'the message names the 65536 fragments',
    ).toThrow(/65,?536 fragments/);
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
    // Late duplicates of every fragment, after the message was returned, change nothing.
    const again = datagrams.map((d) => reassembler.push(d)).filter((r) => r !== null);
    expect(again, 'what late duplicates returned').toEqual([]);
    // Nor does a second copy of a one-fragment message.
    const [only] = fragment(43, Buffer.from('once'), 100);
    expect(reassembler.push(only as Buffer)?.message.toString()).toBe('once');
    expect(reassembler.push(only as Buffer), 'the same one-fragment message again').toBeNull();
  });

  it('puts an empty message back together from its one header-only fragment', () => {
    const [only] = fragment(5, new Uint8Array(0), 100);
    expect(only?.length, 'control: the fragment is just the 8-byte header').toBe(HEADER_BYTES);
    expect(new Reassembler().push(only as Buffer)).toEqual({
      messageId: 5,
      message: Buffer.alloc(0),
    });
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
    expect(reassembler.push(Buffer.from('short')), 'a 5-byte datagram').toBeNull();
    expect(reassembler.push(header(1, 0, 0)), 'index 0 of count 0').toBeNull();
    // index 2 of 2 does not exist: it must not stand in for a missing piece of message 3.
    const three = fragment(3, Buffer.from('one-two'), 12); // 'one-' and 'two'
    expect(
      three.map((d) => d.readUInt16BE(6)),
      'control: message 3 has 2 fragments',
    ).toEqual([2, 2]);
    expect(
      reassembler.push(Buffer.concat([header(3, 2, 2), Buffer.from('XX')])),
      'index 2 of 2',
    ).toBeNull();
    expect(reassembler.push(three[0] as Buffer), 'the real fragment 0 of 2').toBeNull();
    expect(reassembler.push(three[1] as Buffer), 'the real fragment 1 of 2').toEqual({
      messageId: 3,
      message: Buffer.from('one-two'),
    });
  });

  it('ignores a fragment whose count disagrees with the first one of its message, and a second copy of a piece', () => {
    const reassembler = new Reassembler();
    const [first, second] = fragment(4, Buffer.from('abcdefgh'), 12); // 2 fragments of 4 bytes
    expect(reassembler.push(first as Buffer)).toBeNull();
    // Index 0 again, with other bytes: the first copy stays.
    expect(
      reassembler.push(Buffer.concat([header(4, 0, 2), Buffer.from('XXXX')])),
      'index 0 again',
    ).toBeNull();
    // Index 1 of a 3-fragment message 4: not the message whose fragment 0 said 2.
    expect(
      reassembler.push(Buffer.concat([header(4, 1, 3), Buffer.from('XXXX')])),
      'index 1 of 3',
    ).toBeNull();
    expect(reassembler.push(second as Buffer)).toEqual({
      messageId: 4,
      message: Buffer.from('abcdefgh'),
    });
  });

  it('keeps its own copy of each piece: the caller may reuse its buffer', () => {
    const message = randomBytes(300);
    const reassembler = new Reassembler();
    const reused = Buffer.alloc(108); // like a receive buffer, filled anew for every datagram
    let done: { messageId: number; message: Buffer } | null = null;
    for (const datagram of fragment(0xfffffffe, message, 108)) {
      reused.fill(0);
      datagram.copy(reused);
      done = reassembler.push(reused.subarray(0, datagram.length));
    }
    expect(done?.messageId, 'a message ID above 2^31 (read it unsigned)').toBe(0xfffffffe);
    expect(done?.message.equals(message), 'the message put back together').toBe(true);
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
