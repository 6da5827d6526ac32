// A help that must not hold up what it helps: the value of `work`, or `fallback` once `ms` have
// passed without it (the timer is cleared either way, so it never keeps a process alive).

/**
 * Resolves with `work`'s value, or with `fallback` after `ms`.
 * @example
 * const why = await giveUpAfter(explainLeaks(), 8_000, '');
 */
export async function giveUpAfter<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
