// A tiny seeded random number generator, so that a "random" network is the same network on every
// run: the lossy UDP peer draws every drop, duplicate and delay from it, the HTTP target the sizes
// of the pieces it dribbles a response in.

/**
 * Returns a generator of numbers in [0, 1) that yields the same sequence for the same seed on
 * every machine (Tommy Ettinger's mulberry32: 32 bits of state, fast, statistically good enough
 * for simulating a network; never for anything secret). Only the low 32 bits of `seed` count.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, every run
 * random(); // 0.44829055899754167
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
