// Exercise 4: which errors are worth retrying? (reference solution)
//
// A retry helps only when the cause can go away by itself. Decide from the error's code, looking
// where Node and fetch put it.

/** Causes that can go away by themselves: a server restarting, a route healing, a busy resolver. */
const RETRYABLE_CODES = new Set([
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
 *
 * @example
 * isRetryable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) // true
 * isRetryable(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })) // false
 */
export function isRetryable(error: unknown, depth = 0): boolean {
  // The depth limit only guards against cycles (a.cause = b, b.cause = a).
  if (depth > 10 || typeof error !== 'object' || error === null) return false;
  const { code, name, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  if (name === 'TimeoutError') return true;
  if (name === 'AbortError') return false;
  if (cause !== undefined && isRetryable(cause, depth + 1)) return true;
  if (Array.isArray(errors)) return errors.some((inner) => isRetryable(inner, depth + 1));
  return false;
}
