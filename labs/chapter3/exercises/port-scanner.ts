// Exercise 4: a loopback port scanner with bounded concurrency.
//
// probePort() below is done for you: one connect attempt, answered as 'open', 'closed' or
// 'filtered'. Your job is scanPorts(), the scheduler around it:
//   1. Refuse before connecting anywhere: scanning hosts you do not own is not OK, so `host`
//      must be a loopback IP literal: 127.x.y.z or ::1 (however it is spelt: 0:0:0:0:0:0:0:1 is
//      ::1 too). Anything else (other addresses, names such as 'example.com', even 'localhost')
//      rejects with an Error whose message contains the word "loopback".
//   2. Probe every port in `ports`, with at most `options.concurrency` probes in flight at any
//      moment (the grader counts the sockets), and more than one at a time when allowed: one
//      probe at a time would take ages on a real network.
//   3. Resolve to the open ports, sorted ascending.
// A sweep of all 65,535 ports of 127.0.0.1 must finish within the exercise's time limit.
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
  // TODO 1: check `host` (net.isIP tells you whether it is an IP literal, and which version).
  // TODO 2: start `options.concurrency` workers; each takes the next port until none is left.
  // TODO 3: collect the open ones and sort them.
  throw new Error(`TODO: scanPorts(${host}, ${ports.length} ports, ${JSON.stringify(options)})`);
}
