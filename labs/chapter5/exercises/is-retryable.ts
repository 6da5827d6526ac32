// Exercise 4: which errors are worth retrying?
//
// A retry helps only when the cause can go away by itself. Decide from the error's code, looking
// where Node and fetch put it.

/**
 * Returns true when retrying the failed operation later could succeed:
 *
 * - retryable codes: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, EHOSTUNREACH, ENETUNREACH,
 *   EAI_AGAIN (a temporary DNS failure);
 * - a DOMException named 'TimeoutError' (what AbortSignal.timeout() aborts with) is a timeout:
 *   retryable;
 * - NOT retryable: anything else, including ENOTFOUND, EACCES, EADDRINUSE, an 'AbortError'
 *   (someone cancelled on purpose), errors without a code, and values that are not objects.
 *
 * Where to look for the code:
 * - `error.code` (errors from net, dns, ...);
 * - `error.cause`, recursively (fetch rejects with TypeError('fetch failed') and puts the socket's
 *   error in `cause`);
 * - `error.errors` of an AggregateError (Node's connect tries several addresses and reports all
 *   failures at once): retryable if ANY of them is.
 * Never decide from the message text ('socket hang up' is an ECONNRESET), and stop on a cause
 * chain that loops back on itself (a.cause = b, b.cause = a) instead of overflowing the stack.
 *
 * @example
 * isRetryable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) // true
 * isRetryable(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })) // false
 */
export function isRetryable(error: unknown): boolean {
  // TODO: find the code (error.code, error.name, error.cause, error.errors) and decide.
  throw new Error(
    `TODO: isRetryable(${String(error)}) is not written yet (exercises/is-retryable.ts)`,
  );
}
