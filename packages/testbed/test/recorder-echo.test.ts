import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenEcho, listenOpenPorts, listenRecorder } from '../src/index.ts';
import { within } from '../src/timing/index.ts';
import { handlesSettleTo, openHandles } from './handles.ts';
import { exchange, sendAndClose } from './raw-client.ts';

describe('listenRecorder', () => {
  it('records the bytes of two connections, in total and per connection', async () => {
    const before = await openHandles();
    {
      await using recorder = await listenRecorder();
      expect(recorder.address).toEqual(['127.0.0.1', recorder.port]);
      await sendAndClose(recorder.port, 'first;');
      await recorder.waitForBytes(6);
      await sendAndClose(recorder.port, 'second');
      expect((await recorder.waitForBytes(12)).toString()).toBe('first;second');
      expect(recorder.received().toString()).toBe('first;second');
      expect(recorder.receivedBy().map(String)).toEqual(['first;', 'second']);
      expect(recorder.connections).toBe(2);
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });

  it('waitForBytes rejects with what did arrive when the bytes never come', async () => {
    await using recorder = await listenRecorder();
    await expect(recorder.waitForBytes(1, 50)).rejects.toThrow(/only 0 arrived/);
  });

  it('close() ends connections the client left open, and can be called twice', async () => {
    const before = await openHandles();
    const recorder = await listenRecorder();
    const socket = net.connect(recorder.port, recorder.host);
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('x');
    await recorder.waitForBytes(1);
    await Promise.all([recorder.close(), recorder.close()]);
    await closed;
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});

describe('listenEcho', () => {
  it('sends every byte back and closes when the client does', async () => {
    const before = await openHandles();
    {
      await using echo = await listenEcho();
      const payload = Buffer.alloc(200_000, 'abc');
      const socket = net.connect(echo.port, echo.host, () => socket.end(payload));
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      await within(
        new Promise((resolve, reject) => {
          socket.once('error', reject);
          socket.once('end', resolve);
        }),
        5_000,
        'the echo of 200,000 bytes and its EOF',
      );
      expect(Buffer.concat(received).equals(payload)).toBe(true);
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});

describe('listenOpenPorts', () => {
  it('opens distinct ports, sorted, each accepting and closing (with a banner)', async () => {
    const before = await openHandles();
    {
      await using open = await listenOpenPorts(4, { banner: 'hello\n' });
      expect(open.ports).toHaveLength(4);
      expect(new Set(open.ports).size).toBe(4);
      expect([...open.ports].sort((a, b) => a - b)).toEqual(open.ports);
      for (const port of open.ports) {
        expect((await exchange(port, '')).bytes.toString()).toBe('hello\n');
      }
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });

  it('rejects a count that is not a small positive integer', async () => {
    await expect(listenOpenPorts(0)).rejects.toThrow(/count must be an integer from 1/);
  });
});
