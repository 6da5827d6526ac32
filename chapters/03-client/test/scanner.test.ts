import { constants } from 'node:os';
import { closedPort, listenBlackhole, listenOpenPorts } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { TargetRefusedError } from '../src/loopback-target.ts';
import { connectExProbe, type Probe, ScanError, scan } from '../src/scanner.ts';

const E = constants.errno;
const silentPort = linuxOnly("testbed's blackhole is a full accept queue, whose SYNs Linux drops");

describe('connectExProbe (on loopback)', () => {
  it('returns 0 for a listener, ECONNREFUSED for a closed port', async () => {
    await using open = await listenOpenPorts(1);
    await using closed = await closedPort();
    expect(await connectExProbe([open.host, open.ports[0]!], 1_000)).toBe(0);
    expect(await connectExProbe(closed.address, 1_000)).toBe(E.ECONNREFUSED);
  });

  silentPort.it('returns EAGAIN when nothing answers', async () => {
    await using hole = await listenBlackhole();
    const started = performance.now();
    expect(await connectExProbe(hole.address, 150)).toBe(E.EAGAIN);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('scan (on loopback)', () => {
  it('finds exactly the open ports of a range', async () => {
    await using open = await listenOpenPorts(4);
    const low = open.ports[0]! - 50;
    const high = open.ports.at(-1)!;
    const wanted = new Set(open.ports);
    // Only our own ports and the gaps between them: other listeners may exist on this machine.
    const ports = Array.from({ length: 50 }, (_, i) => low + i).concat(open.ports);
    const report = await scan(
      '127.0.0.1',
      ports.filter((p) => p >= 1 && p <= high),
      {
        concurrency: 20,
        timeoutMs: 1_000,
      },
    );
    expect(report.open.filter((p) => wanted.has(p))).toEqual(open.ports);
    expect(report.open.length + report.closed + report.filtered.length + report.errors.length).toBe(
      new Set(ports.filter((p) => p >= 1)).size,
    );
    expect(report.address).toBe('127.0.0.1');
  });

  silentPort.it('reports a port that never answers as filtered, after one retry', async () => {
    await using hole = await listenBlackhole();
    const report = await scan('127.0.0.1', [hole.port], { timeoutMs: 100, retries: 1 });
    expect(report.filtered).toEqual([hole.port]);
    expect(report.retried.timeout).toBe(1);
    expect(report.durationMs).toBeGreaterThanOrEqual(190);
  });

  it('refuses a non-loopback host before sending anything', async () => {
    let probed = false;
    const probe: Probe = async () => {
      probed = true;
      return 0;
    };
    await expect(scan('192.0.2.1', [80], { probe })).rejects.toBeInstanceOf(TargetRefusedError);
    expect(probed).toBe(false);
  });

  it('accepts localhost', async () => {
    await using open = await listenOpenPorts(1);
    const report = await scan('localhost', open.ports, {
      probe: async ([host]) => (host === '127.0.0.1' || host === '::1' ? 0 : E.EINVAL),
    });
    expect(report.open).toEqual(open.ports);
  });
});

describe('scan scheduling (injected probes)', () => {
  it('keeps at most `concurrency` probes in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const probe: Probe = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return E.ECONNREFUSED;
    };
    const report = await scan(
      '127.0.0.1',
      Array.from({ length: 200 }, (_, i) => i + 1),
      {
        concurrency: 16,
        probe,
      },
    );
    expect(most).toBe(16);
    expect(report.closed).toBe(200);
  });

  it('probes a self-connect again and does not call the port open', async () => {
    const seen = new Map<number, number>();
    const probe: Probe = async ([, port]) => {
      const n = (seen.get(port) ?? 0) + 1;
      seen.set(port, n);
      return port === 40000 && n === 1 ? 'self-connect' : E.ECONNREFUSED;
    };
    const report = await scan('127.0.0.1', [39999, 40000, 40001], { probe });
    expect(report.open).toEqual([]);
    expect(report.closed).toBe(3);
    expect(report.retried.selfConnect).toBe(1);
    expect(seen.get(40000)).toBe(2);
  });

  it('treats EMFILE as "back off and retry", never as a port state', async () => {
    let calls = 0;
    const probe: Probe = async ([, port]) => {
      calls += 1;
      if (calls <= 2) return E.EMFILE;
      return port === 22 ? 0 : E.ECONNREFUSED;
    };
    const report = await scan('127.0.0.1', [22, 23], { probe, concurrency: 2 });
    expect(report.open).toEqual([22]);
    expect(report.closed).toBe(1);
    expect(report.filtered).toEqual([]);
    expect(report.retried.resourceShortage).toBe(2);
  });

  it('gives up with a clear error when the shortage does not go away', async () => {
    const probe: Probe = async () => E.EMFILE;
    await expect(scan('127.0.0.1', [1], { probe, backoffMs: 1 })).rejects.toThrow(
      /lower the concurrency \(now 100\)/,
    );
    await expect(scan('127.0.0.1', [1], { probe, backoffMs: 1 })).rejects.toBeInstanceOf(ScanError);
  });

  it('lists unexpected errnos instead of guessing a state', async () => {
    const report = await scan('127.0.0.1', [7], { probe: async () => E.EINVAL });
    expect(report.errors).toEqual([{ port: 7, code: 'EINVAL' }]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    let probes = 0;
    const probe: Probe = async () => {
      probes += 1;
      if (probes === 10) controller.abort(new Error('user pressed Ctrl-C'));
      return E.ECONNREFUSED;
    };
    await expect(
      scan(
        '127.0.0.1',
        Array.from({ length: 1000 }, (_, i) => i + 1),
        {
          probe,
          concurrency: 2,
          signal: controller.signal,
        },
      ),
    ).rejects.toThrow('user pressed Ctrl-C');
    expect(probes).toBeLessThan(20);
  });
});
