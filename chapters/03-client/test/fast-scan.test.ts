import { closedPort, listenBlackhole, listenOpenPorts } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { type SweepEngine, sweepPorts } from '../src/fast-scan/connect-sweep.mjs';
import { fastScan } from '../src/fast-scan/fast-scan.ts';
import { handlesUnavailable } from '../src/fast-scan/handles-engine.mjs';
import { TargetRefusedError } from '../src/loopback-target.ts';
import { allPortsExcept, portsOffLimits } from './helpers/listening-ports.ts';

// The internal engine is tested where this Node offers it (handles-engine.test.ts covers the rest).
const engines: SweepEngine[] = handlesUnavailable() === undefined ? ['net', 'handles'] : ['net'];
const silentPort = linuxOnly("testbed's blackhole is a full accept queue, whose SYNs Linux drops");

describe.each(engines)('sweepPorts with the %s engine (on loopback)', (engine) => {
  it('sorts open, closed and silent ports', async () => {
    await using open = await listenOpenPorts(2);
    const ports = [...open.ports, open.ports[0]! + 1, open.ports[1]! + 1].filter(
      (p, i, all) => all.indexOf(p) === i,
    );
    const outcome = await sweepPorts('127.0.0.1', ports, {
      concurrency: 10,
      timeoutMs: 1_000,
      engine,
    });
    expect(outcome.open.filter((p) => open.ports.includes(p)).sort((a, b) => a - b)).toEqual(
      open.ports,
    );
    expect(outcome.timedOut).toEqual([]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.open.length + outcome.refused + outcome.selfConnects.length).toBe(ports.length);
  });

  silentPort.it('gives up on a silent port after timeoutMs and lists it as timed out', async () => {
    await using hole = await listenBlackhole();
    const started = performance.now();
    const outcome = await sweepPorts('127.0.0.1', [hole.port], {
      concurrency: 1,
      timeoutMs: 100,
      engine,
    });
    const elapsed = performance.now() - started;
    expect(outcome.timedOut).toEqual([hole.port]);
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('resolves at once for an empty list', async () => {
    expect(
      (await sweepPorts('127.0.0.1', [], { concurrency: 1, timeoutMs: 10, engine })).refused,
    ).toBe(0);
  });

  it('counts refused ports and never calls a closed port open', async () => {
    await using open = await listenOpenPorts(1);
    const closed = await Promise.all([closedPort(), closedPort(), closedPort()]);
    const outcome = await sweepPorts('127.0.0.1', [...closed.map((c) => c.port), ...open.ports], {
      concurrency: 2,
      timeoutMs: 1_000,
      engine,
    });
    expect(outcome.open).toEqual(open.ports);
    expect(outcome.refused).toBe(3);
  });
});

describe('fastScan', () => {
  it('refuses a non-loopback host', async () => {
    await expect(fastScan('198.51.100.7', [80])).rejects.toBeInstanceOf(TargetRefusedError);
  });

  // Two threads need at least 2 x 4096 ports; 8192 keep the test quick (the examples test runs
  // the full 65535-port sweep).
  it('sweeps 8192 ports of loopback with two threads of the public engine and finds ours', async () => {
    await using open = await listenOpenPorts(3);
    const skip = new Set([...(await portsOffLimits()), ...open.ports]);
    const others = allPortsExcept(skip).slice(0, 8192 - open.ports.length);
    const ports = [...others, ...open.ports];
    const report = await fastScan('127.0.0.1', ports, { threads: 2 });
    expect(report).toMatchObject({ threads: 2, engine: 'net', fallback: undefined, errors: [] });
    // Listeners that other programs open while we scan may show up too; ours must all be there.
    expect(report.open).toEqual(expect.arrayContaining(open.ports));
    expect(report.open.length + report.closed + report.filtered.length).toBe(ports.length);
  }, 30_000);

  it('scans a short list in this thread', async () => {
    await using open = await listenOpenPorts(1);
    const report = await fastScan('127.0.0.1', open.ports);
    expect(report.open).toEqual(open.ports);
  });

  silentPort.it('reports a silent port as filtered after a retry', async () => {
    await using hole = await listenBlackhole();
    const report = await fastScan('127.0.0.1', [hole.port], { timeoutMs: 100, retries: 1 });
    expect(report.filtered).toEqual([hole.port]);
    expect(report.retried.timeout).toBe(1);
  });
});
