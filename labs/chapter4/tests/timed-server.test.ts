// Graded: exercise 4, startTimedServer, over loopback. The timing tests run side by side
// (describe.concurrent): each has its own server, and the whole file takes about as long as its
// slowest test.
import { once } from 'node:events';
import net from 'node:net';
import { activeResourcesAfterTick, addedResources } from '@netprog/testbed/leak-check';
import { TIMING_RETRIES, within } from '@netprog/testbed/timing';
import { tapClient } from '@netprog/testbed/wire/client';
import { describe, expect, it, vi } from 'vitest';
import { startTimedServer, type TimedServer } from '../exercises/timed-server.ts';

const TIMEOUT_MS = 300;
/**
 * The 408 may not come before the limit (the server's timer starts after our connect began), and
 * should come soon after it. A busy machine can only make it later: a late try is tried again.
 */
const LATEST_MS = TIMEOUT_MS * 1.5;

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n';
const TIMEOUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
const GET = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;

/** Text as a message shows it: every CR and LF visible. */
const show = (text: string): string => JSON.stringify(text);

/** A loopback client that records everything the server sent, and when the server closed. */
class Client {
  text = '';
  closedAt: number | undefined;
  readonly started = performance.now();
  readonly socket: net.Socket;
  readonly #changed = new EventTarget();

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    // Recorded, so a failing check shows what went over the wire with your server.
    tapClient(this.socket, ['127.0.0.1', port]);
    this.socket.on('error', () => {}); // a reset shows as a close; the checks say what was missing
    this.socket.on('data', (chunk) => {
      this.text += chunk.toString('latin1');
      this.#changed.dispatchEvent(new Event('change'));
    });
    this.socket.on('close', () => {
      this.closedAt = performance.now();
      this.#changed.dispatchEvent(new Event('change'));
    });
  }

  /** Waits until `done()` holds, at most `ms`; the error names what was awaited and what came. */
  until(done: () => boolean, ms: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        const closed = this.closedAt === undefined ? '' : ', then closed the connection';
        reject(
          new Error(
            `${what} did not happen within ${ms} ms: the server sent ${show(this.text)}${closed}`,
          ),
        );
      }, ms);
      const stop = () => {
        clearTimeout(timer);
        this.#changed.removeEventListener('change', check);
      };
      this.#changed.addEventListener('change', check);
      check();
    });
  }

  /** Waits for the server to close the connection; resolves with ms since connect. */
  async closed(ms: number, what: string): Promise<number> {
    await this.until(() => this.closedAt !== undefined, ms, what);
    return (this.closedAt ?? 0) - this.started;
  }

  /** Count of complete 200 responses so far. */
  oks(): number {
    return this.text.split(OK).length - 1;
  }
}

/** Runs `test` with a fresh server, and always closes it. */
async function withServer(
  timeoutMs: number,
  test: (server: TimedServer, clients: Client[]) => Promise<void>,
): Promise<void> {
  const server = await within(startTimedServer(timeoutMs), 2_000, 'startTimedServer resolving');
  const clients: Client[] = [];
  try {
    await test(server, clients);
  } finally {
    for (const client of clients) client.socket.destroy();
    await within(server.close(), 2_000, 'server.close() resolving');
  }
}

