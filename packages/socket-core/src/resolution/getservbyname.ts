// getservbyname: a service name → its port number, from /etc/services.
import { type ServiceProtocol, servicePort } from './services.ts';

/**
 * The port of a named service: Python's `socket.getservbyname('http', 'tcp')` → 80. Node has no
 * such call; this reads /etc/services, the file the C library's "files" backend reads.
 * Without `protocol`, TCP is tried first, then UDP (C returns the first line that matches).
 *
 * @example
 * getservbyname('http')           // 80
 * getservbyname('domain', 'udp')  // 53
 */
export function getservbyname(name: string, protocol?: ServiceProtocol): number {
  const port =
    protocol === undefined
      ? (servicePort(name, 'tcp') ?? servicePort(name, 'udp'))
      : servicePort(name, protocol);
  if (port === undefined) {
    // Python raises OSError('service/proto not found') here.
    throw new Error(
      `getservbyname: /etc/services lists no service ${JSON.stringify(name)}${protocol === undefined ? '' : ` for ${protocol}`}; pass the port number instead.`,
    );
  }
  return port;
}
