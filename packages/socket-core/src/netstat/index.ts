// netstat(): the kernel's view of this process's sockets (Linux /proc), plus the pure pieces
// behind it for anyone who wants to parse /proc/net themselves.

export type {
  NetstatProto,
  ProcNetEntry,
  SocketOwner,
  TcpStateName,
} from '@netprog/proc-net';
export {
  decodeProcNetAddress,
  decodeProcNetEndpoint,
  formatIpv6Bytes,
  ProcNetParseError,
  parseProcNetLine,
  parseProcNetTable,
  parseSocketLink,
  procNetStateName,
  socketInodesOf,
  socketOwners,
  stripIpv4Mapped,
} from '@netprog/proc-net';
export { formatNetstat, formatNetstatEndpoint } from './format-netstat.ts';
export type { NetstatEntry, NetstatOptions } from './netstat.ts';
export { NETSTAT_PROTOCOLS, NetstatUnsupportedError, netstat } from './netstat.ts';
