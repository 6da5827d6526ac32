// A connection without a network: a Duplex stream that both servers (ours and node:http) accept in
// place of a net.Socket. The bytes pushed in are the client's request; what the server writes is
// collected. Tens of thousands of requests can be fuzzed this way in seconds, through the servers'
// real code; the fuzz test also sends a sample over real loopback sockets.
import type net from 'node:net';
import { Duplex } from 'node:stream';

/** An in-memory stand-in for an accepted net.Socket. */
export interface MemorySocket {
  /** Give this to a server as its accepted connection. */
  readonly socket: net.Socket;
  /** Everything the server wrote so far. */
  written(): Buffer;
  /** Sends the client's bytes, chunk by chunk, then its FIN. */
  send(chunks: readonly Buffer[]): void;
  /** Resolves when the server has closed the connection; rejects after `timeoutMs` (a hang). */
  closed(timeoutMs: number): Promise<void>;
}

/** @param remotePort the client port the server sees: a test tells its connections apart by it. */
export function memorySocket(remotePort: number): MemorySocket {
  const out: Buffer[] = [];
  const duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      out.push(chunk);
      callback();
    },
    // node:http's server half-closes only when allowed to; ours sets allowHalfOpen itself.
    allowHalfOpen: true,
  });
  // The few net.Socket members the servers call that a Duplex lacks. Both servers treat the
  // socket as a stream for everything else.
  const members = {
    remoteAddress: '127.0.0.1',
    remotePort,
    setNoDelay: () => duplex,
    setKeepAlive: () => duplex,
    setTimeout: () => duplex,
  };
  Object.assign(duplex, members);
  duplex.on('error', () => {}); // a server may destroy it with an error: that is a close too
  return {
    // A Duplex with the members above is all either server uses of a net.Socket.
    socket: duplex as unknown as net.Socket,
    written: () => Buffer.concat(out),
    send: (chunks) => {
      for (const chunk of chunks) duplex.push(chunk);
      duplex.push(null);
    },
    closed: (timeoutMs) =>
      new Promise((resolve, reject) => {
        if (duplex.destroyed) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          duplex.destroy();
          reject(new Error(`the server did not close the connection within ${timeoutMs} ms`));
        }, timeoutMs);
        duplex.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
