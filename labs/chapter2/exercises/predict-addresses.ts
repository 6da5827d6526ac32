// Exercise 3: predict every local and remote address of a TCP connection before it exists.
//
// The grader really runs each scenario with node:net on this machine: a server listens on
// `bindHost` (the port it got is given to you as `serverPort`), a client connects to
// `connectHost` (the ephemeral port it got is given to you as `clientPort`), and the server accepts.
// Then it compares your prediction with what Node reports:
//   listener          = server.address()                       (after listen, and still after accept)
//   client.local      = [client.localAddress, client.localPort]
//   client.remote     = [client.remoteAddress, client.remotePort]
//   accepted.local    = the accepted socket's localAddress/localPort
//   accepted.remote   = the accepted socket's remoteAddress/remotePort
// Every host the grader uses is a literal address (or '') on loopback: no DNS is involved.

export type SockAddr = readonly [host: string, port: number];

export interface Scenario {
  /** What the server passed to listen(): '', '0.0.0.0', '127.0.0.1', '127.0.0.2', '::' or '::1'. */
  bindHost: string;
  /** The port the server got (it listened on port 0). */
  serverPort: number;
  /** The address the client dialled: '127.0.0.1', '127.0.0.2' or '::1'. */
  connectHost: string;
  /** The ephemeral port the kernel gave the client. */
  clientPort: number;
}

export interface Prediction {
  listener: SockAddr;
  client: { local: SockAddr; remote: SockAddr };
  accepted: { local: SockAddr; remote: SockAddr };
}

/**
 * Predicts the addresses Node will report for `scenario` on Linux.
 *
 * @example
 * predictAddresses({ bindHost: '127.0.0.1', serverPort: 7001, connectHost: '127.0.0.1', clientPort: 50204 })
 * // { listener: ['127.0.0.1', 7001],
 * //   client:   { local: ['127.0.0.1', 50204], remote: ['127.0.0.1', 7001] },
 * //   accepted: { local: ['127.0.0.1', 7001], remote: ['127.0.0.1', 50204] } }
 */
export function predictAddresses(scenario: Scenario): Prediction {
  throw new Error(`TODO: predict the addresses for ${JSON.stringify(scenario)}`);
}
