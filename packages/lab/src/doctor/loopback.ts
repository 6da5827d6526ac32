// Doctor's loopback checks, the I/O: a TCP server on a loopback address and port 0, one client
// that sends one byte and reads it back, everything closed, within a time limit.
import net from 'node:net';
import type { DoctorCheck } from './doctor-check.ts';

/** How long the whole round trip may take: on loopback it takes a few milliseconds. */
export const LOOPBACK_LIMIT_MS = 2_000;

/**
 * Listens on `host` port 0, connects, echoes one byte; resolves when the byte is back, or
 * rejects with what failed. Every socket and the server are closed either way.
 * @example
 * await roundTrip('127.0.0.1', 2_000);
 */
export function roundTrip(host: string, limitMs: number): Promise<void> {
  const server = net.createServer((peer) => {
    peer.on('error', () => {}); // the client may reset while we close; nothing to report
    peer.pipe(peer);
  });
  let client: net.Socket | undefined;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no echo on ${host} within ${limitMs} ms`)),
      limitMs,
    );
    const settle = (error?: Error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    server.on('error', (error: NodeJS.ErrnoException) =>
      settle(new Error(`cannot listen on ${host}: ${error.code ?? error.message}`)),
    );
    server.listen({ host, port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      client = net.connect({ host, port });
      client.on('error', (error: NodeJS.ErrnoException) =>
        settle(new Error(`cannot connect to ${host} port ${port}: ${error.code ?? error.message}`)),
      );
      client.once('data', () => settle());
      client.write('x');
    });
  }).finally(() => {
    client?.destroy();
    if (server.listening) server.close();
  });
}

/**
 * The check of one loopback family: IPv4 is a blocker (every fixture listens on 127.0.0.1),
 * IPv6 a warning (`needs` says what uses it).
 * @example
 * await checkLoopback('::1', 'warn', 'the IPv6 tests are skipped');
 */
export async function checkLoopback(
  host: '127.0.0.1' | '::1',
  onFailure: 'fail' | 'warn',
  needs: string,
): Promise<DoctorCheck> {
  const name = host === '::1' ? 'loopback IPv6' : 'loopback IPv4';
  try {
    await roundTrip(host, LOOPBACK_LIMIT_MS);
    return { name, status: 'ok', detail: `${host}: listen on port 0, connect, echo one byte` };
  } catch (error) {
    return { name, status: onFailure, detail: `${(error as Error).message}: ${needs}` };
  }
}
