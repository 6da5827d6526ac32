// A tiny raw TCP client for tests: send some bytes, collect everything until the server closes.
import net from 'node:net';

export interface RawExchange {
  /** Everything received, concatenated. */
  bytes: Buffer;
  /** Each 'data' event's chunk, to see how the bytes were split. */
  chunks: Buffer[];
  /** Milliseconds from the connect to the server's close (EOF). */
  elapsedMs: number;
}

/** Connects, writes `request`, and resolves at EOF; rejects after `timeoutMs` (default 10 s). */
export function exchange(
  port: number,
  request: string | Buffer,
  timeoutMs = 10_000,
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const started = performance.now();
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(request));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no EOF from 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), chunks, elapsedMs: performance.now() - started });
    });
  });
}

/** Writes `data` on a fresh connection and closes our side, then resolves once it is closed. */
export function sendAndClose(port: number, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end(data));
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.resume();
  });
}
