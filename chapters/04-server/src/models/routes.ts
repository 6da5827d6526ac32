// The one small application that the three concurrency-model servers all serve, so that they can
// be compared under the same load: GET /hello is the cheapest possible answer, GET /primes is a
// CPU-heavy one. Only where /primes is computed differs between the models.
import { errorResponse, type Response } from '../response-writer.ts';
import type { Handler } from '../server.ts';

/** The small response, the same 13 bytes as the raw-server benchmark. */
export const HELLO_BODY = 'hello, world\n';
/** Default work of one /primes request: about a millisecond of CPU. */
export const DEFAULT_PRIMES_BELOW = 20_000;
/** The largest limit accepted, so one request cannot occupy a core for minutes. */
export const MAX_PRIMES_BELOW = 10_000_000;

/** A counted result and who computed it: a process or a thread, for the demos to show. */
export interface PrimesResult {
  readonly count: number;
  readonly by: string;
}

/** Computes /primes: in the calling thread (models 1 and 2) or in a worker pool (model 3). */
export type CountPrimes = (below: number) => PrimesResult | Promise<PrimesResult>;

const answer = (below: number, result: PrimesResult): Response => ({
  status: 200,
  headers: { 'X-Served-By': result.by },
  body: `${result.count} primes below ${below}\n`,
});

/**
 * The handler: `/hello`, `/primes?below=N` (N up to 10,000,000), 404 for anything else.
 *
 * @example
 * const handler = modelRoutes((below) => ({ count: countPrimesBelow(below), by: `process ${process.pid}` }));
 * await startServer({ handler });
 */
export function modelRoutes(countPrimes: CountPrimes): Handler {
  return (request) => {
    if (request.method !== 'GET') return errorResponse(405, `${request.method} is not allowed`);
    if (request.target === '/hello') return { status: 200, body: HELLO_BODY };
    if (request.target !== '/primes' && !request.target.startsWith('/primes?')) {
      return errorResponse(404, `${request.target} not found; try /hello or /primes?below=N`);
    }
    const query = new URLSearchParams(request.target.slice('/primes'.length));
    const text = query.get('below') ?? String(DEFAULT_PRIMES_BELOW);
    // Digits only: Number() alone would take '' as 0, ' 5' as 5, '0x10' as 16 and '1e3' as 1000.
    const below = /^[0-9]{1,8}$/.test(text) ? Number(text) : Number.NaN;
    if (!(below >= 0 && below <= MAX_PRIMES_BELOW)) {
      return errorResponse(
        400,
        `below must be a whole number from 0 to ${MAX_PRIMES_BELOW}, got ${JSON.stringify(text)}`,
      );
    }
    const result = countPrimes(below);
    if (result instanceof Promise) {
      return result.then(
        (counted) => answer(below, counted),
        (error: unknown) =>
          errorResponse(503, error instanceof Error ? error.message : String(error)),
      );
    }
    return answer(below, result);
  };
}
