import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nonEphemeralPorts } from '../src/fixtures/find-closed-port.ts';
import { closedPort, closedUdpPort } from '../src/index.ts';
import { linuxOnly } from '../src/linux-only/tests.ts';
import { connectOutcome } from './connect-outcome.ts';
import { handlesSettleTo, openHandles } from './handles.ts';

const linux = linuxOnly('the closed ports are picked from /proc/sys/net/ipv4/ip_local_port_range');

describe('closedPort', () => {
  it('gives a loopback port where a connect is refused with ECONNREFUSED', async () => {
    const before = await openHandles();
    {
      await using closed = await closedPort();
      expect(closed.host).toBe('127.0.0.1');
      expect(closed.address).toEqual(['127.0.0.1', closed.port]);
      expect(closed.port).toBeGreaterThan(0);
      expect(await connectOutcome(closed.port, 1_000)).toBe('ECONNREFUSED');
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });

  linux.it(
    'picks TCP and UDP ports outside the ephemeral range, where no port-0 listener lands',
    async () => {
      const range = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
      const [low = 0, high = 0] = range.trim().split(/\s+/).map(Number);
      for (const closed of [await closedPort(), await closedUdpPort()]) {
        expect(closed.port).toBeGreaterThanOrEqual(1024);
        expect(closed.port < low || closed.port > high, `${closed.port} in ${range}`).toBe(true);
      }
    },
  );
});

describe('nonEphemeralPorts', () => {
  it('counts 1024 up to the range, and the range up to 65535', () => {
    const ports = nonEphemeralPorts('32768\t60999\n');
    expect(ports.count).toBe(32768 - 1024 + 65535 - 60999);
    expect(ports.at(0)).toBe(1024);
    expect(ports.at(32768 - 1024 - 1)).toBe(32767);
    expect(ports.at(32768 - 1024)).toBe(61000);
    expect(ports.at(ports.count - 1)).toBe(65535);
  });

  it('has no room when the range covers every unprivileged port, or is not a range', () => {
    expect(nonEphemeralPorts('1024 65535').count).toBe(0);
    expect(nonEphemeralPorts('800 65535').count).toBe(0);
    expect(nonEphemeralPorts('garbage').count).toBe(0);
    expect(nonEphemeralPorts('60999 32768').count).toBe(0);
  });

  it('starts at 1024 when the range lies below it', () => {
    const ports = nonEphemeralPorts('500 900');
    expect(ports.count).toBe(65535 - 1023);
    expect(ports.at(0)).toBe(1024);
  });
});
