import { clientSockets, listenEcho, listenHttp, listenRecorder } from '@netprog/testbed/fixtures';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { afterEach, describe, expect, it } from 'vitest';
import { readExactly, recvWithTimeout } from '../src/read-timeout.ts';

// Plain net.Sockets, each connect bounded (testbed's connectTcp), destroyed after every test.
const clients = clientSockets();
afterEach(() => clients.destroyAll());

describe('recvWithTimeout', () => {
  it(
    'times out within ±20% against a server that accepts and stays silent',
    TIMING_RETRIES,
    async () => {
      await using silent = await listenRecorder();
      const socket = await clients.connect(silent.port);
      const started = performance.now();
      const error = await recvWithTimeout(socket, 500).catch((e: unknown) => e);
      expectNearLimit(performance.now() - started, 500);
      expect(error).toMatchObject({ code: 'ETIMEDOUT', syscall: 'read', timeoutMs: 500 });
      // Like Python's recv timeout, the socket is still usable afterwards.
      expect(socket.destroyed).toBe(false);
    },
  );

  it('resolves with the bytes that arrive, at most maxBytes, keeping the rest', async () => {
    await using echo = await listenEcho();
    const socket = await clients.connect(echo.port);
    socket.write('hello world');
    const first = await recvWithTimeout(socket, 1_000, 5);
    expect(first.toString()).toBe('hello');
    let rest = '';
    while (rest.length < 6) rest += (await recvWithTimeout(socket, 1_000)).toString();
    expect(rest).toBe(' world');
  });

  it('resolves with an empty Buffer when the peer closes (EOF), like recv() == b""', async () => {
    await using target = await listenHttp({ rawResponse: 'bye' });
    const socket = await clients.connect(target.port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    let text = '';
    for (;;) {
      const chunk = await recvWithTimeout(socket, 1_000);
      if (chunk.length === 0) break;
      text += chunk.toString();
    }
    expect(text).toBe('bye');
  });
});

describe('readExactly: idle timeout vs deadline', () => {
  // One byte every 100 ms: a 300 ms idle timeout never fires, an 800 ms deadline must.
  const trickle = { rawResponse: 'x'.repeat(40), dribble: true, dribbleIntervalMs: 100 };

  it('an idle timeout does not stop a peer that trickles', async () => {
    await using target = await listenHttp(trickle);
    const socket = await clients.connect(target.port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const bytes = await readExactly(socket, 5, { idleTimeoutMs: 300 });
    expect(bytes.toString()).toBe('xxxxx');
  });

  it('a deadline does, within ±20% of it', TIMING_RETRIES, async () => {
    await using target = await listenHttp(trickle);
    const socket = await clients.connect(target.port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const started = performance.now();
    const error = await readExactly(socket, 40, { idleTimeoutMs: 300, deadlineMs: 800 }).catch(
      (e: unknown) => e,
    );
    expectNearLimit(performance.now() - started, 800);
    expect(error).toMatchObject({ name: 'DeadlineError', code: 'ETIMEDOUT', timeoutMs: 800 });
  });

  it('the idle timeout fires first on a silent peer, within ±20%', TIMING_RETRIES, async () => {
    await using silent = await listenRecorder();
    const socket = await clients.connect(silent.port);
    const started = performance.now();
    const error = await readExactly(socket, 10, { idleTimeoutMs: 500, deadlineMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expectNearLimit(performance.now() - started, 500);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', syscall: 'read', timeoutMs: 500 });
  });

  it('says how many bytes came when the peer closes early', async () => {
    await using target = await listenHttp({ rawResponse: 'abc' });
    const socket = await clients.connect(target.port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect(readExactly(socket, 10, { deadlineMs: 1_000 })).rejects.toThrow(
      /after 3 of 10 bytes/,
    );
  });

  it('refuses to read without any bound', async () => {
    await using silent = await listenRecorder();
    const socket = await clients.connect(silent.port);
    await expect(readExactly(socket, 1, {})).rejects.toThrow(/could hang forever/);
  });
});
