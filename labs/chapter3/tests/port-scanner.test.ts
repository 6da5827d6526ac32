// Graded: exercise 4, scanPorts. The grader watches every TCP connect your code makes by wrapping
// net.Socket's connect and destroy: a probe is "in flight" from connect() until destroy().
import { readFile } from 'node:fs/promises';
import { parseProcNetTable } from '@netprog/socket-core';
import { closedPort, listenBlackhole, listenOpenPorts } from '@netprog/testbed/fixtures';
import { isLinux, linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { type ScanOptions, scanPorts } from '../exercises/port-scanner.ts';
import { watchConnects } from './support.ts';

/** scanPorts, given 10 s at most: a scan that never settles fails with a message, not a hang. */
const scan = (host: string, ports: readonly number[], options: ScanOptions): Promise<number[]> =>
  within(scanPorts(host, ports, options), 10_000, `scanPorts(${JSON.stringify(host)}, …) settling`);

/**
 * Ports something listens on now (Linux /proc), so a sweep leaves other programs alone; off
 * Linux none are known.
 */
async function listeningPorts(): Promise<Set<number>> {
  const ports = new Set<number>();
  if (!isLinux) return ports;
  for (const proto of ['tcp', 'tcp6'] as const) {
    const text = await readFile(`/proc/net/${proto}`, 'utf8').catch(() => '');
    for (const entry of parseProcNetTable(text, proto)) {
      if (entry.state === 'LISTEN') ports.add(entry.local[1]);
    }
  }
  return ports;
}

describe('scanPorts', () => {
  it('finds exactly the open ports and sorts them by number', async () => {
    await using open = await listenOpenPorts(7);
    const closed = await Promise.all(Array.from({ length: 4 }, () => closedPort()));
    // Five of the grader's listeners stand in for well-known ports, so the open ports have one
    // to five digits, as on a real machine; the other two are scanned as themselves.
    const wellKnown = [9, 22, 80, 443, 8080];
    const [a, b, ...stand] = open.ports as [number, number, ...number[]];
    const [c0, c1, c2, c3] = closed.map((c) => c.port) as [number, number, number, number];
    // The probe of c3 connects to itself (its source port is the port it probes): nobody
    // listens there, so it is not open. A wide scan meets this now and then; here it is sure.
    watchConnects({
      redirect: new Map(wellKnown.map((port, i) => [port, stand[i] ?? 0])),
      selfConnect: new Set([c3]),
    });
    const ports = [8080, c0, 443, b, 22, c1, 9, c2, a, 80, c3];
    const started = performance.now();
    const found = await scan('127.0.0.1', ports, { concurrency: 4, timeoutMs: 5_000 });
    expect(found, `scanPorts('127.0.0.1', ${JSON.stringify(ports)}, …)`).toEqual([
      ...wellKnown,
      a,
      b,
    ]);
    // A closed port answers at once (the kernel's RST): nothing here waits for the 5 s timeout.
    expect(performance.now() - started, 'ms the scan took').toBeLessThan(2_500);
  });

  it('never has more probes in flight than `concurrency`, and closes every socket', async () => {
    await using open = await listenOpenPorts(40);
    const sockets = watchConnects();
    const found = await scan('127.0.0.1', open.ports, { concurrency: 6, timeoutMs: 2_000 });
    expect(found).toEqual(open.ports);
    expect(sockets.started).toBeGreaterThanOrEqual(40);
    expect(sockets.most, 'most probes in flight at once').toBeLessThanOrEqual(6);
    expect(sockets.most, 'probes should run side by side, not one at a time').toBeGreaterThan(1);
    expect(sockets.live, 'sockets left open after the scan').toBe(0);
  });

  it('runs one probe at a time when concurrency is 1', async () => {
    await using open = await listenOpenPorts(5);
    const sockets = watchConnects();
    expect(await scan('127.0.0.1', open.ports, { concurrency: 1, timeoutMs: 2_000 })).toEqual(
      open.ports,
    );
    expect(sockets.most, 'most probes in flight at once').toBe(1);
  });

  linuxOnly("testbed's blackhole is a full accept queue, whose SYNs Linux drops").it(
    'leaves out a filtered port, after waiting timeoutMs for it',
    async () => {
      // The blackhole's connects get no answer at all, like a firewalled port's.
      await using hole = await listenBlackhole();
      await using open = await listenOpenPorts(2);
      const sockets = watchConnects();
      // A timer never fires early, so even 100 ms tells a probe that waited from one that gave up
      // at once (or waited some other option's number of ms).
      const timeoutMs = 100;
      const started = performance.now();
      const found = await scan('127.0.0.1', [hole.port, ...open.ports], {
        concurrency: 3,
        timeoutMs,
      });
      expect(found, 'a port that never answered is not open').toEqual(open.ports);
      const waited = sockets.durations(hole.port);
      expect(waited, `ms the probe of the filtered port lasted (timeoutMs ${timeoutMs})`).toEqual([
        expect.any(Number),
      ]);
      expect(waited[0]).toBeGreaterThanOrEqual(timeoutMs * 0.9);
      expect(performance.now() - started).toBeLessThan(3_000);
    },
  );

  it('refuses addresses of other machines before connecting anywhere', async () => {
    const sockets = watchConnects({ blockAll: true });
    for (const host of ['192.0.2.1', '10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0']) {
      const outcome = await scan(host, [80], { concurrency: 1, timeoutMs: 500 }).then(
        (found) => `resolved with ${JSON.stringify(found)}`,
        (error: Error) => error.message,
      );
      expect(outcome, `scanPorts(${JSON.stringify(host)}, …)`).toMatch(/loopback/i);
    }
    expect(sockets.started, 'connects attempted').toBe(0);
  });

  it('refuses names, even ones that mean loopback: only IP literals can be checked', async () => {
    const sockets = watchConnects({ blockAll: true });
    for (const host of ['example.com', 'localhost', '127.0.0.1.example.com']) {
      const outcome = await scan(host, [80], { concurrency: 1, timeoutMs: 500 }).then(
        (found) => `resolved with ${JSON.stringify(found)}`,
        (error: Error) => error.message,
      );
      expect(outcome, `scanPorts(${JSON.stringify(host)}, …)`).toMatch(/loopback/i);
    }
    expect(sockets.started, 'connects attempted').toBe(0);
  });

  it('scans any loopback address: 127.0.0.2 and ::1 (however spelt) as well as 127.0.0.1', async () => {
    // The listener is bound to 127.0.0.1 only, so on the others it is not found.
    await using open = await listenOpenPorts(1);
    const sockets = watchConnects();
    for (const host of ['127.0.0.2', '::1', '0:0:0:0:0:0:0:1']) {
      const found = await scan(host, open.ports, { concurrency: 1, timeoutMs: 1_000 }).catch(
        (error: Error) => `rejected: ${error.message}`,
      );
      expect(found, `scanPorts(${JSON.stringify(host)}, [${open.ports}], …)`).toEqual([]);
    }
    expect(sockets.started, 'connects attempted').toBe(3);
  });

  it('sweeps the well-known ports (1 to 1024) and the grader listeners in bounded time', async () => {
    await using open = await listenOpenPorts(3);
    const others = await listeningPorts();
    const ports = [...open.ports];
    for (let port = 1; port <= 1_024; port++) if (!others.has(port)) ports.push(port);
    const started = performance.now();
    const found = await scan('127.0.0.1', ports, { concurrency: 200, timeoutMs: 1_000 });
    // Programs may open listeners while we scan; ours must all be found.
    expect(found).toEqual(expect.arrayContaining(open.ports));
    expect(found).toEqual([...found].sort((a, b) => a - b));
    // Well under a second on an idle machine. The bound only rules out hangs and per-port waits.
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});
