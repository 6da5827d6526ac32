// Where a fixture's seed comes from. A fixture that makes random choices (losses, delays, the
// pieces a response is dribbled in) draws them all from one generator seeded by one number, so
// the same seed replays the same run. The number is the test's (`seed: 42`), else the grader's
// (NETPROG_SEED, set by `pnpm lab ... --seed N`), else a fresh random one; either way the fixture
// exposes it as `seed` and prints it in its failure messages.
import { randomInt } from 'node:crypto';

/** The environment variable that replays a run: `NETPROG_SEED=42`. */
export const SEED_ENV = 'NETPROG_SEED';

/** The largest seed: the generator keeps 32 bits. */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * The seed a fixture uses: `given` when the test passes one, else NETPROG_SEED from `env`, else
 * a random one. Throws a RangeError naming `fixture` for a seed that is not a whole number from 0
 * to 2^32 - 1 (in the option or in the variable).
 *
 * @example
 * resolveSeed(42, 'listenLossyUdp')                     // 42
 * resolveSeed(undefined, 'listenHttp', { NETPROG_SEED: '7' }) // 7
 * resolveSeed(undefined, 'listenHttp', {})                 // e.g. 3141592653, new every time
 */
export function resolveSeed(
  given: number | undefined,
  fixture: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  if (given !== undefined) return checkSeed(given, `${fixture}: seed`);
  const fromEnv = env[SEED_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d+$/.test(fromEnv.trim())) {
      throw new RangeError(
        `${fixture}: ${SEED_ENV} must be a whole number such as 42 (it replays a run); got ${JSON.stringify(fromEnv)}`,
      );
    }
    return checkSeed(Number(fromEnv.trim()), `${fixture}: ${SEED_ENV}`);
  }
  return randomInt(MAX_SEED + 1);
}

function checkSeed(seed: number, what: string): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(
      `${what} must be a whole number from 0 to ${MAX_SEED}, such as 42 (it makes the run repeatable); got ${String(seed)}`,
    );
  }
  return seed;
}

/**
 * A message with the seed that produced it, so a failure can be replayed.
 *
 * @example
 * withSeed('reply 3 was dropped', 42) // 'reply 3 was dropped (seed 42)'
 */
export function withSeed(message: string, seed: number): string {
  return `${message} (seed ${seed})`;
}
