// Types for primes.mjs (plain JavaScript so that worker threads can load it without tsx).

/** How many primes are below `limit`, counted by trial division (CPU-heavy on purpose). */
export declare function countPrimesBelow(limit: number): number;
