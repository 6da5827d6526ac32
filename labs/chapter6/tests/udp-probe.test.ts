import { closedUdpPort, listenLossyUdp } from '@netprog/testbed';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { probeUdpPort } from '../exercises/udp-probe.ts';

/** UDP sockets open in this process right now. */
const udpHandles = (): number =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'UDPWrap').length;

/** Waits (up to 2 s) until the count stops changing: closed sockets take a moment to go. */
async function settledUdpHandles(): Promise<number> {
  let last = udpHandles();
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = udpHandles();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** Waits (up to 3 s) for the count to fall back to `expected`, and returns what it is then. */
async function udpHandlesBackTo(expected: number): Promise<number> {
  for (let i = 0; i < 150 && udpHandles() > expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return udpHandles();
}

// Each test has its own peers, so the first three run side by side (describe.concurrent).
describe.concurrent('probeUdpPort', () => {
  it(
    "says 'closed' for a port nothing is bound to, at once rather than after the timeout",
    TIMING_RETRIES,
    async ({ expect }) => {
      await using closed = await closedUdpPort();
      const started = performance.now();
      expect(await probeUdpPort(closed.address, 4_000), `probing ${closed.address.join(':')}`).toBe(
        'closed',
      );
      expect(performance.now() - started, 'ms until the answer (the limit was 4,000)').toBeLessThan(
        2_000,
      );
    },
  );

  it("says 'open' when a datagram comes back, whatever it says", async ({ expect }) => {
    await using service = await listenLossyUdp({ seed: 1, respond: () => Buffer.from('pong') });
    expect(await probeUdpPort(service.address, 2_000), 'a peer that answers "pong"').toBe('open');
    expect(service.stats.received, 'datagrams the peer received').toBe(1);
  });

  it(
    "says 'open|filtered' when nothing answers, within ±20% of timeoutMs",
    TIMING_RETRIES,
    async ({ expect }) => {
      await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
      const started = performance.now();
      expect(await probeUdpPort(silent.address, 150), 'a peer that never answers').toBe(
        'open|filtered',
      );
      expectNearLimit(performance.now() - started, 150, 'answered', expect);
      expect(silent.stats.received, 'datagrams the peer received').toBe(1);
    },
  );
});

describe('probeUdpPort, alone (it counts open sockets)', () => {
  it('tells three ports apart when probed together, and closes every socket it opened', async () => {
    await using closed = await closedUdpPort();
    await using echo = await listenLossyUdp({ seed: 1 });
    await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
    const before = await settledUdpHandles();
    const states = await Promise.all([
      probeUdpPort(closed.address, 150),
      probeUdpPort(echo.address, 150),
      probeUdpPort(silent.address, 150),
    ]);
    expect(states, 'closed, echo and silent peers').toEqual(['closed', 'open', 'open|filtered']);
    expect(await udpHandlesBackTo(before), 'UDP sockets open afterwards').toBe(before);
  });
});
