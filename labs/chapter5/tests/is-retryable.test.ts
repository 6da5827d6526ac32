// Graded tests for exercise 4 (isRetryable). Do not edit: lab.json holds this file's hash.
import { closedPort, connectTcp, listenHttp } from '@netprog/testbed/fixtures';
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../exercises/is-retryable.ts';

const withCode = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });

describe('isRetryable', () => {
  it('retries the codes whose cause can go away by itself', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EAI_AGAIN',
    ]) {
      expect(isRetryable(withCode(code)), code).toBe(true);
    }
  });

  it('does not retry mistakes, unknown codes, or things that are not errors', () => {
    expect(isRetryable(withCode('ECONNREFUSED')), 'control: a retryable code').toBe(true);
    for (const code of ['ENOTFOUND', 'EACCES', 'EADDRINUSE', 'EINVAL', 'ESOMETHINGNEW']) {
      expect(isRetryable(withCode(code)), code).toBe(false);
    }
    expect(isRetryable(new Error('no code at all'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
    expect(isRetryable(null)).toBe(false);
    expect(isRetryable('ECONNREFUSED')).toBe(false); // a string is not an error object
  });

  it('treats an AbortSignal timeout as retryable, a deliberate abort as not', () => {
    expect(
      isRetryable(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ).toBe(true);
    expect(isRetryable(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
  });

  it('finds the code in the cause chain (fetch) and in AggregateError.errors', () => {
    expect(isRetryable(new TypeError('fetch failed', { cause: withCode('ECONNRESET') }))).toBe(
      true,
    );
    expect(isRetryable(new TypeError('fetch failed', { cause: withCode('ENOTFOUND') }))).toBe(
      false,
    );
    const deep = new Error('outer', {
      cause: new Error('middle', { cause: withCode('ETIMEDOUT') }),
    });
    expect(isRetryable(deep)).toBe(true);
    expect(isRetryable(new AggregateError([withCode('EACCES'), withCode('ECONNREFUSED')]))).toBe(
      true,
    );
    expect(isRetryable(new AggregateError([withCode('EACCES'), withCode('ENOTFOUND')]))).toBe(
      false,
    );
  });

  it('decides from the code, not from the message text', () => {
    // Node's http client reports a reset as 'socket hang up', with the code ECONNRESET.
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(isRetryable(hangUp), "Error('socket hang up') with code ECONNRESET").toBe(true);
    const wrapped = new Error('connect ECONNREFUSED 127.0.0.1:80 (retried by someone else)');
    expect(isRetryable(wrapped), 'a message that mentions ECONNREFUSED, without a code').toBe(
      false,
    );
    const lookup = Object.assign(new Error('lookup failed after ETIMEDOUT'), { code: 'ENOTFOUND' });
    expect(isRetryable(lookup), 'code ENOTFOUND, message mentioning ETIMEDOUT').toBe(false);
  });

  it('reads plain objects, fetch causes holding an AggregateError, and stops on a loop', () => {
    expect(isRetryable({ code: 'ECONNRESET' }), "a plain object { code: 'ECONNRESET' }").toBe(true);
    expect(
      isRetryable(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })),
      'a plain-object cause',
    ).toBe(true);
    // What fetch rejects with when every address of a name refused: the errors sit one level down.
    const everyAddress = new TypeError('fetch failed', {
      cause: new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
    });
    expect(isRetryable(everyAddress), 'a cause that is an AggregateError').toBe(true);
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isRetryable(a), 'a.cause = b, b.cause = a, no code anywhere').toBe(false);
    const c = withCode('EACCES');
    const d = new Error('d', { cause: c });
    c.cause = new AggregateError([d, withCode('EPIPE')]);
    expect(isRetryable(d), 'a loop through an AggregateError that also holds EPIPE').toBe(true);
  });

  it('classifies real errors from net and fetch', async () => {
    const closed = await closedPort();
    const fromNet = await connectTcp(closed.port).catch((e: unknown) => e);
    expect(isRetryable(fromNet)).toBe(true);
    const fromFetch = await fetch(`http://127.0.0.1:${closed.port}/`, {
      signal: AbortSignal.timeout(2_000),
    }).catch((e: unknown) => e);
    expect(fromFetch).toBeInstanceOf(TypeError);
    expect(isRetryable(fromFetch)).toBe(true);
    await using slow = await listenHttp({ delayMs: 2_000 });
    const timedOut = await fetch(slow.url, { signal: AbortSignal.timeout(100) }).catch(
      (e: unknown) => e,
    );
    expect(isRetryable(timedOut)).toBe(true);
    const controller = new AbortController();
    const cancelled = fetch(slow.url, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(isRetryable(await cancelled)).toBe(false);
  });
});
