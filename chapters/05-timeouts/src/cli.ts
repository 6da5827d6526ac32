// The examples' command-line plumbing. runMain and UsageError are the course's shared shell
// (@netprog/cli): a user's mistake becomes one line on stderr and exit code 2, no stack
// trace, as the house rules ask. This file adds the chapter's argument parsing.
import { isIP } from 'node:net';
import type { SockAddr } from '@netprog/socket-core';
import { runMain, UsageError } from '@netprog/cli';

export { runMain, UsageError };

/**
 * Parses a positive whole number of milliseconds.
 *
 * @example
 * parseMs('500', 'limit-ms') // 500
 * parseMs('soon', 'limit-ms') // throws UsageError: limit-ms must be a whole number of milliseconds...
 */
export function parseMs(text: string, name: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 600_000) {
    throw new UsageError(
      `${name} must be a whole number of milliseconds from 1 to 600000, got ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

/**
 * Parses `host port` into an address. The host must be an IP literal (this chapter is about
 * timeouts, not name resolution, and a literal avoids the localhost v4/v6 ambiguity).
 *
 * @example
 * parseAddress('127.0.0.1', '8080') // ['127.0.0.1', 8080]
 */
export function parseAddress(host: string, port: string): SockAddr {
  if (isIP(host) === 0) {
    throw new UsageError(
      `host must be an IP address such as 127.0.0.1, got ${JSON.stringify(host)}`,
    );
  }
  const number = Number(port);
  if (!/^\d+$/.test(port) || number < 1 || number > 65_535) {
    throw new UsageError(`port must be a number from 1 to 65535, got ${JSON.stringify(port)}`);
  }
  return [host, number];
}

/**
 * Milliseconds since `start`, rounded, for "after 503 ms (limit 500 ms)" lines.
 *
 * @example
 * const started = performance.now(); ...; console.log(`after ${since(started)} ms`);
 */
export function since(start: number): number {
  return Math.round(performance.now() - start);
}
