// Raw bytes to a server over loopback, and everything it sends back until it closes: the only way
// to send a request that fetch() would refuse to send, or would tidy up first.
import net from 'node:net';

/** Where to connect. */
export interface Address {
  readonly host: string;
  readonly port: number;
}

/**
 * Sends raw bytes and collects everything until the server closes (bounded). With `halfClose`,
 * the client then shuts down its sending side (FIN), as a client does that has nothing more to say.
 * An array is sent piece by piece, each in its own write once the previous one has gone out.
 *
 * @example
 * const reply = await exchange(server, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
 */
export function exchange(
  to: Address,
  bytes: string | Buffer | string[],
  halfClose = false,
  timeoutMs = 5_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(to.port, to.host);
    socket.setNoDelay(true);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`server did not close within ${timeoutMs} ms; got ${Buffer.concat(chunks)}`),
      );
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {}); // a reset after the response is a clean enough close
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    const pieces = Array.isArray(bytes) ? bytes : [bytes];
    const send = (i: number) => {
      if (i === pieces.length) {
        if (halfClose) socket.end();
        return;
      }
      const piece = pieces[i] ?? '';
      socket.write(typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece, () =>
        setImmediate(send, i + 1),
      );
    };
    send(0);
  });
}

/** The status of a reply ('' when the server closed without one). */
export const statusOf = (reply: string): number | 'close' => {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(reply);
  return match === null ? 'close' : Number(match[1]);
};
