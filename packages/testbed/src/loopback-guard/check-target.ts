// The guard's rule for one destination (host and port), as a pure function.
import { type GuardedOperation, LoopbackGuardError } from './guard-error.ts';
import { isLoopback } from './is-loopback.ts';

/**
 * Port 53 on loopback is where a machine's own DNS stub listens (systemd-resolved on
 * 127.0.0.53, dnsmasq, ...), and it forwards queries to the internet. Fake DNS servers in tests
 * listen on an ephemeral port instead, so the guard refuses port 53 even on loopback.
 */
export const SYSTEM_DNS_PORT = 53;

/**
 * The error for a destination the guard refuses, or undefined when it may go ahead: the host
 * must be loopback (see isLoopback) and the port must not be 53. `via` names the host name an
 * address was resolved from, for the message.
 *
 * @example
 * checkTarget('TCP connect', '127.0.0.1', 8080)        // undefined
 * checkTarget('UDP send', '198.51.100.1', 53)?.message // 'loopback guard: refused UDP send to 198.51.100.1:53: ...'
 */
export function checkTarget(
  operation: GuardedOperation,
  host: string,
  port: number | string | undefined,
  via?: string,
): LoopbackGuardError | undefined {
  const shown = `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`;
  const from = via === undefined ? '' : ` (resolved from ${via})`;
  if (!isLoopback(host)) return new LoopbackGuardError(operation, shown, from);
  if (Number(port) === SYSTEM_DNS_PORT) {
    return new LoopbackGuardError(
      operation,
      shown,
      `${from} (port 53 on loopback is the system's DNS resolver, which forwards off the machine)`,
    );
  }
  return undefined;
}
