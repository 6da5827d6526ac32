// The examples' command-line plumbing beyond what @netprog/cli's defineCommand reads: the values
// only this chapter has (a loss probability, dig's @server), and the shell the examples run in.
// A user's mistake is one line on stderr and exit code 2 (no stack trace), as the house rules
// ask; a network failure (refused, timed out) one line and exit code 1; anything else is a bug
// and keeps its stack. The shell is the course's shared one; this chapter adds SocketError and
// DnsReplyError (a reply cut short or malformed).
import { isIP } from 'node:net';
import {
  EXIT_FAILURE,
  type Explanation,
  readInteger,
  runMain as sharedRunMain,
  UsageError,
} from '@netprog/cli';
import { type SockAddr, SocketError } from '@netprog/socket-core';
import { DnsReplyError } from './dig.ts';

/**
 * A SocketError (refused, timed out) and a DnsReplyError (a reply cut short or malformed) are
 * failures the examples expect: one line, exit code 1.
 */
function explainSocketError(error: unknown): Explanation | undefined {
  return error instanceof SocketError || error instanceof DnsReplyError
    ? { exitCode: EXIT_FAILURE, message: error.message }
    : undefined;
}

/**
 * Runs an example's main function: a UsageError becomes one line on stderr and exit code 2, a
 * SocketError (refused, timed out) one line and exit code 1; anything else keeps its stack trace.
 *
 * @example
 * runMain(async () => { ... });
 */
export function runMain(main: () => Promise<void>): Promise<void> {
  return sharedRunMain(main, { explain: explainSocketError });
}

/**
 * Parses a probability given as a fraction (0.3) or a percentage (30%).
 *
 * @example
 * parseProbability('30%', 'loss') // 0.3
 * parseProbability('0.25', 'loss') // 0.25
 */
export function parseProbability(text: string, name: string): number {
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(
      `${name} must be a fraction from 0 to 1 or a percentage such as 30%, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/**
 * Parses `@host:port` (or `@host`, port `defaultPort`) the way dig writes a server. The host must
 * be an IP address; IPv6 goes in brackets: `@[::1]:5353`.
 *
 * @example
 * parseServer('@127.0.0.1:5353', 53) // ['127.0.0.1', 5353]
 * parseServer('@[::1]', 53) // ['::1', 53]
 */
export function parseServer(text: string, defaultPort: number): SockAddr {
  const match = /^@(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  if (match === null || host === undefined || isIP(host) === 0) {
    throw new UsageError(
      `server must be written @IP or @IP:port, such as @127.0.0.1:5353 or @[::1]:5353, got ${JSON.stringify(text)}`,
    );
  }
  const port = match[3] === undefined ? defaultPort : readInteger(match[3], 'port', 1, 65_535);
  return [host, port];
}
