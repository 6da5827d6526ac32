// The one table of the testbed fixtures doctor knows: for each name a lab's graded tests may
// import from @netprog/testbed, a smoke run that starts it on port 0 (the kernel's choice) and
// closes it again. Which fixtures a lab uses is read from its tests (lab-fixtures.ts), so a
// fixture is listed here once; test/doctor-fixtures.test.ts fails when a lab imports one that
// is missing. The testbed is loaded only when a smoke runs.
import net from 'node:net';
import type { Closable } from '@netprog/testbed/fixtures';

/** Starts a fixture and closes it; rejects with what failed. */
export type Smoke = () => Promise<void>;

const fixtures = () => import('@netprog/testbed/fixtures');
const testbed = () => import('@netprog/testbed');

async function startAndClose(start: () => Promise<Closable>): Promise<void> {
  const fixture = await start();
  await fixture.close();
}

/** How long a client fixture's connect may take before it counts as failed. */
const CONNECT_LIMIT_MS = 2_000;

export const FIXTURE_SMOKES = {
  listenDns: () => startAndClose(async () => (await testbed()).listenDns()),
  closedUdpPort: () => startAndClose(async () => (await testbed()).closedUdpPort()),
  listenLossyUdp: () => startAndClose(async () => (await testbed()).listenLossyUdp({ seed: 1 })),
  listenEcho: () => startAndClose(async () => (await fixtures()).listenEcho()),
  listenHttp: () => startAndClose(async () => (await fixtures()).listenHttp({}, { seed: 1 })),
  listenTcp: () => startAndClose(async () => (await fixtures()).listenTcp((s) => s.end())),
  closedPort: () => startAndClose(async () => (await fixtures()).closedPort()),
  listenBlackhole: () => startAndClose(async () => (await fixtures()).listenBlackhole()),
  listenOpenPorts: () => startAndClose(async () => (await fixtures()).listenOpenPorts(2)),
  listenRecorder: () => startAndClose(async () => (await fixtures()).listenRecorder()),
  // A client: it connects to an echo server started for it.
  connectTcp: async () => {
    const { connectTcp, listenEcho } = await fixtures();
    await using echo = await listenEcho();
    const socket = await connectTcp(echo.port, { timeoutMs: CONNECT_LIMIT_MS });
    socket.destroy();
  },
  // A recording of a client the test drives itself: it taps a connect to a TCP server.
  tapClient: async () => {
    const [{ listenTcp }, { tapClient }] = await Promise.all([
      fixtures(),
      import('@netprog/testbed/wire/client'),
    ]);
    await using server = await listenTcp((s) => s.end());
    const socket = net.connect({ host: server.host, port: server.port });
    try {
      tapClient(socket, server.address);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no connect to port ${server.port} within ${CONNECT_LIMIT_MS} ms`));
        }, CONNECT_LIMIT_MS);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
    } finally {
      socket.destroy();
    }
  },
} as const satisfies Record<string, Smoke>;

export type FixtureName = keyof typeof FIXTURE_SMOKES;

/**
 * Whether a name imported from @netprog/testbed is a fixture doctor can start.
 * @example
 * isFixture('listenEcho'); // true
 * isFixture('within'); // false
 */
export function isFixture(name: string): name is FixtureName {
  return Object.hasOwn(FIXTURE_SMOKES, name);
}
