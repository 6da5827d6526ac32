// Graded: exercise 4, startTimedServer, over loopback.
import { once } from 'node:events';
import net from 'node:net';
import { within } from '@netprog/testbed/timing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTimedServer, type TimedServer } from '../exercises/timed-server.ts';

const TIMEOUT_MS = 300;
let server: TimedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Conversation {
  /** Everything received until the server closed, and how long that took. */
  text: string;
  closedAfterMs: number;
}

/** Connects, sends `bytes`, and reads until the server closes (at most 5 s). */
function converse(port: number, bytes: string, expectClose = true): Promise<Conversation> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      if (expectClose)
        reject(
          new Error(
            `the server did not close the connection within 5 s; got ${JSON.stringify(text)}`,
          ),
        );
      else resolve({ text, closedAfterMs: -1 });
    }, 5_000);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    if (bytes !== '') socket.write(bytes);
  });
}

describe('startTimedServer', () => {
  it('answers 408 and closes a connection that sends nothing', async () => {
    server = await startTimedServer(TIMEOUT_MS);
    const { text, closedAfterMs } = await converse(server.port, '');
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(closedAfterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('answers 408 to half a head', async () => {
    server = await startTimedServer(TIMEOUT_MS);
    const { text } = await converse(server.port, 'GET / HTTP/1.1\r\nHost: x\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers whole requests, keeps the connection open, and times out only after the last one', async () => {
    server = await startTimedServer(TIMEOUT_MS);
    const { text } = await converse(
      server.port,
      'GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const statuses = text.match(/HTTP\/1\.1 \d{3}/g);
    expect(statuses).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 408']);
    expect(text).toContain('Content-Length: 6\r\n\r\nhello\n');
  });

  it('accepts heads split across writes and keeps serving after a client resets', async () => {
    server = await startTimedServer(2_000);
    const port = server.port;
    const rude = net.connect(port, '127.0.0.1');
    rude.on('error', () => {});
    await within(once(rude, 'connect'), 2_000, `connect to 127.0.0.1:${port}`);
    rude.resetAndDestroy();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      const timer = setTimeout(
        () => reject(new Error(`no 200 within 5 s; got ${JSON.stringify(text)}`)),
        5_000,
      );
      socket.on('error', reject);
      socket.on('data', (c) => {
        text += c.toString();
        if (text.includes('hello\n')) {
          clearTimeout(timer);
          socket.destroy();
          resolve(text);
        }
      });
      socket.write('GET / HT');
      setImmediate(() => socket.write('TP/1.1\r\nHost: x\r\n\r\n'));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
