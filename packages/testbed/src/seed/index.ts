// One seed per fixture, one generator: what makes a "random" network replayable.
export { mulberry32 } from './mulberry32.ts';
export { MAX_SEED, resolveSeed, SEED_ENV, withSeed } from './resolve-seed.ts';
