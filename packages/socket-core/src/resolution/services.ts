// Service names ('http', 'domain') to port numbers, read from /etc/services as getaddrinfo(3) does.
import { readFileSync } from 'node:fs';

/** A transport protocol as /etc/services names it. */
export type ServiceProtocol = 'tcp' | 'udp';

/** `name/protocol` → port, for every name and alias in a services file. */
export type ServiceTable = ReadonlyMap<string, number>;

/**
 * Parses the services(5) format: `name port/protocol [aliases...] [# comment]`, one service a
 * line. Lines it cannot read are skipped, as the C library does.
 *
 * @example
 * parseServices('http 80/tcp www # WorldWideWeb HTTP').get('www/tcp') // 80
 */
export function parseServices(text: string): ServiceTable {
  const table = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [name, portProto, ...aliases] = (line.split('#')[0] ?? '').trim().split(/\s+/);
    const match = /^(\d+)\/(\w+)$/.exec(portProto ?? '');
    if (name === undefined || name === '' || match === null) continue;
    const port = Number(match[1]);
    for (const alias of [name, ...aliases]) {
      const key = `${alias}/${match[2]}`;
      // The first line for a name wins, as in glibc's files backend.
      if (!table.has(key)) table.set(key, port);
    }
  }
  return table;
}

let systemTable: ServiceTable | undefined;

/**
 * The port of a named service for one protocol, from this machine's /etc/services (read once),
 * or undefined when the file does not list it. Node has no getservbyname(), so we read the same
 * file the C library reads; on a system without /etc/services (Windows) every name is unknown.
 *
 * @example
 * servicePort('http', 'tcp')   // 80
 * servicePort('http', 'udp')   // undefined on current Debian (http is listed for tcp only)
 */
export function servicePort(name: string, protocol: ServiceProtocol): number | undefined {
  systemTable ??= readServicesFile('/etc/services');
  return systemTable.get(`${name}/${protocol}`);
}

function readServicesFile(path: string): ServiceTable {
  try {
    return parseServices(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
}
