// Mutant: decides on ::ffff: from the host passed to listen(), so '' (which binds ::) gets none
// Why students write it: checks what the code says instead of what Node bound
// Reference solution for exercise 3.

export type SockAddr = readonly [host: string, port: number];

export interface Scenario {
  bindHost: string;
  serverPort: number;
  connectHost: string;
  clientPort: number;
}

export interface Prediction {
  listener: SockAddr;
  client: { local: SockAddr; remote: SockAddr };
  accepted: { local: SockAddr; remote: SockAddr };
}

/**
 * The source address Linux picks for a loopback destination: the route
 * `local 127.0.0.0/8 dev lo ... src 127.0.0.1` (see `ip route show table local`) makes every IPv4
 * loopback connection come FROM 127.0.0.1, whichever 127.x.y.z it goes to; ::1 comes from ::1.
 */
function sourceFor(connectHost: string): string {
  return connectHost.includes(':') ? '::1' : '127.0.0.1';
}

export function predictAddresses(scenario: Scenario): Prediction {
  const { bindHost, serverPort, connectHost, clientPort } = scenario;
  // Node's listen() with no host (or '') binds '::', dual-stack, where IPv6 exists; Python's ''
  // would mean '0.0.0.0'.
  const listenerHost = bindHost === '' ? '::' : bindHost;
  const source = sourceFor(connectHost);
  // An IPv6 listener sees IPv4 peers, and its own IPv4 address, as IPv4-mapped IPv6 addresses.
  const serverSees = (host: string) =>
    bindHost.includes(':') && !host.includes(':') ? `::ffff:${host}` : host;
  return {
    // The listener keeps the address it was bound to: 0.0.0.0 and :: stay wildcards.
    listener: [listenerHost, serverPort],
    client: { local: [source, clientPort], remote: [connectHost, serverPort] },
    // The accepted socket is the client's mirror image, with the concrete address the client
    // dialled as its local address (never the wildcard).
    accepted: {
      local: [serverSees(connectHost), serverPort],
      remote: [serverSees(source), clientPort],
    },
  };
}
