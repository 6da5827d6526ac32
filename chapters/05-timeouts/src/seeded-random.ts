// A tiny seeded random number generator, so that examples that use jitter print the same delays on
// every run (and their recorded outputs stay comparable). Real code uses Math.random: jitter only
// works if different clients pick different delays.

/**
 * Returns a function that yields the same sequence of numbers in [0, 1) for the same seed
 * (the "mulberry32" generator: 32 bits of state, good enough for spreading delays, not for
 * anything secret).
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636, on every machine, every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
