// The Date header every response carries (RFC 9110 §6.6.1), e.g. "Fri, 02 Jan 2026 03:04:05 GMT".
// It has a resolution of one second, so it is formatted once a second, not once a request:
// toUTCString() builds a new string through the date library each time, and at tens of thousands
// of requests a second that is measurable. node:http and nginx cache it the same way.

let cachedSecond = Number.NaN;
let cachedValue = '';

/**
 * The IMF-fixdate for `nowMs` (default: now), formatted at most once per second.
 *
 * @example
 * httpDate(Date.UTC(2026, 0, 2, 3, 4, 5)) // 'Fri, 02 Jan 2026 03:04:05 GMT'
 */
export function httpDate(nowMs: number = Date.now()): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedValue = new Date(second * 1000).toUTCString();
  }
  return cachedValue;
}
