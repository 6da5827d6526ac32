import { describe, expect, it } from 'vitest';
import { modelRoutes } from '../src/models/routes.ts';
import type { Request } from '../src/server.ts';

const routes = modelRoutes((below) => ({ count: below, by: 'test' }));
const get = (target: string) =>
  routes({
    method: 'GET',
    target,
    version: '1.1',
    headers: [],
    contentLength: 0,
    keepAlive: true,
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
    remotePort: 1,
  } satisfies Request);

describe('modelRoutes', () => {
  it('answers /hello and /primes?below=N', async () => {
    expect(await get('/hello')).toMatchObject({ status: 200, body: 'hello, world\n' });
    expect(await get('/primes?below=100')).toMatchObject({ status: 200 });
    expect(await get('/primes')).toMatchObject({ status: 200 });
  });

  // Number() reads '' as 0, ' 5' and '\xa05' as 5, '0x10' as 16 and '1e3' as 1000: a query must
  // be plain decimal digits, or it is refused.
  it.each(['', '%205', '%C2%A05', '0x10', '1e3', '1.0', '-0', '+5', '10000001'])(
    'refuses below=%s',
    async (value) => {
      expect(await get(`/primes?below=${value}`)).toMatchObject({ status: 400 });
    },
  );
});
