// The chapter's stand-in for CPU-heavy work: counting primes by trial division, on purpose the
// slow way. Plain JavaScript (not TypeScript) so that a worker thread can load it without tsx.

/**
 * How many primes are below `limit`. About 1 ms of CPU for 20,000 and 7.5 ms for 100,000 on the
 * course's 2-core VM (Node 20, after warm-up): the time grows a little faster than the limit.
 *
 * @param {number} limit
 * @returns {number}
 * @example
 * countPrimesBelow(100) // 25
 */
export function countPrimesBelow(limit) {
  let count = 0;
  for (let n = 2; n < limit; n += 1) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= n; divisor += 1) {
      if (n % divisor === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count += 1;
  }
  return count;
}
