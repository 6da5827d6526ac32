// Mutant: looks at error.code and error.errors only, never at error.cause, where fetch puts the real error
// Why students write it: errors from net carry their code directly; fetch's wrapping is a surprise
// Exercise 4: which errors are worth retrying? (reference solution)
//
// A retry helps only when the cause can go away by itself. Decide from the error's code, looking
// where Node and fetch put it.

/** Causes that can go away by themselves: a server restarting, a route healing, a busy resolver. */
const RETRYABLE_CODES: ReadonlySet<unknown> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

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
export function isRetryable(error: unknown, seen = new Set<object>()): boolean {
  // `seen` guards against cycles (a.cause = b, b.cause = a): each object is looked at once.
  if (typeof error !== 'object' || error === null || seen.has(error)) return false;
  seen.add(error);
  const { code, name, errors } = error as {
    code?: unknown;
    name?: unknown;
    errors?: unknown;
  };
  if (RETRYABLE_CODES.has(code) || name === 'TimeoutError') return true;
  return Array.isArray(errors) && errors.some((inner) => isRetryable(inner, seen));
}
