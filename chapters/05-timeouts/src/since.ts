// How the examples report time: whole milliseconds since a start, for lines such as
// "after 503 ms (limit 500 ms)" that the tests read back and check against the limit.

/**
 * Milliseconds since `start` (a performance.now() reading), rounded.
 *
 * @example
 * const started = performance.now(); ...; console.log(`after ${since(started)} ms`);
 */
export function since(start: number): number {
  return Math.round(performance.now() - start);
}
