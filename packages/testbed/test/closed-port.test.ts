import { describe, expect, it } from 'vitest';
import { closedPort } from '../src/index.ts';
import { connectOutcome } from './connect-outcome.ts';
import { handlesSettleTo, openHandles } from './handles.ts';

describe('closedPort', () => {
  it('gives a loopback port where a connect is refused with ECONNREFUSED', async () => {
    const before = await openHandles();
    {
      await using closed = await closedPort();
      expect(closed.host).toBe('127.0.0.1');
      expect(closed.address).toEqual(['127.0.0.1', closed.port]);
      expect(closed.port).toBeGreaterThan(0);
      expect(await connectOutcome(closed.port, 1_000)).toBe('ECONNREFUSED');
    }
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});
