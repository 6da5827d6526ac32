import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../src/index.ts';
import { handlesSettleTo, openHandles } from './handles.ts';

/** Resolves with the error code of one connect attempt (bounded). */
function connectError(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer within 1 s');
    }, 1_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? error.message);
    });
  });
}

describe('closedPort', () => {
  it('gives a loopback port where a connect is refused with ECONNREFUSED', async () => {
    const before = await openHandles();
    {
      await using closed = await closedPort();
      expect(closed.host).toBe('127.0.0.1');
      expect(closed.address).toEqual(['127.0.0.1', closed.port]);
      expect(closed.port).toBeGreaterThan(0);
      expect(await connectError(closed.host, closed.port)).toBe('ECONNREFUSED');
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});
