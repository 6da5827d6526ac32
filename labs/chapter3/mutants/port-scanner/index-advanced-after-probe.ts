// Mutant: advances the shared index after the probe, so workers probe the same port
// Why students write it: 'take the port, probe it, then move on' reads naturally
// Exercise 4 (reference solution): a loopback port scanner with bounded concurrency.
import net from 'node:net';

export interface ScanOptions {
  /** Most probes in flight at once (>= 1). */
  concurrency: number;
  /** Per-probe timeout in milliseconds. */
  timeoutMs: number;
}

export type PortState = 'open' | 'closed' | 'filtered';

/**
 * One connect attempt to host:port. Given: you do not need to change it.
 *
 * @example
 * await probePort('127.0.0.1', 22, 1_000) // 'open' if something listens on 22
 */
export function probePort(host: string, port: number, timeoutMs: number): Promise<PortState> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (state: PortState): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done('filtered'), timeoutMs);
    socket.once('connect', () => {
      // Loopback self-connect: our own source port was the port we probed; nobody listens there.
      const self = socket.localPort === port && socket.localAddress === socket.remoteAddress;
      done(self ? 'closed' : 'open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'closed' : 'filtered'),
    );
  });
}

/** 127.0.0.0/8 and ::1, as IP literals only: a name could resolve anywhere. */
function isLoopbackLiteral(host: string): boolean {
  if (net.isIPv4(host)) return host.startsWith('127.');
  // ::1 has other spellings (0:0:0:0:0:0:0:1, ::0001): compare the one Node writes.
  return (
    net.isIPv6(host) && new net.SocketAddress({ address: host, family: 'ipv6' }).address === '::1'
  );
}

/**
 * The open ports among `ports` of the loopback `host`, sorted.
 *
 * @example
 * await scanPorts('127.0.0.1', [22, 80, 443], { concurrency: 10, timeoutMs: 1_000 }) // e.g. [22]
 */
export async function scanPorts(
  host: string,
  ports: readonly number[],
  options: ScanOptions,
): Promise<number[]> {
  if (!isLoopbackLiteral(host)) {
    throw new Error(
      `refusing to scan ${host}: only loopback addresses (127.x.y.z, ::1) may be scanned`,
    );
  }
  const open: number[] = [];
  let next = 0;
  // Each worker is a loop: take the next port, probe it, repeat. With `concurrency` workers there
  // can never be more than `concurrency` probes in flight.
  const worker = async (): Promise<void> => {
    while (next < ports.length) {
      const port = ports[next]!;
      if ((await probePort(host, port, options.timeoutMs)) === 'open') open.push(port);
      next++;
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, ports.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return open.sort((a, b) => a - b);
}
