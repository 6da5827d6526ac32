// A bound for any wait a test makes on the network ('connect', 'message', 'end', a reply): the
// house rule is that every network operation has one, so a peer that never answers fails the
// test with a message naming what did not happen, instead of hanging it until the runner's
// own timeout.

/**
 * Resolves or rejects like `promise`, or rejects with "<what> did not happen within <ms> ms" if
 * it has not settled by then. The timer is cleared either way; the promise itself is not
 * cancelled (destroy the socket it waits on, as the test's cleanup does anyway).
 *
 * @example
 * await within(once(client, 'connect'), 2_000, `connect to 127.0.0.1:${port}`);
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
