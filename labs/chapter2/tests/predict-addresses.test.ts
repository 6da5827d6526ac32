import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Prediction,
  predictAddresses,
  type Scenario,
} from '../exercises/predict-addresses.ts';
import { closeServer, track, within } from './support.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Can this machine listen on `host`? (IPv6 may be disabled, ::1 missing.) */
async function canListen(host: string): Promise<boolean> {
  const probe = createServer();
  try {
    probe.listen({ host, port: 0 });
    await within(once(probe, 'listening'), 2_000, `listen on ${host}`);
    return true;
  } catch {
    return false;
  } finally {
    if (probe.listening) await new Promise((resolve) => probe.close(resolve));
  }
}
const ipv6 = await canListen('::1');

/** Runs the scenario for real and returns what Node reports, in the Prediction's shape. */
async function runScenario(
  bindHost: string,
  connectHost: string,
): Promise<{
  scenario: Scenario;
  actual: Prediction;
  listenerAfterAccept: readonly [string, number];
}> {
  const server = createServer();
  const connections = track(server);
  cleanups.push(() => closeServer(server, connections));
  server.listen({ host: bindHost, port: 0 });
  await within(once(server, 'listening'), 2_000, `listen on ${JSON.stringify(bindHost)}`);
  const bound = server.address() as { address: string; port: number };
  const client = createConnection({ host: connectHost, port: bound.port });
  cleanups.push(() => void client.destroy());
  await within(once(client, 'connect'), 2_000, `connect to ${connectHost}`);
  const accepted = await connections.from(client.localPort ?? 0);
  const after = server.address() as { address: string; port: number };
  const pair = (s: Socket) => ({
    local: [s.localAddress ?? '', s.localPort ?? 0] as const,
    remote: [s.remoteAddress ?? '', s.remotePort ?? 0] as const,
  });
  return {
    scenario: { bindHost, serverPort: bound.port, connectHost, clientPort: client.localPort ?? 0 },
    actual: {
      listener: [bound.address, bound.port],
      client: pair(client),
      accepted: pair(accepted),
    },
    listenerAfterAccept: [after.address, after.port],
  };
}

async function expectPredicted(bindHost: string, connectHost: string): Promise<void> {
  const { scenario, actual, listenerAfterAccept } = await runScenario(bindHost, connectHost);
  const predicted = predictAddresses(scenario);
  expect(predicted, `scenario ${JSON.stringify(scenario)}`).toEqual(actual);
  expect(predicted.listener, 'the listener after accept()').toEqual(listenerAfterAccept);
}

describe('predictAddresses, checked against real sockets', () => {
  it('127.0.0.1 server, 127.0.0.1 client: the accepted socket mirrors the client', async () => {
    await expectPredicted('127.0.0.1', '127.0.0.1');
  });

  it('0.0.0.0 server: the listener stays a wildcard, the accepted socket gets a real address', async () => {
    await expectPredicted('0.0.0.0', '127.0.0.1');
  });
});

const wholeLoopback = linuxOnly('the whole of 127.0.0.0/8 is loopback on Linux');
wholeLoopback.describe('predictAddresses on Linux loopback (127.0.0.0/8)', () => {
  it('0.0.0.0 server, client dialling 127.0.0.2: which source address does the client get?', async () => {
    await expectPredicted('0.0.0.0', '127.0.0.2');
  });

  it('server bound to 127.0.0.2 only', async () => {
    await expectPredicted('127.0.0.2', '127.0.0.2');
  });
});

describe.runIf(ipv6)('predictAddresses with IPv6', () => {
  it(':: server (dual-stack), IPv4 client: ::ffff: on the server side only', async () => {
    await expectPredicted('::', '127.0.0.1');
  });

  it("'' server: what Node binds when given no host (not what Python does)", async () => {
    await expectPredicted('', '127.0.0.1');
  });

  it('::1 server, ::1 client', async () => {
    await expectPredicted('::1', '::1');
  });

  it(':: server, ::1 client', async () => {
    await expectPredicted('::', '::1');
  });
});
