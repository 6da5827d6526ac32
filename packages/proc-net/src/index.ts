// The kernel's socket tables, parsed: /proc/net/{tcp,tcp6,udp,udp6} lines and the
// /proc/<pid>/fd links that say which process holds which socket. No sockets are opened here.
export type { AcceptedEnds, ClientOwner } from './connection-owner.ts';
export { clientEndIn, clientOwner, parseChildren, parseStatParent } from './connection-owner.ts';
export type { NetstatProto, ProcNetEntry, TcpStateName } from './parse-proc-net.ts';
export {
  decodeProcNetAddress,
  decodeProcNetEndpoint,
  formatIpv6Bytes,
  ProcNetParseError,
  parseProcNetLine,
  parseProcNetTable,
  procNetStateName,
  stripIpv4Mapped,
} from './parse-proc-net.ts';
export type { SocketOwner } from './socket-inodes.ts';
export {
  ProcUnavailableError,
  parseSocketLink,
  socketInodesOf,
  socketOwners,
} from './socket-inodes.ts';
