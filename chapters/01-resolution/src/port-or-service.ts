// getaddrinfo's port argument, as the explorer example reads it from its command line: Python's
// getaddrinfo takes a port number or a service name ('http'), and so does socket-core's.
import { readInteger, UsageError } from '@netprog/cli';

/**
 * Reads a port for getaddrinfo: a number from 0 to 65535, or a service name such as 'http'
 * (looked up in /etc/services by the call itself).
 *
 * @example
 * parsePortOrService('443') // 443
 * parsePortOrService('http') // 'http'
 */
export function parsePortOrService(text: string): number | string {
  if (/^-?\d+$/.test(text)) return readInteger(text, 'port', 0, 65_535);
  if (/^[a-z][a-z0-9-]*$/i.test(text)) return text;
  throw new UsageError(
    `port must be a number from 0 to 65535 or a service name such as http, got ${JSON.stringify(text)}`,
  );
}
