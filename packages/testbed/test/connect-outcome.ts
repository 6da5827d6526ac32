// How one connect ends, as a word a test can compare: for the fixtures whose whole point is how a
// connect ends (refused, never answered).
import { ConnectTimeoutError, connectTcp } from '../src/fixtures/index.ts';

/**
 * 'connected', 'timed out' (nothing within `giveUpMs`), or the connect's error code.
 *
 * @example
 * expect(await connectOutcome(closed.port, 1_000)).toBe('ECONNREFUSED');
 */
export async function connectOutcome(port: number, giveUpMs: number): Promise<string> {
  try {
    (await connectTcp(port, { timeoutMs: giveUpMs })).destroy();
    return 'connected';
  } catch (error) {
    if (error instanceof ConnectTimeoutError) return 'timed out';
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
