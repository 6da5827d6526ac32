// Which failures are worth retrying? A retry only helps when the cause can go away by itself
// (a server restarting, a route flapping, a DNS server that is busy). Retrying a mistake (a name
// that does not exist, a permission you do not have) just fails again, slower.

/** One row of the retry table. */
export interface RetryRule {
  /** Node's error code (the errno name, or a Node-specific code). */
  readonly code: string;
  /** Is a retry likely to succeed later? */
  readonly retryable: boolean;
  /**
   * May a request that is NOT idempotent (a payment, an append) be retried after this error?
   * Only when the error proves the request never reached the server.
   */
  readonly safeIfNotIdempotent: boolean;
  /** Why, in one line: shown in the chapter's table. */
  readonly why: string;
}

// #region rules
/** The errors a network client meets, and whether to retry them. Unknown codes are NOT retried. */
export const RETRY_RULES: readonly RetryRule[] = [
  {
    code: 'ECONNREFUSED',
    retryable: true,
    safeIfNotIdempotent: true,
    why: 'nothing listens there yet (server starting or restarting); nothing was sent',
  },
  {
    code: 'ETIMEDOUT',
    retryable: true,
    safeIfNotIdempotent: false,
    why: 'no answer in time: lost packets or a busy peer; a read timeout may follow a sent request',
  },
  {
    code: 'ECONNRESET',
    retryable: true,
    safeIfNotIdempotent: false,
    why: 'the peer dropped the connection (restart, load balancer); it may have acted first',
  },
  {
    code: 'EPIPE',
    retryable: true,
    safeIfNotIdempotent: false,
    why: 'wrote to a connection the peer had already closed; part of the request may be in',
  },
  {
    code: 'ECONNABORTED',
    retryable: true,
    safeIfNotIdempotent: false,
    why: 'the connection was aborted on this host (e.g. after a timeout or a reset)',
  },
  {
    code: 'EHOSTUNREACH',
    retryable: true,
    safeIfNotIdempotent: true,
    why: 'no route to the host right now (link down, ARP failed); may heal, so back off long',
  },
  {
    code: 'ENETUNREACH',
    retryable: true,
    safeIfNotIdempotent: true,
    why: 'no route to the network right now (interface down, Wi-Fi roaming)',
  },
  {
    code: 'ENETDOWN',
    retryable: true,
    safeIfNotIdempotent: true,
    why: 'the local interface is down; it may come back',
  },
  {
    code: 'EAGAIN',
    retryable: true,
    safeIfNotIdempotent: true,
    why: 'literally "try again": a non-blocking call had nothing to do yet',
  },
  {
    code: 'EAI_AGAIN',
    retryable: true,
    safeIfNotIdempotent: true,
    why: 'temporary DNS failure (resolver timed out or busy); nothing was sent',
  },
  {
    code: 'ENOTFOUND',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'the name does not exist (NXDOMAIN); fix the name instead',
  },
  {
    code: 'EACCES',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'permission denied (privileged port, firewall rule); retrying changes nothing',
  },
  {
    code: 'EPERM',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'operation not permitted (often a local firewall); retrying changes nothing',
  },
  {
    code: 'EADDRINUSE',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'the local address is taken; pick another port or stop the other process',
  },
  {
    code: 'EADDRNOTAVAIL',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'that local address is not on this machine; fix the bind address',
  },
  {
    code: 'EINVAL',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'an invalid argument: a bug in the caller',
  },
  {
    code: 'EMFILE',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'too many open files in this process: close leaked sockets or raise `ulimit -n`',
  },
  {
    code: 'ABORT_ERR',
    retryable: false,
    safeIfNotIdempotent: true,
    why: 'the caller cancelled on purpose (AbortController.abort()); respect it',
  },
];
// #endregion rules

const RULES_BY_CODE = new Map(RETRY_RULES.map((rule) => [rule.code, rule]));

/** What `classifyError` decided, and why. */
export interface Classification {
  /** The code found on the error (or its cause), or undefined when it has none. */
  readonly code: string | undefined;
  readonly retryable: boolean;
  readonly why: string;
}

/**
 * Finds the error code behind an error, looking where Node and fetch put it:
 * `error.code` (net, dns); a DOMException named 'TimeoutError' (AbortSignal.timeout) counts as
 * ETIMEDOUT; `error.cause` (fetch wraps the socket's error as `TypeError('fetch failed')`); and
 * the first inner error of an AggregateError (Node's happy-eyeballs connect when every address
 * failed).
 *
 * @example
 * errorCode(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) // 'ECONNREFUSED'
 * errorCode(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })) // 'ECONNRESET'
 */
export function errorCode(error: unknown, depth = 0): string | undefined {
  // Cause chains are short; the limit only protects against a cycle (a.cause = b, b.cause = a).
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { code, name, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && code !== '') return code;
  if (name === 'TimeoutError') return 'ETIMEDOUT';
  if (name === 'AbortError') return 'ABORT_ERR';
  if (cause !== undefined) return errorCode(cause, depth + 1);
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0], depth + 1);
  return undefined;
}

/**
 * Decides whether a failed network operation is worth retrying, using `RETRY_RULES`. Errors with
 * no code, or a code not in the table, are not retried: retrying what you do not understand hides
 * bugs. Pass `{ idempotent: false }` for requests that must not run twice; then only errors that
 * prove nothing was sent are retryable.
 *
 * @example
 * classifyError(Object.assign(new Error(), { code: 'ECONNREFUSED' })).retryable // true
 * classifyError(Object.assign(new Error(), { code: 'ECONNRESET' }), { idempotent: false }).retryable // false
 */
export function classifyError(
  error: unknown,
  options: { idempotent?: boolean } = {},
): Classification {
  const { idempotent = true } = options;
  const code = errorCode(error);
  const rule = code === undefined ? undefined : RULES_BY_CODE.get(code);
  if (rule === undefined) {
    return {
      code,
      retryable: false,
      why: code === undefined ? 'no error code: not a network error' : `unknown code ${code}`,
    };
  }
  if (rule.retryable && !idempotent && !rule.safeIfNotIdempotent) {
    return {
      code,
      retryable: false,
      why: `${rule.why}; not idempotent, so a retry could do it twice`,
    };
  }
  return { code, retryable: rule.retryable, why: rule.why };
}

/**
 * `classifyError(error, options).retryable`: the predicate `retry()` uses by default.
 *
 * @example
 * isRetryable(Object.assign(new Error(), { code: 'ENOTFOUND' })) // false
 */
export function isRetryable(error: unknown, options: { idempotent?: boolean } = {}): boolean {
  return classifyError(error, options).retryable;
}
