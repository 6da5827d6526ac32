// A UDP port on 127.0.0.1 where no socket is bound: the kernel answers datagrams sent there with
// an ICMP "port unreachable", which a connected UDP socket reports as ECONNREFUSED.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { type ClosedPort, findClosedPort } from '../fixtures/find-closed-port.ts';
import type { WireOptions } from '../fixtures/fixture.ts';

/**
 * Finds a UDP port on 127.0.0.1 with no socket bound to it. On Linux it picks a port outside the
 * ephemeral range that no UDP socket uses, as /proc/net/udp and udp6 show; it sends nothing, so
 * no other test's UDP peer ever receives (and counts) its probe. Without /proc it binds port 0,
 * notes the port the kernel chose, closes the socket, then checks with a connected socket that a
 * datagram sent there is refused (ECONNREFUSED, from the kernel's ICMP port-unreachable reply).
 *
 * Honest caveat: the port is not reserved. On Linux only a program that binds that fixed port can
 * take it before your send; elsewhere another program could be given the same ephemeral port.
 * Either needs a coincidence within milliseconds.
 *
 * @example
 * await using closed = await closedUdpPort();
 * const s = dgram.createSocket('udp4');
 * s.on('error', (e) => console.log(e.code)); // ECONNREFUSED (connected sockets only)
 * s.connect(closed.port, closed.host, () => s.send('anyone?'));
 */
export function closedUdpPort(options: WireOptions = {}): Promise<ClosedPort> {
  return findClosedPort(
    {
      fixture: 'closedUdpPort',
      protocol: 'UDP',
      freePort: freeUdpPort,
      isRefused: async (port) => (await sendOutcome(port)) === 'ECONNREFUSED',
      tables: ['udp', 'udp6'],
      note: 'nothing is bound here, on purpose: the kernel answers each datagram with an ICMP "port unreachable", which a connected UDP socket reports as ECONNREFUSED',
    },
    options,
  );
}

/** Asks the kernel for an unused UDP port by binding port 0, then frees it again. */
async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Sends one datagram from a connected socket: 'ECONNREFUSED', or 'silent' after 1 s. */
function sendOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    let finished = false;
    const done = (outcome: string): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    // On loopback the ICMP reply takes microseconds; the timer only guards against a wedged machine.
    const timer = setTimeout(() => done('silent'), 1_000);
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.once('message', () => done('answered'));
    socket.connect(port, '127.0.0.1', () => socket.send('probe'));
  });
}