describe.concurrent('startTimedServer', () => {
  it(
    'answers 408 and closes a connection that sends nothing, after timeoutMs',
    TIMING_RETRIES,
    async ({ expect }) => {
      await withServer(TIMEOUT_MS, async (server, clients) => {
        const client = new Client(server.port);
        clients.push(client);
        const elapsed = await client.closed(3_000, 'the server closing a silent connection');
        expect(client.text, 'what the server sent before closing').toBe(TIMEOUT);
        expect(elapsed, `closed after ${elapsed.toFixed(0)} ms`).toBeGreaterThanOrEqual(
          TIMEOUT_MS - 5,
        );
        expect(elapsed, `closed after ${elapsed.toFixed(0)} ms`).toBeLessThanOrEqual(LATEST_MS);
      });
    },
  );

  it(
    'answers 408 to a head that trickles in too slowly: the limit counts from the connection, not from the last byte',
    TIMING_RETRIES,
    async ({ expect }) => {
      await withServer(TIMEOUT_MS, async (server, clients) => {
        const client = new Client(server.port);
        clients.push(client);
        // One byte every 20 ms: the whole head would take 540 ms, far over the limit.
        const head = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
        let sent = 0;
        const dribble = setInterval(() => {
          if (client.closedAt === undefined && sent < head.length)
            client.socket.write(head.charAt(sent++));
        }, 20);
        try {
          const elapsed = await client.closed(3_000, 'the server closing a slow connection');
          expect(client.text, `after ${sent} bytes of ${show(head)}`).toBe(TIMEOUT);
          expect(elapsed, `closed after ${elapsed.toFixed(0)} ms`).toBeGreaterThanOrEqual(
            TIMEOUT_MS - 5,
          );
          expect(elapsed, `closed after ${elapsed.toFixed(0)} ms`).toBeLessThanOrEqual(LATEST_MS);
        } finally {
          clearInterval(dribble);
        }
      });
    },
  );

  it(
    'answers every whole request on one connection, and restarts the limit after each response',
    TIMING_RETRIES,
    async ({ expect }) => {
      await withServer(TIMEOUT_MS, async (server, clients) => {
        const client = new Client(server.port);
        clients.push(client);
        client.socket.write(GET('/1'));
        await client.until(() => client.oks() === 1, 2_000, 'a 200 for the first request');
        // Half the limit later, two pipelined requests in one write.
        await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS / 2));
        client.socket.write(GET('/2') + GET('/3'));
        await client.until(() => client.oks() === 3, 2_000, 'two more 200s');
        const lastAnswer = performance.now();
        await client.closed(3_000, 'the 408 after the last answer');
        const elapsed = (client.closedAt ?? 0) - lastAnswer;
        expect(client.text).toBe(OK + OK + OK + TIMEOUT);
        expect(
          elapsed,
          `the 408 came ${elapsed.toFixed(0)} ms after the last 200`,
        ).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
        expect(
          elapsed,
          `the 408 came ${elapsed.toFixed(0)} ms after the last 200`,
        ).toBeLessThanOrEqual(LATEST_MS);
      });
    },
  );

  it('answers a head split across writes, even inside its CRLF CRLF, once per head', async ({
    expect,
  }) => {
    await withServer(2_000, async (server, clients) => {
      const client = new Client(server.port);
      clients.push(client);
      const pieces = ['GET / HT', 'TP/1.1\r\nHost: x\r\n\r', '\n'];
      for (const piece of pieces) {
        client.socket.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 20)); // let each piece arrive alone
      }
      await client.until(
        () => client.oks() === 1,
        2_000,
        `a 200 for ${pieces.map(show).join(' + ')}`,
      );
      client.socket.write(GET('/again'));
      await client.until(() => client.oks() === 2, 2_000, 'a 200 for a second request');
      expect(client.text, 'one 200 per head, nothing else').toBe(OK + OK);
    });
  });

  it('keeps serving after a client resets its connection', async ({ expect }) => {
    await withServer(2_000, async (server, clients) => {
      const rude = new Client(server.port);
      clients.push(rude);
      // A 200 first, so the server is surely reading this connection when the reset (RST) comes.
      rude.socket.write(GET('/'));
      await rude.until(() => rude.oks() === 1, 2_000, 'a 200 before the reset');
      rude.socket.resetAndDestroy();
      const polite = new Client(server.port);
      clients.push(polite);
      polite.socket.write(GET('/'));
      await polite.until(() => polite.oks() === 1, 2_000, 'a 200 after another client reset');
      expect(polite.text).toBe(OK);
    });
  });

  it('close() ends open connections and stops listening', TIMING_RETRIES, async ({ expect }) => {
    const server = await within(startTimedServer(5_000), 2_000, 'startTimedServer resolving');
    const client = new Client(server.port);
    try {
      client.socket.write(GET('/'));
      await client.until(() => client.oks() === 1, 2_000, 'a 200');
      await within(server.close(), 1_000, 'server.close() with a keep-alive connection open');
      await client.closed(1_000, 'the open connection closing when the server closes');
      const again = net.connect(server.port, '127.0.0.1');
      const [error] = await within(once(again, 'error'), 2_000, 'a connect after close()');
      expect((error as NodeJS.ErrnoException).code, 'a connect after close()').toBe('ECONNREFUSED');
    } finally {
      client.socket.destroy();
    }
  });
});

describe('startTimedServer, one at a time', () => {
  it('listens on 127.0.0.1 only, on a port the OS chose: two servers run side by side', async () => {
    // Records the server whatever way the code creates and starts it.
    const listen = vi.spyOn(net.Server.prototype, 'listen');
    const first = await within(startTimedServer(2_000), 2_000, 'startTimedServer resolving');
    try {
      const [listening] = listen.mock.contexts as net.Server[];
      listen.mockRestore();
      const address = listening?.address() as net.AddressInfo | undefined;
      expect(address?.address, 'the address the server listens on').toBe('127.0.0.1');
      const second = await within(startTimedServer(2_000), 2_000, 'a second server starting');
      try {
        expect(second.port, 'two servers, two ports').not.toBe(first.port);
        expect(first.port).toBe(address?.port);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it('leaves no timer running once a connection has closed', async () => {
    const before = await activeResourcesAfterTick();
    const server = await within(startTimedServer(5_000), 2_000, 'startTimedServer resolving');
    const client = new Client(server.port);
    client.socket.write(GET('/'));
    await client.until(() => client.oks() === 1, 2_000, 'a 200');
    client.socket.destroy();
    await within(server.close(), 2_000, 'server.close() resolving');
    const after = await activeResourcesAfterTick();
    expect(
      addedResources(before, after).filter((kind) => kind === 'Timeout'),
      'timers still armed after the client left and the server closed: clear the timer when a connection closes',
    ).toEqual([]);
  });
});
