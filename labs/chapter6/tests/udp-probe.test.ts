import { closedUdpPort, listenLossyUdp } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { probeUdpPort } from '../exercises/udp-probe.ts';

/** UDP sockets open in this process right now. */
const udpHandles = (): number =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'UDPWrap').length;

/** Waits (up to 2 s) until the count stops changing: closed sockets take a moment to go. */
async function settledUdpHandles(): Promise<number> {
  let last = udpHandles();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = udpHandles();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** Waits (up to 3 s) for the count to fall back to `expected`, and returns what it is then. */
async function udpHandlesBackTo(expected: number): Promise<number> {
  for (let i = 0; i < 60 && udpHandles() > expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return udpHandles();
}

describe('probeUdpPort', () => {
  it("says 'closed' for a port nothing is bound to, at once rather than after the timeout", async () => {
    await using closed = await closedUdpPort();
    const started = performance.now();
    expect(await probeUdpPort(closed.address, 4_000)).toBe('closed');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("says 'open' when a datagram comes back", async () => {
    await using echo = await listenLossyUdp({ seed: 1 });
    expect(await probeUdpPort(echo.address, 2_000)).toBe('open');
    expect(echo.stats.received).toBe(1);
  });

  it("says 'open|filtered' when nothing answers, after about timeoutMs", async () => {
    await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
    const started = performance.now();
    expect(await probeUdpPort(silent.address, 300)).toBe('open|filtered');
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(silent.stats.received).toBe(1);
  });

  it('tells three ports apart when probed together, and closes every socket it opened', async () => {
    await using closed = await closedUdpPort();
    await using echo = await listenLossyUdp({ seed: 1 });
    await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
    const before = await settledUdpHandles();
    const states = await Promise.all([
      probeUdpPort(closed.address, 1_000),
      probeUdpPort(echo.address, 1_000),
      probeUdpPort(silent.address, 1_000),
    ]);
    expect(states).toEqual(['closed', 'open', 'open|filtered']);
    expect(await udpHandlesBackTo(before)).toBe(before);
  });
});
