// One seed per fixture: given, or NETPROG_SEED, or random; readable back; the same seed replays
// the same decisions; and the fixture's failure messages carry it.
import { afterEach, describe, expect, it } from 'vitest';
import { listenHttp } from '../src/fixtures/index.ts';
import { listenLossyUdp } from '../src/lossy-udp/index.ts';
import { MAX_SEED, resolveSeed, SEED_ENV, withSeed } from '../src/seed/index.ts';
import { converse } from '../src/wire/record/recording-client.ts';

const saved = process.env[SEED_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[SEED_ENV];
  else process.env[SEED_ENV] = saved;
});

describe('resolveSeed', () => {
  it("takes the test's seed first, then NETPROG_SEED, then a random one", () => {
    expect(resolveSeed(42, 'f', { NETPROG_SEED: '7' })).toBe(42);
    expect(resolveSeed(undefined, 'f', { NETPROG_SEED: '7' })).toBe(7);
    const random = resolveSeed(undefined, 'f', {});
    expect(Number.isInteger(random) && random >= 0 && random <= MAX_SEED).toBe(true);
  });

  it('refuses a seed that is not a whole number from 0 to 2^32 - 1, naming where it came from', () => {
    expect(() => resolveSeed(undefined, 'listenHttp', { NETPROG_SEED: 'abc' })).toThrow(
      'listenHttp: NETPROG_SEED must be a whole number such as 42 (it replays a run); got "abc"',
    );
    expect(() => resolveSeed(2 ** 32, 'listenLossyUdp')).toThrow(
      'listenLossyUdp: seed must be a whole number from 0 to 4294967295, such as 42 (it makes the run repeatable); got 4294967296',
    );
    expect(withSeed('reply 3 was dropped', 42)).toBe('reply 3 was dropped (seed 42)');
  });
});

describe('seeded fixtures', () => {
  it('read NETPROG_SEED when the test gives none, and expose the seed', async () => {
    process.env[SEED_ENV] = '1234';
    await using peer = await listenLossyUdp({ loss: 0.5 });
    await using target = await listenHttp({});
    expect([peer.seed, target.seed]).toEqual([1234, 1234]);
    expect(peer.plan(20)).toEqual((await listenLossyUdpPlan(1234)).slice(0, 20));
  });

  it('the same seed dribbles a response in the same pieces; another seed, in others', async () => {
    const pieces = async (seed: number): Promise<number[]> => {
      await using target = await listenHttp({ body: 'x'.repeat(200), dribble: 'random' }, { seed });
      const talk = await converse(target.port, { send: 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' });
      expect(talk.transcript.seed).toBeUndefined(); // the client's transcript; the target's has it
      await target.close();
      const [t] = target.wire.transcripts();
      expect(t!.seed).toBe(seed);
      return t!.events.flatMap((e) => (e.kind === 'data' && e.from === 'server' ? [e.size] : []));
    };
    const first = await pieces(7);
    expect(await pieces(7)).toEqual(first);
    expect(await pieces(8)).not.toEqual(first);
    expect(first.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
  });

  it('print the seed in the failure messages they produce', async () => {
    await using target = await listenHttp(
      () => {
        throw new Error('boom');
      },
      { seed: 99 },
    );
    const talk = await converse(target.port, { send: 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' });
    expect(talk.received.toString()).toMatch(
      /\r\n\r\nlistenHttp: the handler threw: boom \(seed 99\)\n$/,
    );
  });
});

/** The decisions a lossy peer with this seed makes, from a fresh peer. */
async function listenLossyUdpPlan(seed: number) {
  await using peer = await listenLossyUdp({ seed, loss: 0.5 });
  return peer.plan(20);
}
