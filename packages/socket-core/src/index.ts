// @netprog/socket-core: the Berkeley-sockets view of Node's networking, for teaching
// socket/bind/listen/accept/connect/send/recv/close honestly in TypeScript.

export { acceptFrom } from './accept-from.ts';
export type { CreateServerOptions } from './create.ts';
export { createConnection, createServer } from './create.ts';
export * from './dgram/index.ts';
export type { ErrnoName, ErrnoReferenceEntry } from './errno.ts';
export { errnoName, errnoNumber, errnoReference, errorcode, isErrnoName } from './errno.ts';
export type { SocketErrorOptions } from './errors.ts';
export { SocketError, SocketTimeoutError, UnsupportedError } from './errors.ts';
export * from './netstat/index.ts';
export type { Support } from './node-support.ts';
export { reusePortSupport } from './node-support.ts';
export type { SocketView } from './repr.ts';
export { formatAddressTuple, formatSocket } from './repr.ts';
export * from './resolution/index.ts';
export { DEFAULT_BACKLOG, Socket } from './socket.ts';
export { socket } from './socket-factory.ts';
export type { SocketOption } from './tcp/options.ts';
export type { TimeoutMode } from './timeouts.ts';
export { getdefaulttimeout, setdefaulttimeout } from './timeouts.ts';
export type { Family, ShutdownHow, SockAddr, SocketState, SockType } from './types.ts';
